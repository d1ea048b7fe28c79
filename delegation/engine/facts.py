"""The caller's facts, checked against the plan's: known names, numbers written the Danish way."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..conditions import facts_in
from ..errors import InputError, Problem, did_you_mean
from ..hints import TYPE_CHECKING, cast
from ..messages import Message
from ..model import BodyKind, CaseType, Plan
from ..numbers import MAX_QUANTITY, parse_amount, whole_or_float

if TYPE_CHECKING:
    from typing import Any


def facts_used(plan: Plan, case: CaseType) -> list[str]:
    """The facts a case type's conditions look at, sorted (computed once per plan)."""
    key = ("facts", case.id)
    memo = plan.memo
    if key not in memo:
        memo[key] = sorted(set().union(*(facts_in(rule.when) for rule in case.rules)))
    return cast("list[str]", memo[key])


MAX_FACTS = 50  # a plan has a handful of facts; each unknown one costs a suggestion (difflib)


def parse_facts(plan: Plan, raw: Mapping[str, object], case: CaseType | None) -> dict[str, int | float]:
    """Validate the caller's facts: known names, numbers (Danish style allowed), not negative.

    A whole number comes back as an int (500.000 kr. -> 500000), as a decision echoes it.
    """
    problems: list[Problem] = []
    if len(raw) > MAX_FACTS:
        raise InputError(Problem("facts.too_many", {"count": len(raw), "limit": MAX_FACTS}, field="facts"))
    values: dict[str, int | float] = {}
    facts = plan.facts
    value: Any  # whatever the caller gave: told apart by its type (`kind`) below
    for name, value in raw.items():
        if value is None:
            continue
        fact = facts.get(name)
        kind = type(value)
        if fact is not None:  # the common cases: a plain number, nothing to check
            if kind is int and 0 <= value <= MAX_QUANTITY:
                values[name] = value
                continue
            if kind is float and 0 <= value <= MAX_QUANTITY and (value.is_integer() or not fact.integer):
                values[name] = int(value) if value.is_integer() else value
                continue
        if fact is None:
            used = facts_used(plan, case) if case else []
            listing = (
                ", ".join(f"{f} ({plan.facts[f].label})" for f in used)
                if case
                else ", ".join(sorted(plan.facts))
            )
            problems.append(
                Problem(
                    "facts.unknown.case" if case else "facts.unknown",
                    {"name": name, "case": case.id if case else "", "facts": listing or Message("word.none")},
                    hint=did_you_mean(name, plan.facts),
                    field=f"facts.{name}",
                )
            )
            continue
        try:
            number = float(value) if kind in (int, float) else parse_amount(str(value))
        except OverflowError:  # an int past float's range (10**400): far too large, as below
            number = math.inf
        except ValueError:
            problems.append(
                Problem(
                    "facts.not_number",
                    {"name": name, "value": _shown(value)},
                    hint=Message("facts.not_number.hint"),
                    field=f"facts.{name}",
                )
            )
            continue
        if kind is int and value > MAX_QUANTITY:  # 10**18 + 1 is 1e18 as a float: compared whole
            number = math.inf
        if number < 0 or math.isnan(number):
            problems.append(
                Problem("facts.negative", {"name": name, "value": _shown(value)}, field=f"facts.{name}")
            )
            continue
        if number > MAX_QUANTITY:
            problems.append(
                Problem(
                    "facts.too_large",
                    {"name": name, "value": _shown(value), "limit": f"{MAX_QUANTITY:,.0f}".replace(",", ".")},
                    field=f"facts.{name}",
                )
            )
            continue
        if fact.integer and number != int(number):
            problems.append(
                Problem(
                    "facts.integer",
                    {"name": name, "label": fact.label, "value": _shown(value)},
                    field=f"facts.{name}",
                )
            )
            continue
        values[name] = whole_or_float(number)
    if problems:
        raise InputError(problems)
    return values


def _shown(value: object) -> str:
    """The caller's value as an error message quotes it: a 400-digit number is not echoed whole."""
    if type(value) is int and abs(value) > 10**30:  # written as 1.000e+400, not digit by digit
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "…"


def check_department(plan: Plan, department: str | None) -> str | None:
    """The department's id for what the caller wrote: its id, short name or name, in any case
    (the id, its short name, its name or the end of it: "Teknik og Miljø" names the department
    "Magistratsafdelingen for Teknik og Miljø"); InputError naming the departments otherwise."""
    if department is None:
        return None
    departments = {b.id: b for b in plan.bodies.values() if b.kind is BodyKind.department and not b.relative}
    if department in departments:
        return department
    wanted = department.strip().casefold()
    for body in departments.values():
        names = (body.id, body.short or "", body.name, *body.aliases)
        if wanted in {name.casefold() for name in names if name} or (
            len(wanted) > 3 and body.name.casefold().endswith(wanted)
        ):
            return body.id
    raise InputError(
        Problem(
            "facts.department",
            {"name": department, "departments": ", ".join(sorted(departments)) or Message("word.none")},
            hint=did_you_mean(department, sorted(departments)),
            field="department",
        )
    )
