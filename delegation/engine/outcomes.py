"""What the rules give a case type: a rule's outcome and citation, its bands, and the receipt."""

from __future__ import annotations

import os
from collections.abc import Mapping

from .._version import __version__
from ..bands import (
    TooManyCells,
    boxes,
    describe_condition,
    rule_runs,
)
from ..hints import TYPE_CHECKING, cast
from ..i18n import text
from ..language.sources import sha256
from ..model import Basis, BodyKind, CaseType, Plan, Rule
from ..numbers import whole_or_float
from ..records import field_names
from .decision import (
    AdoptionRef,
    Band,
    InformOut,
    Outcome,
    Receipt,
    RuleId,
    RuleRef,
    SourceDigest,
)
from .wording import band_answer

if TYPE_CHECKING:
    from typing import Any


def _concrete(plan: Plan, body_id: str, department: str | None) -> str:
    """Replace a relative body (the owning department, its committee) when the department is known."""
    body = plan.bodies.get(body_id)
    if body is None or not body.relative or department is None:
        return body_id
    if body.kind is BodyKind.department:
        return department
    committee = plan.bodies[department].committee
    return committee if body.kind is BodyKind.committee and committee else body_id


def outcome_of(plan: Plan, case: CaseType, rule: Rule | None, department: str | None) -> Outcome:
    """The outcome of a rule, or of no rule (default competence), with relative bodies made concrete."""
    owner = plan.owner_of(case)
    if rule is None:
        decides = _concrete(plan, owner, department) if owner else None
        return Outcome(decides=decides, basis=Basis.default)
    decider = rule.decides or owner
    return Outcome(
        decides=_concrete(plan, decider, department) if decider else None,
        decides_if=rule.decides_if,
        basis=rule.basis,
        inform=tuple(
            InformOut(
                body=_concrete(plan, i.body, department),
                when=i.when,
                channel=i.channel,
                frequency=i.frequency,
            )
            for i in rule.inform
        ),
        involve=tuple(_concrete(plan, b, department) for b in rule.involve),
        involve_if=rule.involve_if,
        recommends=tuple(_concrete(plan, b, department) for b in rule.recommends),
    )


def citation_of(plan: Plan, case: CaseType, rule: Rule) -> str:
    section = plan.sections.get(case.section or "")
    prefix = (section.title,) if section else ()
    return "\n".join(" > ".join((*prefix, *c.path)) + ": " + c.text for c in rule.citations)


def rule_ref(rule: Rule) -> RuleRef:
    return RuleRef(file=rule.span.file, line=rule.span.line)


def bands(
    plan: Plan,
    case: CaseType,
    facts: Mapping[str, float],
    over: list[str],
    department: str | None,
    lang: str = "da",
) -> tuple[Band, ...]:
    """Every range of the facts in `over` (others fixed) with its outcome, neighbours merged."""
    try:
        runs = rule_runs(case.rules, [plan.facts[name] for name in over], facts)
    except TooManyCells:
        return rule_bands(plan, case, department, lang)
    result = []
    for intervals, rule in runs:
        condition = f" {text(lang, 'and')} ".join(
            f"{plan.facts[name].label}: {interval.describe(plan.facts[name], lang)}"
            for name, interval in intervals
        )
        example = {
            name: whole_or_float(interval.example(plan.facts[name].integer)) for name, interval in intervals
        }
        outcome = outcome_of(plan, case, rule, department)
        result.append(
            Band(
                condition=condition,
                example=example,
                **_fields_of(outcome),
                rule=rule_ref(rule) if rule else None,
                citation=citation_of(plan, case, rule) if rule else None,
                answer=band_answer(
                    plan, (case.id, rule.id if rule else None, department, lang), outcome, lang
                ),
            )
        )
    return tuple(result)


def rule_bands(plan: Plan, case: CaseType, department: str | None, lang: str) -> tuple[Band, ...]:
    """One band per rule, for case types whose thresholds are too many to list cell by cell."""
    result = []
    for rule in case.rules:
        first = boxes(rule.when)[0]
        example = {
            name: whole_or_float(interval.example(plan.facts[name].integer))
            for name, interval in first.items()
        }
        outcome = outcome_of(plan, case, rule, department)
        result.append(
            Band(
                condition=describe_condition(rule.when, plan.facts, lang),
                example=example,
                **_fields_of(outcome),
                rule=rule_ref(rule),
                citation=citation_of(plan, case, rule),
                answer=band_answer(
                    plan, (case.id, rule.id if rule else None, department, lang), outcome, lang
                ),
            )
        )
    return tuple(result)


def receipt(plan: Plan, case: CaseType | None = None, rule: Rule | None = None) -> Receipt:
    """The plan's content hash and engine version, and the rule applied: proof for the case file."""
    key = ("receipt", case.id if case else None, rule.id if rule else None)
    memo = plan.memo
    if key not in memo:
        if "digest" not in memo:
            combined = sha256("".join(f"{s.path}\0{s.sha256}\n" for s in plan.sources).encode())
            memo["digest"] = (
                combined.hexdigest(),
                tuple(SourceDigest(path=s.path, sha256=s.sha256) for s in plan.sources),
            )
        digest, sources = memo["digest"]
        path = memo.get("path")
        memo[key] = Receipt(
            plan=plan.id,
            rules_sha256=digest,
            rules_folder=os.path.dirname(path) if path is not None else None,
            sources=sources,
            engine=__version__,
            rule=RuleId(id=rule.id, file=rule.span.file, line=rule.span.line) if rule else None,
            citation=citation_of(plan, case, rule) if case and rule else None,
            status=plan.status,
            in_force_from=plan.in_force_from,
            in_force_until=plan.in_force_until,
            adoption=adoption_ref(plan),
            as_of=None,
            in_force=None,
        )
    return cast(Receipt, memo[key])


def _fields_of(outcome: Outcome) -> dict[str, Any]:
    """An outcome's fields by name (never vars(): a record may keep derived values beside them)."""
    return {name: getattr(outcome, name) for name in field_names(type(outcome)) or ()}


def adoption_ref(plan: Plan) -> AdoptionRef | None:
    """The council decision that adopted the plan, as a receipt or a history names it."""
    found = plan.adoption
    return AdoptionRef(date=found.date, meeting=found.meeting, item=found.item) if found else None
