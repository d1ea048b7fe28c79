"""A municipality's plans in time: two in force at once, days with none, a draft dated after adoption."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ..days import adopted, calendar_date
from ..errors import DelegationError
from ..i18n import date_text, text
from ..model import Plan
from .findings import Finding, finding


def siblings(path: Path, plan: Plan) -> list[Plan]:
    """The other plans of the plan's municipality in its rules folder (broken ones left out: they
    are reported on their own)."""
    from ..engine.registry import load, plan_files

    if not plan.municipality:
        return []
    found = []
    for other_path in plan_files(path.parent).values():
        if Path(other_path).resolve() == path.resolve():
            continue
        try:
            other = load(other_path)
        except DelegationError:
            continue
        if other.municipality == plan.municipality and other.id != plan.id:
            found.append(other)
    return found


def timeline(plan: Plan, others: Iterable[Plan], lang: str = "da") -> list[Finding]:
    """Findings on `plan` in time, beside the other plans of its municipality."""
    found = _dated_after_adoption(plan, lang)
    group = [p for p in others if p.municipality == plan.municipality and p.id != plan.id]
    if not plan.municipality or not adopted([plan]):
        return found
    ordered = adopted([plan, *group])
    name = plan.municipality
    for index, earlier in enumerate(ordered):
        for later in ordered[index + 1 :]:
            if plan is not earlier and plan is not later:
                continue
            overlap = _overlap(earlier, later)
            if overlap is not None:
                found.append(
                    finding(
                        "DLG050",
                        plan.span,
                        text(
                            lang,
                            "check.in_force_together",
                            first=earlier.id,
                            later=later.id,
                            municipality=name,
                            start=date_text(overlap[0].isoformat(), lang),
                            end=date_text(overlap[1].isoformat(), lang) if overlap[1] else "-",
                        ),
                        text(lang, "check.in_force_together.hint"),
                    )
                )
    for earlier, later in zip(ordered, ordered[1:]):
        if (plan is not earlier and plan is not later) or not earlier.in_force_until:
            continue
        end, start = _day(earlier.in_force_until), _day(later.in_force_from)
        if start - end > dt.timedelta(days=1):
            found.append(
                finding(
                    "DLG051",
                    plan.span,
                    text(
                        lang,
                        "check.in_force_gap",
                        municipality=name,
                        first=earlier.id,
                        later=later.id,
                        start=date_text((end + dt.timedelta(days=1)).isoformat(), lang),
                        end=date_text((start - dt.timedelta(days=1)).isoformat(), lang),
                    ),
                    text(lang, "check.in_force_gap.hint"),
                )
            )
    return found


def _day(value: str | None) -> dt.date:
    day = calendar_date(value or "")
    assert day is not None  # the loader refuses a plan with an impossible date (DLG008)
    return day


def _overlap(first: Plan, second: Plan) -> tuple[dt.date, dt.date | None] | None:
    """The days both plans are in force (an open end is None), or None when they do not meet."""
    start = max(_day(first.in_force_from), _day(second.in_force_from))
    ends = [_day(p.in_force_until) for p in (first, second) if p.in_force_until]
    end = min(ends) if ends else None
    return (start, end) if end is None or start <= end else None


def _dated_after_adoption(plan: Plan, lang: str) -> list[Finding]:
    adopted_on = plan.adoption.date if plan.adoption else plan.in_force_from
    if not plan.date or not adopted_on or plan.date <= adopted_on:
        return []
    return [
        finding(
            "DLG052",
            plan.span,
            text(
                lang,
                "check.draft_after_adoption",
                date=date_text(plan.date, lang),
                adopted=date_text(adopted_on, lang),
            ),
            text(lang, "check.draft_after_adoption.hint"),
        )
    ]
