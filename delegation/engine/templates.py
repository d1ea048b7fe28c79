"""The parts of a decision that depend on the rules alone, made once per plan and copied per call.

A call to decide copies one of these templates and fills in the query, the facts and the sentences
that name them (decision.answered): the rule's decision, the default competence's and the bands of
a missing fact are each built once per case type, department and language.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from ..bands import Interval, describe_condition, fact_partition
from ..conditions import facts_in, matches
from ..hints import TYPE_CHECKING, NamedTuple, cast
from ..i18n import text
from ..model import CaseType, Plan, Rule
from ..numbers import format_quantity
from .decision import CaseRef, Decision, Receipt
from .facts import facts_used
from .outcomes import bands, citation_of, outcome_of, receipt, rule_ref
from .wording import body_label, labels, outcome_bodies, outcome_sentence

if TYPE_CHECKING:
    from typing import Any


def facts_text(plan: Plan, facts: Mapping[str, float]) -> str:
    return (
        ", ".join(
            f"{plan.facts[name].label} = {format_quantity(value, plan.facts[name].unit)}"
            for name, value in sorted(facts.items())
        )
        or "-"
    )


def unmatched_answer(
    plan: Plan,
    case: CaseType,
    values: Mapping[str, float],
    department: str | None,
    lang: str,
    how: str,
    detail: str,
) -> tuple[Decision, tuple[str, ...]]:
    """The decision when no rule of the case type holds for these facts, less the query and the
    facts, and its explanation: the bands of a missing fact, or the default competence (which
    quotes the facts as the plan writes them).

    Memoised whole per case type, department, language, how it was found and facts, in a table
    emptied when full (the facts and `detail` are the caller's: a memo of them must stay bounded),
    as large as the plan: an entry is about 0,5 kB, a plan's case type about 4 kB.
    Both quote what the caller gave, so neither can be made once per rule as a rule's answer is;
    assembled on every call they set the p99. On Aarhus B (bench/peers.py, 60 queries each timed
    alone) the slowest query, a missing fact of a case type with two facts and four rules, took
    twice the fastest (20.4 against 10.3 µs); the default took 40 % more than a rule on 10.000
    case types before its part of this memo. Each miss costs about twice a rule's answer.
    """
    table = plan.memo.get("unmatched answers")
    if table is None or len(table) >= max(_ANSWERS, len(plan.case_types)):
        table = plan.memo["unmatched answers"] = {}
    key = (case.id, department, lang, how, detail, *sorted(values.items()))
    made = table.get(key)
    if made is None:
        found = found_sentence(plan, case, how, lang, detail)
        open_rules = [rule for rule in case.rules if matches(rule.when, values) is None]
        if open_rules:
            template = depends_decision(plan, case, values, open_rules, department, lang)
            near = near_facts(plan, case, values, list(template.depends_on), lang)
            made = table[key] = (template, (found, *template.explanation, *near))
        else:
            template, decider = default_decision(plan, case, department, lang)
            said = text(lang, "no.rule", facts=facts_text(plan, values), body=decider)
            made = table[key] = (template, (found, said, *template.explanation))
    return cast("tuple[Decision, tuple[str, ...]]", made)


_ANSWERS = 4096


def near_facts(
    plan: Plan, case: CaseType, values: Mapping[str, float], missing: list[str], lang: str
) -> list[str]:
    """A fact given that the case type does not use, where it needs one of the same unit
    ("beløb" given, "samlet årligt beløb" needed): say which fact it needs, in the plan's words.
    A given fact its rules do read is not one (a threshold on either of two amounts)."""
    if not values:
        return []
    read = facts_used(plan, case)
    if values.keys() <= set(read):
        return []
    said = []
    for given in sorted(values.keys() - read):
        fact = plan.facts[given]
        for needed in missing:
            wanted = plan.facts[needed]
            if wanted.unit == fact.unit:
                said.append(
                    text(
                        lang,
                        "fact.other",
                        given=fact.label,
                        needed=wanted.label,
                        id=needed,
                        value=format_quantity(values[given], fact.unit),
                    )
                )
    return said


def found_sentence(plan: Plan, case: CaseType, how: str, lang: str, detail: str) -> str:
    """How the case type was found, as a sentence; memoised unless it quotes the user's input (a
    KLE code, the words that matched), so that no memo grows with what users type."""
    if detail:
        return text(lang, f"found.{how}", title=case.title, kle=detail)
    key = ("found", case.id, how, lang)
    memo = plan.memo
    if key not in memo:
        memo[key] = text(lang, f"found.{how}", title=case.title, kle=detail)
    return cast(str, memo[key])


def case_ref(plan: Plan, case: CaseType) -> CaseRef:
    key = ("ref", case.id)
    memo = plan.memo
    if key not in memo:
        memo[key] = CaseRef(id=case.id, title=case.title)
    return cast(CaseRef, memo[key])


def default_decision(plan: Plan, case: CaseType, department: str | None, lang: str) -> tuple[Decision, str]:
    """The decision when no rule of the case type holds (the default competence), less the query,
    the facts and the sentences that name them, and its decider's name for those sentences.

    Memoised per case type, department (one of the plan's) and language, as a rule's decision
    is: built and validated on every call it cost three times a matched rule's decision (bench/
    peers.py: 58-86 µs against 17-24 µs), and set decide's p99 on a plan where a fifth of the
    questions fall to the default.
    """
    memo = plan.memo
    key = ("default", case.id, department, lang)
    made = memo.get(key)
    if made is None:
        outcome = outcome_of(plan, case, None, department)
        preamble = (text(lang, "default", text=plan.preamble.default),) if plan.preamble.default else ()
        template = _template(
            plan,
            case,
            receipt(plan),
            decides=outcome.decides,
            basis=outcome.basis,
            explanation=preamble,
            answer=outcome_sentence(plan, outcome, lang),
            bodies=labels(plan, outcome_bodies((outcome,))),
        )
        made = memo[key] = (template, body_label(plan, outcome.decides))
    return cast("tuple[Decision, str]", made)


def _template(plan: Plan, case: CaseType, stamp: Receipt, **fields: Any) -> Decision:
    """A memoised decision of a case type: no query or facts yet (`answered` adds them)."""
    return Decision(
        plan=plan.id,
        query="",
        facts={},
        receipt=stamp,
        covered=True,
        case_type=case_ref(plan, case),
        **fields,
    )


def depends_decision(
    plan: Plan,
    case: CaseType,
    values: Mapping[str, float],
    open_rules: list[Rule],
    department: str | None,
    lang: str,
) -> Decision:
    """The decision when a fact a rule needs was not given: every band of the missing facts with
    its outcome, less the query, the facts and the sentences that name them.

    Memoised as a rule's decision is: listing the bands on every call cost 100-180 µs, ten to
    twenty times a rule's answer, and set decide's p99 (bench/peers.py). The key holds, for each
    of the case type's facts that was given, the range of its thresholds the value falls in (the
    bands depend on nothing else), so the memo stays as small as the plan, whatever values
    callers send a long-running service.
    """
    memo = plan.memo
    cell = _cell_of(plan, case, values)
    key = ("depends", case.id, department, lang, cell)
    made = memo.get(key) if cell is not None else None
    if made is None:
        missing = sorted(set().union(*(facts_in(rule.when) for rule in open_rules)) - set(values))
        labels_text = f" {text(lang, 'and')} ".join(plan.facts[name].label for name in missing)
        outcomes = bands(plan, case, values, missing, department, lang)
        made = _template(
            plan,
            case,
            receipt(plan),
            depends_on=tuple(missing),
            outcomes=outcomes,
            explanation=(text(lang, "depends", facts=labels_text),),
            answer=text(lang, "answer.depends", facts=labels_text),
            bodies=labels(plan, outcome_bodies(outcomes)),
        )
        if cell is not None:
            memo[key] = made
    return cast(Decision, made)


class _Ranges(NamedTuple):
    """The ranges a case type's thresholds cut one fact into, and their lower ends, for bisect."""

    name: str
    ranges: list[Interval]
    lows: list[float]


def _partitions(plan: Plan, case: CaseType) -> tuple[_Ranges, ...]:
    """Each fact the case type's rules read, with the ranges their thresholds cut it into."""
    key = ("partitions", case.id)
    made = plan.memo.get(key)
    if made is None:
        read = facts_used(plan, case)
        made = plan.memo[key] = tuple(
            _Ranges(name, ranges, [interval.low for interval in ranges])
            for name in read
            for ranges in [fact_partition(case.rules, plan.facts[name])]
        )
    return cast("tuple[_Ranges, ...]", made)


def _cell_of(plan: Plan, case: CaseType, values: Mapping[str, float]) -> tuple[tuple[str, int], ...] | None:
    """For each fact of the case type's rules that `values` gives, which of the ranges its
    thresholds cut that fact into holds the value (by position): all a band list depends on.
    None for a value in none of them (a fraction of an integer fact: never memoised)."""
    if not values:
        return ()
    cell = []
    for name, ranges, lows in _partitions(plan, case):
        if name in values:
            value = values[name]
            # The last range starting at or below the value; at a shared end, the one before
            # when this one's end is open ("over 25.000 kr." does not hold 25.000).
            place = bisect_right(lows, value) - 1
            if place > 0 and not ranges[place].contains(value):
                place -= 1
            if place < 0 or not ranges[place].contains(value):
                return None
            cell.append((name, place))
    return tuple(cell)


def rule_decision(
    plan: Plan, case: CaseType, rule: Rule, department: str | None, lang: str, how: str
) -> Decision:
    """The decision a matched rule gives, less the query and facts (which the caller fills in).

    Everything in it depends on the rules alone, so it is built and validated once per plan; a
    call then costs one copy instead of validating a whole decision (decide's hot path).
    """
    memo = plan.memo
    key = ("decision", case.id, rule.id, department, lang, how)
    template = memo.get(key)
    if template is None:
        found = found_sentence(plan, case, how, lang, "")
        outcome = outcome_of(plan, case, rule, department)
        reasons = [
            text(lang, "condition.held", condition=describe_condition(rule.when, plan.facts, lang))
            if rule.when
            else text(lang, "condition.none")
        ]
        if rule.decides is None:
            reasons.append(text(lang, "no.decider", body=body_label(plan, outcome.decides)))
        if rule.note:
            reasons.append(text(lang, "note", text=rule.note))
        template = memo[key] = _template(
            plan,
            case,
            receipt(plan, case, rule),
            decides=outcome.decides,
            decides_if=outcome.decides_if,
            basis=outcome.basis,
            inform=outcome.inform,
            involve=outcome.involve,
            involve_if=outcome.involve_if,
            recommends=outcome.recommends,
            rule=rule_ref(rule),
            citation=citation_of(plan, case, rule),
            explanation=(found, *reasons),
            # Made here, once per rule, never per call (decide's hot path).
            answer=outcome_sentence(plan, outcome, lang),
            bodies=labels(plan, outcome_bodies((outcome,))),
        )
    return template
