"""The service's parts for plans in time: the plan in force, request ids, log entries, the log over HTTP."""

from __future__ import annotations

import hmac
import json
import re
import time
import uuid
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request  # at run time: FastAPI reads the routes' annotations
from fastapi.responses import JSONResponse, Response  # the same: /openapi.json failed without them

from ..errors import InputError, Problem
from .decisionlog import Entry
from .http_errors import error_lang, error_response

if TYPE_CHECKING:
    from ..engine.decision import Decision
    from ..model import Plan
    from .decisionlog import DecisionLog
    from .store import PlanStore

# A load balancer's or caller's request id is kept when it is a plain token; anything else is
# replaced, so that the log never stores a header a caller made up to look like something else.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/-]{1,100}$")


def request_id_of(request: Request) -> str:
    """The caller's X-Request-Id when it is a plain token, else a new one."""
    given = request.headers.get("x-request-id", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def entry(decision: Decision, asked: Any, request_id: str, answer: str | None = None) -> Entry:
    """The log entry of an answer to a DecideRequest (the request itself is what was asked, enough
    to ask it again); `answer` is the decision's JSON when the response already made it."""
    return Entry(time.time(), request_id, asked.reference, asked, decision, answer)


def decide_in_force(plans: list[Plan], request: Any, chosen: bool = False) -> Decision:
    """The answer of the plan in force on `as_of` (today when not given) among `plans`, or of the
    one plan named (`chosen`), its receipt saying whether it was in force."""
    from ..days import today
    from ..engine.intime import decide_in_force as in_force

    if not request.case.strip() and not request.kle:
        raise InputError(Problem("request.no_case", field="case"))
    return in_force(
        plans,
        request.case,
        request.facts,
        as_of=request.as_of or today(),
        chosen=chosen,
        department=request.department,
        lang=request.lang,
        kle=request.kle,
    )


def token_refused(request: Request, token: str, key: str) -> JSONResponse | None:
    """None when the caller sent exactly `Authorization: Bearer <token>`, else the 401 saying
    `key` (in the query's `lang`), for every admin endpoint alike."""
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return error_response(401, "unauthorized", key, lang=error_lang(request))
    return None


def mount_log(app: FastAPI, store: PlanStore, log: DecisionLog, admin_token: str | None) -> None:
    """GET /admin/log (JSON Lines) and /admin/log/replay: the decision log over HTTP, for the
    holder of the admin token only (the log holds the callers' case references)."""
    from fastapi import Query

    from .logbook import LogFilter, read_log, replay

    def refused(request: Request) -> JSONResponse | None:
        if admin_token is None:
            return error_response(403, "forbidden", "http.log.token", lang=error_lang(request))
        return token_refused(request, admin_token, "http.log.token")

    def wanted(
        since: str | None, until: str | None, plan: str | None, case: str | None, body: str | None, limit: int
    ) -> LogFilter:
        return LogFilter.parse(since, until, plan, case, body, limit)

    @app.get("/admin/log", include_in_schema=True)
    def log_entries(
        request: Request,
        since: str | None = Query(None, alias="from", max_length=20),
        until: str | None = Query(None, alias="to", max_length=20),
        plan: str | None = Query(None, max_length=100),
        case: str | None = Query(None, max_length=200),
        body: str | None = Query(None, max_length=100),
        limit: int = Query(1000, ge=1, le=100_000),
    ) -> Response:
        """The logged decisions, oldest first, one JSON object a line (as `delegation log --jsonl`)."""
        denied = refused(request)
        if denied is not None:
            return denied
        lines = (
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
            for entry in read_log(log.url, wanted(since, until, plan, case, body, limit))
        )
        return Response("".join(lines), media_type="application/x-ndjson")

    @app.get("/admin/log/replay", include_in_schema=True)
    def log_replay(
        request: Request,
        plan: str = Query(..., max_length=100, description="The plan to ask the logged cases again"),
        since: str | None = Query(None, alias="from", max_length=20),
        until: str | None = Query(None, alias="to", max_length=20),
        case: str | None = Query(None, max_length=200),
        body: str | None = Query(None, max_length=100),
        limit: int = Query(10_000, ge=1, le=100_000),
    ) -> Response:
        """What the logged cases would have been answered under another plan (delegation.replay/1)."""
        denied = refused(request)
        if denied is not None:
            return denied
        report = replay(
            log.url, store.get(plan), wanted(since, until, None, case, body, limit), error_lang(request)
        )
        return JSONResponse(report)
