"""Read the decision log: list and filter the entries, export them, and replay them under another plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from ..days import parse_as_of
from ..engine.decision import BAND_FIELDS, OUTCOME_FIELDS
from ..engine.evaluate import decide
from ..errors import DelegationError
from ..model import Plan
from .decisionlog import connect, rows

REPLAY_SCHEMA: Final = "delegation.replay/1"
# What "decided differently" means: the case type found and the outcome, not the wording.
_OUTCOME = (*OUTCOME_FIELDS, "depends_on")


@dataclass(frozen=True)
class LogFilter:
    """Which entries: logged from/to a day (both included, UTC), by plan, case type or deciding body."""

    since: dt.date | None = None
    until: dt.date | None = None
    plan: str | None = None
    case_type: str | None = None
    body: str | None = None
    limit: int | None = None

    @classmethod
    def parse(
        cls,
        since: str | None = None,
        until: str | None = None,
        plan: str | None = None,
        case_type: str | None = None,
        body: str | None = None,
        limit: int | None = None,
        lang: str = "da",
    ) -> LogFilter:
        """From the caller's strings: a malformed or impossible day is an InputError (exit 2)."""
        return cls(
            parse_as_of(since, lang, "from") if since else None,
            parse_as_of(until, lang, "to") if until else None,
            plan,
            case_type,
            body,
            limit,
        )

    def where(self) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if self.since:
            clauses.append("logged_at >= ?")
            params.append(self.since.isoformat())
        if self.until and self.until < dt.date.max:  # 9999-12-31 has no next day: no bound at all
            clauses.append("logged_at < ?")
            params.append((self.until + dt.timedelta(days=1)).isoformat())
        for column, value in (("plan", self.plan), ("case_type", self.case_type), ("decides", self.body)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params


def read_log(url: str, wanted: LogFilter | None = None) -> Iterator[dict[str, Any]]:
    """The entries of the log at `url` that match, oldest first (request and decision as JSON data)."""
    backend = connect(url, read_only=True)  # reading never makes a log where none was
    try:
        where, params = (wanted or LogFilter()).where()
        yield from rows(backend, where, params, (wanted or LogFilter()).limit)
    finally:
        backend.close()


def _informed(inform: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    # A decision logged before briefings had a frequency: none, not a change on replay.
    return None if inform is None else [{"frequency": None, **item} for item in inform]


def _outcome(decision: dict[str, Any]) -> dict[str, Any]:
    found = {key: decision.get(key) for key in _OUTCOME}
    found["case_type"] = (decision.get("case_type") or {}).get("id")
    found["inform"] = _informed(found["inform"])
    # A case asked without the facts it depends on: every band's outcome, not its wording.
    found["outcomes"] = [
        {key: _informed(band.get(key)) if key == "inform" else band.get(key) for key in BAND_FIELDS}
        for band in decision.get("outcomes") or ()
    ]
    found["plan"] = decision.get("plan")
    return found


def replay(url: str, plan: Plan, wanted: LogFilter | None = None, lang: str = "da") -> dict[str, Any]:
    """Ask every logged case again under `plan`: how many entries there were, and each one that
    would have been decided differently, with the logged outcome and the new one
    (delegation.replay/1; an error the new plan gives in `lang`)."""
    changed = []
    count = 0
    for entry in read_log(url, wanted):
        count += 1
        request = entry["request"]
        before = _outcome(entry["decision"])
        try:
            answer = decide(
                plan,
                request.get("case") or "",
                request.get("facts") or {},
                department=request.get("department"),
                lang=request.get("lang") or "da",
                kle=request.get("kle"),
            )
            after: dict[str, Any] = _outcome(answer.to_dict())
        except DelegationError as error:
            after = {"plan": plan.id, "error": error.problems[0].text(lang)}
        if {k: v for k, v in before.items() if k != "plan"} != {
            k: v for k, v in after.items() if k != "plan"
        }:
            changed.append(
                {
                    "id": entry["id"],
                    "logged_at": entry["logged_at"],
                    "request_id": entry["request_id"],
                    "reference": entry["reference"],
                    "query": entry["decision"].get("query"),
                    "facts": entry["decision"].get("facts"),
                    "before": before,
                    "after": after,
                }
            )
    return {"schema": REPLAY_SCHEMA, "plan": plan.id, "entries": count, "changed": changed}
