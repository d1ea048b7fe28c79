"""Decide a case against a plan: pure functions from (plan, query, facts) to a Decision."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..bands import Interval, describe_condition
from ..conditions import matches
from ..errors import InputError, Problem, checked_lang
from ..hints import TYPE_CHECKING, cast
from ..i18n import listing, text
from ..messages import LANGUAGES, Message
from ..model import CaseType, Plan
from ..numbers import format_quantity
from .decision import (
    Candidate,
    Decision,
    Receipt,
    answered,
    copied_with,
)
from .facts import check_department, parse_facts
from .outcomes import receipt
from .resolve import KLE_CODE, MAX_TEXT, Resolution, resolve_case, resolve_kle
from .templates import facts_text, found_sentence, rule_decision, unmatched_answer
from .wording import body_label, labelled, labels, outcome_bodies

if TYPE_CHECKING:
    from typing import TypedDict

    from .quantities import TextQuantity
    from .textfacts import Span as StatedSpan

    class DecisionBase(TypedDict):
        """What every decision of a call starts from (decide_resolved's `base`)."""

        plan: str
        query: str
        facts: dict[str, int | float]
        receipt: Receipt


def decide(
    plan: Plan | str,
    query: str,
    facts: Mapping[str, object] | None = None,
    department: str | None = None,
    lang: str = "da",
    kle: str | None = None,
) -> Decision:
    """Who decides the case `query` (or the case type with KLE code `kle`), who is told, and why.

    `plan` is a loaded Plan, or a plan id or path as `delegation.load` takes it ("A", "plan_b.dlg").
    """
    if lang not in LANGUAGES:  # the check inlined: a decision by id takes 6-8 µs in all
        checked_lang(lang)
    if not isinstance(plan, Plan):
        from .registry import load  # here: a loaded plan, the usual case, needs no registry

        plan = load(plan)
    department = check_department(plan, department)
    if not (query or "").strip() and kle is None:  # no words is no case ("   " was answered as one)
        raise InputError(Problem("request.no_case", field="case"))
    if kle is not None and not KLE_CODE.match(kle.strip()):
        raise InputError(
            Problem("evaluate.kle", {"kle": repr(kle)}, hint=Message("evaluate.kle.hint"), field="kle")
        )
    raw = facts or {}
    try:
        values = parse_facts(plan, raw, None)
    except InputError:  # said again with the facts the case type uses, when it is known
        parse_facts(plan, raw, resolve_case(plan, query).case)
        raise
    resolution = resolve_kle(plan, kle) if kle else None
    if resolution is None or (resolution.case is None and not resolution.candidates and query):
        resolution = resolve_case(plan, query, values)
    read, stated_twice, spans = _read_facts(plan, resolution)
    for name, quantity, _ in spans:  # a range or approximation: the caller's figure must lie in it
        low, high = cast("tuple[float, float]", quantity.spread)
        if name in values and not low <= values[name] <= high:
            raise _conflict(plan, name, values[name], _span(plan, name, quantity, lang))
    spanned = {name for name, _, _ in spans}
    for name, value in read.items():
        if name in values and values[name] != value and name not in spanned:
            raise _conflict(plan, name, values[name], format_quantity(value, plan.facts[name].unit))
    # The department the text opens with as its sender has the case, where the caller names none:
    # when the plan's "the department" decides it, the sender is that department, and its standing
    # committee the one told. Where "the department" only recommends or is involved ("efter
    # indstilling fra magistratsafdelingerne"), the sender is more likely the body that decides
    # ("BA/HR - generationsskifteordn." read BA as the recommending department): not used. A case
    # the plan does not list stays unanswered (its sender only suggested, engine/areas.py): the
    # plan's default competence for it has caveats a subject line cannot settle.
    sender = resolution.sender if department is None and resolution.case is not None else None
    given = set(values)  # by the caller: the text's span of such a fact is not spoken of
    if read:  # read from the text, checked as the options are ("løntrin 54,5" is refused, not decided)
        read = parse_facts(
            plan, {name: value for name, value in read.items() if name not in values}, resolution.case
        )
        values = {**values, **read}
    decision = decide_resolved(plan, query, resolution, values, department, lang, kle or "")
    if sender is not None:
        deciders = {decision.decides, *(band.decides for band in decision.outcomes)}
        involved = {*decision.involve, *(body for band in decision.outcomes for body in band.involve)}
        # A sender the plan involves in the case is that party, not the department that has the
        # case ("BA/Jura - forlig i retssag om uansøgt afskedigelse af pædagog": the plans'
        # "Borgmesterens Afdeling skal inddrages", the pædagog another department's).
        if sender not in involved and any(
            plan.bodies[body].relative for body in deciders if body in plan.bodies
        ):
            decision = decide_resolved(plan, query, resolution, values, sender, lang, kle or "")
        else:
            sender = None
    clashing = (
        {name: stated for name, stated in stated_twice.items() if name not in values} if stated_twice else {}
    )
    spread = [span for span in spans if span[0] not in given]
    met = _bands_met(plan, resolution.case, decision, values, spread)
    if read or resolution.truncated or clashing or spread or sender:
        exact = {name: value for name, value in read.items() if name not in spanned}
        notes = [text(lang, "department.read", body=body_label(plan, sender))] if sender else []
        if exact:
            notes.append(text(lang, "facts.read", facts=facts_text(plan, exact)))
        for name, quantity, within in spread:
            notes.append(
                text(
                    lang,
                    "facts.spread.within" if within else "facts.spread.across",
                    label=plan.facts[name].label,
                    text=quantity.text,
                    span=_span(plan, name, quantity, lang),
                    name=name,
                )
            )
        for name, stated in clashing.items():
            fact = plan.facts[name]
            notes.append(
                text(
                    lang,
                    "facts.clashing",
                    label=fact.label,
                    values=listing([format_quantity(value, fact.unit) for value in stated], lang),
                    name=name,
                )
            )
        if resolution.truncated:
            notes.append(text(lang, "text.truncated", count=MAX_TEXT))
        decision = copied_with(
            decision,
            {
                "facts_from_text": tuple(sorted(read)),
                "department_from_text": sender,
                "explanation": (*decision.explanation, *notes),
                **met,
            },
        )
    return decision


def _bands_met(
    plan: Plan, case: CaseType | None, decision: Decision, values: dict[str, float], spread: list[StatedSpan]
) -> dict[str, object]:
    """The bands a decision lists, less those no value the text's range or bound gives a fact
    reaches ("over 300.000 kr." lists no band under 250.000 kr.), with the names of their bodies."""
    across = [(name, quantity) for name, quantity, within in spread if not within]
    if case is None or not across or not decision.outcomes:
        return {}
    from .textfacts import bands_met

    outcomes = decision.outcomes
    for name, quantity in across:
        spread_of = cast("tuple[float, float]", quantity.spread)
        outcomes = bands_met(plan, case, decision.depends_on, outcomes, values, name, spread_of)
    if outcomes == decision.outcomes:
        return {}
    return {"outcomes": outcomes, "bodies": labels(plan, outcome_bodies(outcomes))}


def _read_facts(
    plan: Plan, resolution: Resolution
) -> tuple[dict[str, float], dict[str, tuple[float, ...]], list[StatedSpan]]:
    """textfacts.read_facts, imported only for a text with numbers in it: an id or a title has
    none, and the module with what it brings is 2-4 ms of `delegation decide`."""
    if not resolution.quantities:
        return {}, {}, []
    from .textfacts import read_facts

    return read_facts(plan, resolution.case, resolution.quantities)


def _conflict(plan: Plan, name: str, given: float, read: str) -> InputError:
    fact = plan.facts[name]
    return InputError(
        Problem(
            "evaluate.conflict",
            {"name": name, "label": fact.label, "given": format_quantity(given, fact.unit), "read": read},
            hint=Message("evaluate.conflict.hint"),
            field=f"facts.{name}",
        )
    )


def _span(plan: Plan, name: str, quantity: TextQuantity, lang: str) -> str:
    """The values a range, floor, ceiling or approximation allows, as the plans write a band:
    "1,5-2,5 mio. kr.", "500.000 kr. eller derover", "5-8 personer"."""
    fact = plan.facts[name]
    if quantity.past and not fact.integer:  # "over 500.000 kr.", not "500.000,01 kr. eller derover"
        above = quantity.past > 0
        return Interval(
            quantity.value if above else 0.0, not above, None if above else quantity.value, False
        ).describe(fact, lang)
    from .textfacts import whole_spread

    low, high = whole_spread(fact.integer, cast("tuple[float, float]", quantity.spread))
    return Interval(low, True, None if math.isinf(high) else high, True).describe(fact, lang)


def decide_resolved(
    plan: Plan,
    query: str,
    resolution: Resolution,
    values: dict[str, int | float],
    department: str | None,
    lang: str,
    how_detail: str = "",
) -> Decision:
    shown = dict(sorted(values.items()))
    case = resolution.case
    if case is not None:
        how_detail = how_detail or resolution.detail
        for rule in case.rules:  # the rules of a case type never overlap: the first match is it
            if matches(rule.when, values) is True:
                answer = rule_decision(plan, case, rule, department, lang, resolution.how)
                if not how_detail:
                    return answered(answer, query, shown)
                found = found_sentence(plan, case, resolution.how, lang, how_detail)
                return answered(answer, query, shown, (found, *answer.explanation[1:]))
        template, explanation = unmatched_answer(
            plan, case, values, department, lang, resolution.how, how_detail
        )
        return answered(template, query, shown, explanation)
    base: DecisionBase = dict(plan=plan.id, query=query, facts=shown, receipt=receipt(plan))
    if resolution.how == "ambiguous":
        ambiguous = Decision(
            **base,
            covered=False,
            candidates=tuple(
                Candidate(
                    id=match.case.id,
                    title=match.case.title,
                    score=round(match.score, 1),
                    matched=match.words,
                    condition=_thresholds(plan, match.case, lang),
                )
                for match in resolution.candidates
            ),
            explanation=(text(lang, "ambiguous" if len(resolution.candidates) > 1 else "ambiguous.one"),),
        )
        return labelled(plan, ambiguous, lang)
    from .uncovered import uncovered  # here: it decides in the other plans, through this module

    return uncovered(plan, query, resolution, base, values, department, lang)


def _thresholds(plan: Plan, case: CaseType, lang: str) -> str | None:
    """A case type's conditions, when its rules apply only to some facts ("beløb: over 50 mio. kr.")."""
    conditions = [describe_condition(rule.when, plan.facts, lang) for rule in case.rules if rule.when]
    return f" {text(lang, 'or')} ".join(conditions) if conditions else None
