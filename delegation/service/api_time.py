"""The service's parts for plans in time: the request id, and the decision log's entry of an answer."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from .decisionlog import Entry, now

if TYPE_CHECKING:
    from fastapi import Request

    from ..engine.decision import Decision

# A load balancer's or caller's request id is kept when it is a plain token; anything else is
# replaced, so that the log never stores a header a caller made up to look like something else.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/-]{1,100}$")


def request_id_of(request: Request) -> str:
    """The caller's X-Request-Id when it is a plain token, else a new one."""
    given = request.headers.get("x-request-id", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def entry(decision: Decision, asked: Any, request_id: str) -> Entry:
    """The log entry of an answer to a DecideRequest (what was asked, enough to ask it again)."""
    return Entry(
        logged_at=now(),
        request_id=request_id,
        reference=asked.reference,
        request={
            "case": asked.case,
            "facts": asked.facts,
            "department": asked.department,
            "kle": asked.kle,
            "lang": asked.lang,
            "as_of": asked.as_of,
        },
        decision=decision,
    )
