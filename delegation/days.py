"""Plans in time: calendar dates, a plan's period in force, and the plan in force on a day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .errors import InputError, Problem
from .messages import Message
from .model import Plan, PlanStatus

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def calendar_date(value: str) -> dt.date | None:
    """The day an ISO date (2026-03-12) names; None for one the calendar lacks (2026-02-30)."""
    if not _ISO.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_as_of(value: str | dt.date, lang: str = "da", field: str = "as_of") -> dt.date:
    """The day a caller asks about; InputError (exit 2) for a malformed or impossible date."""
    if isinstance(value, dt.date):
        return value
    cleaned = value.strip()
    day = calendar_date(cleaned)
    if day is None:
        key = "asof.impossible" if _ISO.match(cleaned) else "asof.malformed"
        raise InputError(Problem(key, {"value": cleaned}, hint=Message("asof.hint"), field=field))
    return day


def in_force_on(plan: Plan, day: dt.date) -> bool:
    """True when the plan was adopted and in force on the day (both ends of its period included)."""
    if plan.status is PlanStatus.draft or not plan.in_force_from:
        return False
    start = calendar_date(plan.in_force_from)
    end = calendar_date(plan.in_force_until) if plan.in_force_until else None
    return start is not None and start <= day and (end is None or day <= end)


def adopted(plans: Iterable[Plan]) -> list[Plan]:
    """The plans that were ever in force (adopted or since repealed), by the day they came into force."""
    found = [p for p in plans if p.status is not PlanStatus.draft and p.in_force_from]
    return sorted(found, key=lambda p: (p.in_force_from or "", p.id))


def plan_in_force(plans: Iterable[Plan], day: dt.date) -> Plan | None:
    """The plan in force on the day among one municipality's plans (the latest to start, should
    two overlap: `delegation check` reports that as DLG050)."""
    found = [plan for plan in adopted(plans) if in_force_on(plan, day)]
    return found[-1] if found else None


def today() -> dt.date:
    """The day of the answer (local calendar: a municipality's decisions are dated locally)."""
    return dt.date.today()
