"""Ask plans in time: the plan in force on a day, and decisions stamped with the day asked about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..days import adopted, in_force_on, parse_as_of, plan_in_force, today
from ..errors import InputError, Problem, checked_lang
from ..hints import TYPE_CHECKING
from ..i18n import date_text, listing
from ..messages import LANGUAGES, Localized, Message
from ..model import Plan, PlanStatus
from ..records import assembled
from .decision import Decision, Receipt, copied_with
from .evaluate import decide
from .registry import by_municipality

if TYPE_CHECKING:
    from typing import Any


def in_force(plans: Iterable[Plan], day: dt.date, lang: str = "da") -> list[Plan]:
    """The plan in force on the day for each municipality among `plans`; InputError (exit 2) when
    no municipality had one, saying whether the day lies before the first plan and naming the
    drafts that could be asked instead."""
    groups = by_municipality(plans)
    found = [plan for group in groups.values() if (plan := plan_in_force(group, day)) is not None]
    if found:
        return found
    if not groups:
        raise InputError(Problem("asof.no_plans", field="as_of"))
    problems = []
    for municipality, group in groups.items():
        ever = adopted(group)
        name = municipality or "-"
        when = _in_each_language(date_text, day.isoformat())
        if ever and day.isoformat() < (ever[0].in_force_from or ""):
            first = _in_each_language(date_text, ever[0].in_force_from or "")
            key, args = "asof.before", {"date": when, "municipality": name, "first": first}
        else:
            key, args = "asof.none", {"date": when, "municipality": name}
        drafts = [p.id for p in group if p.status is PlanStatus.draft]
        hint = (
            Message("asof.drafts", drafts=_in_each_language(listing, drafts))
            if drafts
            else Message("asof.no_drafts")
        )
        problems.append(Problem(key, args, hint=hint, field="as_of"))
    raise InputError(problems)


def stamped(plan: Plan, decision: Decision, as_of: dt.date | None) -> Decision:
    """The decision with the day asked about in its receipt, and whether the plan was in force
    then (on the day of the answer when no day was asked about)."""
    if decision.receipt is None:
        return decision
    day = as_of or today()
    receipt = assembled(
        Receipt,
        decision.receipt.__dict__,
        as_of=as_of.isoformat() if as_of else None,
        in_force=in_force_on(plan, day),
    )
    return copied_with(decision, {"receipt": receipt})


def decide_in_time(
    plans: Sequence[Plan],
    case: str,
    facts: Mapping[str, object] | None = None,
    *,
    as_of: str | dt.date | None = None,
    chosen: bool = False,
    department: str | None = None,
    lang: str = "da",
    kle: str | None = None,
) -> list[tuple[Plan, Decision]]:
    """Decide `case` in time. With `chosen` (the caller named the plans) every one of `plans`
    answers, a draft too; otherwise, with `as_of`, the plan in force on that day for each
    municipality answers (InputError when none was), and without it every plan answers, as drafts
    are compared. Each receipt echoes `as_of` and says whether its plan was in force."""
    lang = checked_lang(lang)
    day = parse_as_of(as_of, lang) if as_of is not None else None
    asked = list(plans) if chosen or day is None else in_force(plans, day, lang)
    return [
        (plan, stamped(plan, decide(plan, case, facts, department=department, lang=lang, kle=kle), day))
        for plan in asked
    ]


def decide_in_force(
    plans: Sequence[Plan],
    case: str,
    facts: Mapping[str, object] | None = None,
    *,
    as_of: str | dt.date | None,
    chosen: bool = False,
    department: str | None = None,
    lang: str = "da",
    kle: str | None = None,
) -> Decision:
    """The one answer of `decide_in_time`: the plan in force on `as_of`, or the one plan named
    (`chosen`); InputError (asof.several) when several municipalities each had a plan in force."""
    answers = decide_in_time(
        plans, case, facts, as_of=as_of, chosen=chosen, department=department, lang=lang, kle=kle
    )
    if len(answers) > 1:
        raise InputError(
            Problem("asof.several", {"plans": ", ".join(p.id for p, _ in answers)}, field="plan")
        )
    return answers[0][1]


def _in_each_language(words: Callable[[Any, str], str], value: Any) -> Localized:
    """A value of a message put in words in each language (a date, a list), shown in the message's."""
    return Localized(**{lang: words(value, lang) for lang in LANGUAGES})
