"""The HTTP service: the decision API for case-handling systems, on FastAPI (read-only, reloadable)."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..analysis.diffing import PlanDiff
from ..engine.decision import BodyRef, Decision
from ..engine.evaluate import decide
from ..engine.outcomes import receipt
from ..errors import DelegationError, InputError, Problem
from ..messages import LANGUAGES
from ..model import Plan
from .api_reports import MAX_FMT_BYTES, mount_reports
from .api_time import decide_in_force, entry, mount_log, request_id_of, token_refused
from .api_workload import MAX_WORKLOAD_BYTES, mount_workload
from .batch import batch_error
from .contracts import (
    LOOPBACK,
    MAX_BODY_BYTES,
    BatchRequest,
    BatchResponse,
    CaseInfo,
    DecideRequest,
    ErrorResponse,
    PlanInfo,
)
from .decisionlog import DecisionLog
from .headers import RequestShape, SecurityHeaders, mount_docs
from .http_errors import error_lang, error_response, http_message, invalid_field, invalid_message, query_lang
from .limits import Limiter
from .store import PlanStore, ReloadResult, settle_heap
from .web import mount_web

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class BodyLimit:
    """Reject request bodies over the limit, by Content-Length or while they stream in."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit
        # A case file is larger than a JSON question; rules text to format, smaller: formatting
        # costs 1-13 s of CPU a MB (aliases, sections, comments; bench of the attack report),
        # and a real rules file is under 100 KB (Aarhus's largest: 48 KB).
        self.limits = {"/workload": MAX_WORKLOAD_BYTES, "/fmt": MAX_FMT_BYTES}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limits.get(scope["path"], self.limit)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await error_response(
                413,
                "body_too_large",
                "http.too_large",
                {"limit": _thousands(limit)},
                lang=query_lang(scope),
            )(scope, receive, send)
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await error_response(
                413,
                "body_too_large",
                "http.too_large",
                {"limit": _thousands(limit)},
                lang=query_lang(scope),
            )(scope, receive, send)


class _TooLarge(Exception):
    pass


MAX_DIFF_PLANS = 8  # plans one GET /diff compares


def create_app(
    rules_dir: str | Path | None = None,
    store: PlanStore | None = None,
    admin_token: str | None = None,
    log: DecisionLog | None = None,
) -> FastAPI:
    """The service over the plans in rules_dir (default: the built-in plans). With `admin_token`
    (or $DELEGATION_ADMIN_TOKEN), POST /admin/reload needs it as a bearer token. With `log`,
    every decision is recorded in the decision log (closed, and so flushed, when the app stops)."""
    admin_token = admin_token or os.environ.get("DELEGATION_ADMIN_TOKEN") or None
    store = store or PlanStore(rules_dir)
    app = FastAPI(
        docs_url=None,  # served by mount_docs, from a package instead of a CDN
        redoc_url=None,
        title="delegation",
        version=__version__,
        description="Who decides a municipal case, who must be told, and why.",
        responses={
            400: {"model": ErrorResponse},
            404: {"model": ErrorResponse},
            413: {"model": ErrorResponse},
            422: {"model": ErrorResponse},
        },
    )
    app.state.store = store
    app.state.log = log
    # No redirect to the path with a slash added: Starlette builds it from the request's Host
    # header ("/static" answered 307 to http://evil.example/static/); RequestShape drops slashes.
    app.router.redirect_slashes = False
    if log is not None:
        app.router.on_shutdown.append(log.close)
    # The last added runs first: headers wrap everything the application answers.
    app.add_middleware(BodyLimit)
    # The Limiter outside all of it (a 503 carries the security headers itself): refusing through
    # Starlette's and FastAPI's layers cost the event loop about twice as much (bench/abuse.py).
    # The headers outside Starlette's error middleware, so that its 500 carries them too.
    build = app.build_middleware_stack
    # RequestShape first of all: the Limiter weighs the path it drops the trailing slash from
    # ("/plans/A/decide/batch/" went past the heavy work's limit).
    app.build_middleware_stack = lambda: RequestShape(Limiter(SecurityHeaders(build())))  # type: ignore[method-assign]
    mount_docs(app)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        body = getattr(error, "body", None)  # the body's own "lang", when it is one of ours
        lang = (
            body["lang"] if isinstance(body, dict) and body.get("lang") in LANGUAGES else error_lang(request)
        )
        if first.get("type") == "json_invalid":
            return error_response(400, "malformed_json", "http.malformed_json", lang=lang)
        field = invalid_field(first.get("loc", ()))
        return error_response(422, "invalid_request", *invalid_message(first), field=field, lang=lang)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, error: InputError) -> JSONResponse:
        problem = error.problems[0]
        status = 404 if problem.field == "plan" else 422
        kind = "unknown_plan" if status == 404 else "bad_input"
        return error_response(
            status,
            kind,
            problem.key,
            problem.args,
            problem.field,
            error_lang(request, error),
            problem.hint,
            problem.location,
        )

    @app.exception_handler(DelegationError)
    async def ruleserror_response(request: Request, error: DelegationError) -> JSONResponse:
        problem = error.problems[0]
        return error_response(
            500,
            "rules_error",
            problem.key,
            problem.args,
            lang=error_lang(request, error),
            location=problem.location,
        )

    @app.exception_handler(StarletteHTTPException)
    async def httperror_response(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if isinstance(error.__cause__, _TooLarge):  # FastAPI reports a body cut off by BodyLimit as 400
            return error_response(
                413,
                "body_too_large",
                "http.too_large",
                {"limit": _thousands(MAX_BODY_BYTES)},
                lang=error_lang(request),
            )
        if error.status_code == 400 and isinstance(error.__cause__, (ValueError, RecursionError)):
            # A body FastAPI could not parse that json did not call malformed (a number of 5.000
            # digits, 50.000 nested lists): said as malformed JSON, not in Starlette's English.
            return error_response(400, "malformed_json", "http.malformed_json", lang=error_lang(request))
        key, args = http_message(error.status_code, str(error.detail))
        response = error_response(error.status_code, "http_error", key, args, lang=error_lang(request))
        response.headers.update(error.headers or {})  # Retry-After of a 503
        return response

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        # never a stack trace to the caller
        return error_response(500, "internal_error", "http.internal", lang=error_lang(request))

    @app.get("/healthz")
    async def healthz(request: Request) -> dict[str, Any]:
        # async: answered on the event loop itself, never queued behind decisions in the thread pool.
        status = store.status()
        logged = log.status() if log is not None else None
        return {
            "status": "degraded" if logged and logged["status"] != "ok" else "ok",
            "version": __version__,
            "plans": sorted(store.plans),
            "rules": status["plans"],
            "rules_sha256": status["rules_sha256"],
            "last_reload": status["last_reload"],
            "busy": _limiter(request.app).busy,
            "log": logged,
        }

    @app.get("/plans", response_model=list[PlanInfo])
    def list_plans() -> list[PlanInfo]:
        return [
            PlanInfo(
                id=p.id,
                title=p.title,
                date=p.date,
                source=p.source,
                document=p.document,
                municipality=p.municipality,
                case_types=len(p.case_types),
                rules_sha256=receipt(p).rules_sha256,
                status=p.status.value,
                in_force_from=p.in_force_from,
                in_force_until=p.in_force_until,
            )
            for p in sorted(store.plans.values(), key=lambda p: p.id)
        ]

    @app.get("/plans/{plan_id}/cases", response_model=list[CaseInfo])
    def list_cases(plan_id: str, search: str | None = Query(None, max_length=200)) -> list[CaseInfo]:
        plan = store.get(plan_id)
        return [
            CaseInfo(id=c.id, title=c.title, aliases=list(c.aliases), section=c.section, category=c.category)
            for c in plan.cases(search)
        ]

    @app.get("/plans/{plan_id}/bodies", response_model=list[BodyRef])
    def list_bodies(plan_id: str) -> list[BodyRef]:
        """The plan's bodies with the names a decision's `bodies` gives them, in rules order."""
        from ..engine.wording import body_refs

        return list(body_refs(store.get(plan_id)))

    @app.post("/plans/{plan_id}/decide", response_model=Decision)
    async def decide_one(plan_id: str, request: DecideRequest, http: Request) -> Response:
        # A decision takes microseconds: answering on the event loop beats a thread hop, and the
        # contract's own serialiser (byte-identical JSON) beats re-validating the response model.
        request = _asked_lang(request, http)  # the log keeps the language the answer has
        if log is not None and not log.room():
            return _log_full(log, request.lang)
        decision = store.public(_decide(store, plan_id, request))
        request_id, body = request_id_of(http), decision.to_json(indent=None)
        if log is not None:
            log.record(entry(decision, request, request_id, body))
        return Response(body, media_type="application/json", headers={"x-request-id": request_id})

    @app.post("/plans/{plan_id}/decide/batch", response_model=BatchResponse)
    def decide_batch(plan_id: str, request: BatchRequest, http: Request) -> Response:
        plan = store.get(plan_id)
        if log is not None and not log.room(len(request.cases)):
            return _log_full(log, query_lang(http.scope))
        answers: list[dict[str, Any]] = []
        request_id = request_id_of(http)
        for index, raw in enumerate(request.cases, start=1):
            # Each item validated alone: a wrongly typed one is its own error, as a bad line of
            # `decide --batch` is, not the whole batch's 422.
            try:
                item = _asked_lang(DecideRequest.model_validate(raw), http)
            except ValidationError as error:
                first = error.errors()[0]
                asked = raw.get("lang") if isinstance(raw, dict) else None
                lang = asked if asked in LANGUAGES else query_lang(http.scope)
                key, args = invalid_message(first)
                field = invalid_field(first["loc"]) if first.get("loc") else None  # None: the item itself
                answers.append(batch_error(index, lang, key, args, field, "invalid_request"))
                continue
            try:
                decision = store.public(_decide(plan, None, item))
                answers.append(decision.to_dict())
                if log is not None:
                    log.record(entry(decision, item, f"{request_id}/{index}"))
            except InputError as error:
                problem = error.problems[0]
                answers.append(batch_error(index, item.lang, problem.key, problem.args, problem.field))
        # Written as /decide writes one decision (Decision.to_dict), not by pydantic's serialiser
        # of the response model: one writer for the contract, whatever the endpoint.
        return Response(
            json.dumps({"decisions": answers}, ensure_ascii=False, separators=(",", ":")),
            media_type="application/json",
        )

    @app.get("/diff", response_model=PlanDiff, response_model_by_alias=True)
    def compare(
        plans: str = Query(..., max_length=200, description="Plan ids, comma-separated: A,B"),
        section: str | None = Query(None, max_length=200),
        body: str | None = Query(None, max_length=200),
        only_changed: bool = False,
        lang: Literal["da", "en"] = "da",
    ) -> PlanDiff:
        from ..analysis.diffing import diff

        named = [plan_id.strip() for plan_id in plans.split(",") if plan_id.strip()]
        if len(named) > MAX_DIFF_PLANS:  # each plan more is a column of every band: 99 gave 4.9 MB
            raise InputError(Problem("diff.too_many_plans", {"limit": MAX_DIFF_PLANS}, field="plans"))
        chosen = [store.get(plan_id) for plan_id in named]
        return diff(*chosen, section=section, body=body, only_changed=only_changed, lang=lang)

    @app.get("/history")
    def case_history(
        case: str = Query(..., max_length=200, description="Case type id or words"),
        lang: Literal["da", "en"] = "da",
    ) -> dict[str, Any]:
        """How a case type's competence changed across its municipality's plans (delegation.history/1)."""
        from ..analysis.history import history

        return history([store.plans[plan_id] for plan_id in sorted(store.plans)], case, lang).to_dict()

    @app.get("/check")
    def check_plans(
        lang: Literal["da", "en"] = "da", min_severity: Literal["error", "warning", "info"] = "info"
    ) -> dict[str, Any]:
        """The linter's findings on every plan being served (delegation.check/1)."""
        from ..analysis.checking import check
        from ..analysis.findings import Severity

        plans = [store.plans[plan_id] for plan_id in sorted(store.plans)]
        return check(*plans, lang=lang).to_dict(Severity(min_severity))

    @app.post("/admin/reload", response_model=ReloadResult)
    def reload(request: Request) -> ReloadResult | JSONResponse:
        refused = _reload_refused(request, admin_token)
        if refused is not None:
            return refused
        result = store.reload()
        if result.reloaded and gc.get_freeze_count():
            # `serve` froze the heap with the plans it served: the plans replaced here stay frozen,
            # never collected (1.2 MB a reload, 1.3 GB after a thousand), until the heap is settled.
            settle_heap()
        return result

    mount_workload(app, store)  # POST /workload: a case file weighed against the plans
    mount_reports(app, store)  # show, body, graph, render, schema, fmt and test, as the commands

    @app.post("/decide", response_model=Decision)
    async def decide_now(request: DecideRequest, http: Request) -> Response:
        """The answer of the plan in force on `as_of` (today when not given)."""
        request = _asked_lang(request, http)
        if log is not None and not log.room():
            return _log_full(log, request.lang)
        decision = store.public(_decide_in_force(list(store.plans.values()), request))
        request_id, body = request_id_of(http), decision.to_json(indent=None)
        if log is not None:
            log.record(entry(decision, request, request_id, body))
        return Response(body, media_type="application/json", headers={"x-request-id": request_id})

    if log is not None:
        mount_log(app, store, log, admin_token)
    mount_web(app, store)  # the Danish web pages at /, beside the JSON API
    return app


def _limiter(app: FastAPI) -> Limiter:
    """The app's Limiter middleware (built when the app first serves)."""
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, Limiter):
        layer = getattr(layer, "app", None)
    assert layer is not None
    return layer


def _reload_refused(request: Request, token: str | None) -> JSONResponse | None:
    """None when the caller may reload. With a token: exactly that bearer token, from anywhere.
    Without: the loopback interface as the socket sees it (the service trusts no forwarded-for
    header), and a JSON body or the X-Delegation-Reload header, which a web page of another origin
    cannot send without a preflight this service never grants."""
    if token is not None:
        return token_refused(request, token, "http.reload.token")
    if request.client is None or request.client.host not in LOOPBACK:
        return error_response(403, "forbidden", "http.reload.loopback", lang=error_lang(request))
    if not _addressed_here(request):
        host = request.headers.get("host", "")[:100]
        return error_response(403, "forbidden", "http.reload.host", {"host": host}, lang=error_lang(request))
    json_body = request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
    if not (json_body or request.headers.get("x-delegation-reload")):
        return error_response(403, "forbidden", "http.reload.header", lang=error_lang(request))
    return None


def _addressed_here(request: Request) -> bool:
    """Whether the request names this host as loopback does ("127.0.0.1:8000", "localhost",
    "[::1]") or by the address the server listens on. A page of another site whose name was made
    to point at 127.0.0.1 (DNS rebinding), or a proxy on this host passing its public name, sends
    its own name: it reached the socket from loopback, but not from this machine's user."""
    host = request.headers.get("host", "").lower()
    name = host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0].rstrip(".")
    return name in LOOPBACK or name == (request.scope.get("server") or ("",))[0]


def _asked_lang(request: DecideRequest, http: Request) -> DecideRequest:
    """The request in the language the URL asks for (`?lang=en`) where its body names none: the
    answer was Danish where its errors were English."""
    asked = http.query_params.get("lang")
    if "lang" in request.model_fields_set or asked not in LANGUAGES:
        return request
    return request.model_copy(update={"lang": asked})


def _decide(plans: Plan | PlanStore, plan_id: str | None, request: DecideRequest) -> Decision:
    """One decision; an error carries the language the request asked for."""
    try:
        plan = plans.get(plan_id or "") if isinstance(plans, PlanStore) else plans
        if not request.case.strip() and not request.kle:
            raise InputError(Problem("request.no_case", field="case"))
        if request.as_of is not None:
            return decide_in_force([plan], request, chosen=True)
        return decide(
            plan,
            request.case,
            request.facts,
            department=request.department,
            lang=request.lang,
            kle=request.kle,
        )
    except DelegationError as error:
        if "lang" in request.model_fields_set:  # answered in the language the asker chose
            error.lang = request.lang
        raise


def _decide_in_force(plans: list[Plan], request: DecideRequest) -> Decision:
    """POST /decide: the plan in force; an error carries the language the request asked for."""
    try:
        return decide_in_force(plans, request)
    except DelegationError as error:
        if "lang" in request.model_fields_set:
            error.lang = request.lang
        raise


def _log_full(log: DecisionLog, lang: str) -> JSONResponse:
    """503 while the decision log's queue has no room: an answer is given only when it is logged."""
    answer = error_response(503, "log_full", "log.full", {"pending": len(log.pending)}, lang=lang)
    answer.headers["Retry-After"] = "5"
    return answer
