"""The service's parts for plans in time: the plan in force, the request id, the log entry of an answer."""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..i18n import text
from .decisionlog import Entry

if TYPE_CHECKING:
    from fastapi import Request

    from ..engine.decision import Decision
    from ..model import Plan

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
    from ..engine.intime import decide_in_time

    if not request.case and not request.kle:
        raise InputError(Problem("give 'case' (text or id) or 'kle'", field="case"))
    answers = decide_in_time(
        plans,
        request.case,
        request.facts,
        as_of=request.as_of or today(),
        chosen=chosen,
        department=request.department,
        lang=request.lang,
        kle=request.kle,
    )
    if len(answers) > 1:
        raise InputError(
            Problem(
                text(request.lang, "asof.several", plans=", ".join(p.id for p, _ in answers)), field="plan"
            )
        )
    return answers[0][1]
