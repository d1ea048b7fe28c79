"""Decide a case against a plan: pure functions from (plan, query, facts) to a Decision."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, cast

from .._version import __version__
from ..bands import (
    Interval,
    TooManyCells,
    boxes,
    describe_condition,
    fact_partition,
    facts_in,
    matches,
    rule_runs,
)
from ..errors import InputError, Problem
from ..i18n import text
from ..messages import Message
from ..model import Basis, BodyKind, CaseType, Plan, Rule
from ..numbers import format_quantity, whole_or_float
from .decision import (
    AdoptionRef,
    Band,
    Candidate,
    CaseRef,
    Decision,
    InformOut,
    Outcome,
    Receipt,
    RuleId,
    RuleRef,
    SourceDigest,
    answered,
    copied_with,
)
from .facts import check_department, parse_facts
from .resolve import KLE_CODE, MAX_TEXT, Resolution, resolve_case, resolve_kle
from .textfacts import text_facts
from .wording import band_answer, body_label, labelled, labels, outcome_bodies, outcome_sentence

if TYPE_CHECKING:
    from typing import TypedDict

    class DecisionBase(TypedDict):
        """What every decision of a call starts from (decide_resolved's `base`)."""

        plan: str
        query: str
        facts: dict[str, int | float]
        receipt: Receipt

# The parts of a decision that come straight from the plan are memoised per plan object (the rule's
# decision, the default competence's, the receipt): a call copies one and fills in the query.


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
        basis=rule.basis,
        inform=tuple(
            InformOut(body=_concrete(plan, i.body, department), when=i.when, channel=i.channel)
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


def _facts_text(plan: Plan, facts: Mapping[str, float]) -> str:
    return (
        ", ".join(
            f"{plan.facts[name].label} = {format_quantity(value, plan.facts[name].unit)}"
            for name, value in sorted(facts.items())
        )
        or "-"
    )


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
        return _rule_bands(plan, case, department, lang)
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
                **vars(outcome),
                rule=rule_ref(rule) if rule else None,
                citation=citation_of(plan, case, rule) if rule else None,
                answer=band_answer(
                    plan, (case.id, rule.id if rule else None, department, lang), outcome, lang
                ),
            )
        )
    return tuple(result)


def _rule_bands(plan: Plan, case: CaseType, department: str | None, lang: str) -> tuple[Band, ...]:
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
                **vars(outcome),
                rule=rule_ref(rule),
                citation=citation_of(plan, case, rule),
                answer=band_answer(
                    plan, (case.id, rule.id if rule else None, department, lang), outcome, lang
                ),
            )
        )
    return tuple(result)


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
    if not isinstance(plan, Plan):
        from .registry import load  # here: a loaded plan, the usual case, needs no registry

        plan = load(plan)
    department = check_department(plan, department)
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
    read = text_facts(plan, resolution.case, resolution.quantities)
    for name, value in read.items():
        if name in values and values[name] != value:
            fact = plan.facts[name]
            raise InputError(
                Problem(
                    "evaluate.conflict",
                    {
                        "name": name,
                        "label": fact.label,
                        "given": format_quantity(values[name], fact.unit),
                        "read": format_quantity(value, fact.unit),
                    },
                    hint=Message("evaluate.conflict.hint"),
                    field=f"facts.{name}",
                )
            )
    if read:  # read from the text, checked as the options are ("løntrin 54,5" is refused, not decided)
        read = parse_facts(
            plan, {name: value for name, value in read.items() if name not in values}, resolution.case
        )
        values = {**values, **read}
    decision = decide_resolved(plan, query, resolution, values, department, lang, kle or "")
    if read or resolution.truncated:
        notes = [text(lang, "facts.read", facts=_facts_text(plan, read))] if read else []
        if resolution.truncated:
            notes.append(text(lang, "text.truncated", count=MAX_TEXT))
        decision = copied_with(
            decision, {"facts_from_text": tuple(sorted(read)), "explanation": (*decision.explanation, *notes)}
        )
    return decision


def receipt(plan: Plan, case: CaseType | None = None, rule: Rule | None = None) -> Receipt:
    """The plan's content hash and engine version, and the rule applied: proof for the case file."""
    key = ("receipt", case.id if case else None, rule.id if rule else None)
    memo = plan.memo
    if key not in memo:
        if "digest" not in memo:
            combined = hashlib.sha256("".join(f"{s.path}\0{s.sha256}\n" for s in plan.sources).encode())
            memo["digest"] = (
                combined.hexdigest(),
                tuple(SourceDigest(path=s.path, sha256=s.sha256) for s in plan.sources),
            )
        digest, sources = memo["digest"]
        path = memo.get("path")
        memo[key] = Receipt(
            plan=plan.id,
            rules_sha256=digest,
            rules_folder=str(path.parent) if path is not None else None,
            sources=sources,
            engine=__version__,
            rule=RuleId(id=rule.id, file=rule.span.file, line=rule.span.line) if rule else None,
            citation=citation_of(plan, case, rule) if case and rule else None,
            status=plan.status,
            in_force_from=plan.in_force_from,
            in_force_until=plan.in_force_until,
            adoption=AdoptionRef(
                date=plan.adoption.date, meeting=plan.adoption.meeting, item=plan.adoption.item
            )
            if plan.adoption
            else None,
            as_of=None,
            in_force=None,
        )
    return cast(Receipt, memo[key])


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
        hit, open_rules = None, []
        for rule in case.rules:  # the rules of a case type never overlap: the first match is it
            result = matches(rule.when, values)
            if result is True:
                hit = rule
                break
            if result is None:
                open_rules.append(rule)
        how_detail = how_detail or resolution.detail
        if hit is not None:
            answer = _rule_decision(plan, case, hit, department, lang, resolution.how)
            if not how_detail:
                return answered(answer, query, shown)
            found = _found(plan, case, resolution.how, lang, how_detail)
            return answered(answer, query, shown, (found, *answer.explanation[1:]))
    if case is not None:
        found = _found(plan, case, resolution.how, lang, how_detail)
        if open_rules:
            template = _depends_decision(plan, case, values, open_rules, department, lang)
            near = _near_facts(plan, case, values, list(template.depends_on), lang)
            return answered(template, query, shown, (found, *template.explanation, *near))
        template, decider = _default_decision(plan, case, department, lang)
        return answered(
            template,
            query,
            shown,
            (found, _no_rule(plan, case, values, decider, lang), *template.explanation),
        )
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
            explanation=(text(lang, "ambiguous"),),
        )
        return labelled(plan, ambiguous, lang)
    from .uncovered import uncovered  # here: it decides in the other plans, through this module

    return uncovered(plan, query, resolution, base, values, department, lang)


def _no_rule(plan: Plan, case: CaseType, values: Mapping[str, float], decider: str, lang: str) -> str:
    """ "No rule holds for these facts; the default competence decides": the facts formatted as
    the plan writes them. Memoised per case type, decider, language and facts in a table that is
    emptied when full (values are the caller's: a memo of them must stay bounded), as formatting
    them on every call made the default competence's answer cost twice a rule's (bench/peers.py)."""
    said = plan.memo.get("no rule")
    if said is None or len(said) >= _SENTENCES:
        said = plan.memo["no rule"] = {}
    key = (case.id, decider, lang, *values.items())
    sentence = said.get(key)
    if sentence is None:
        sentence = said[key] = text(lang, "no.rule", facts=_facts_text(plan, values), body=decider)
    return cast(str, sentence)


_SENTENCES = 4096


def _near_facts(
    plan: Plan, case: CaseType, values: Mapping[str, float], missing: list[str], lang: str
) -> list[str]:
    """A fact given that the case type does not use, where it needs one of the same unit
    ("beløb" given, "samlet årligt beløb" needed): say which fact it needs, in the plan's words.
    A given fact its rules do read is not one (a threshold on either of two amounts)."""
    if not values:
        return []
    read = {ranges.name for ranges in _partitions(plan, case)}
    if values.keys() <= read:
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


def _thresholds(plan: Plan, case: CaseType, lang: str) -> str | None:
    """A case type's conditions, when its rules apply only to some facts ("beløb: over 50 mio. kr.")."""
    conditions = [describe_condition(rule.when, plan.facts, lang) for rule in case.rules if rule.when]
    return f" {text(lang, 'or')} ".join(conditions) if conditions else None


def _found(plan: Plan, case: CaseType, how: str, lang: str, detail: str) -> str:
    """How the case type was found, as a sentence; memoised unless it quotes the user's input (a
    KLE code, the words that matched), so that no memo grows with what users type."""
    if detail:
        return text(lang, f"found.{how}", title=case.title, kle=detail)
    key = ("found", case.id, how, lang)
    memo = plan.memo
    if key not in memo:
        memo[key] = text(lang, f"found.{how}", title=case.title, kle=detail)
    return cast(str, memo[key])


def _case_ref(plan: Plan, case: CaseType) -> CaseRef:
    key = ("ref", case.id)
    memo = plan.memo
    if key not in memo:
        memo[key] = CaseRef(id=case.id, title=case.title)
    return cast(CaseRef, memo[key])


def _default_decision(plan: Plan, case: CaseType, department: str | None, lang: str) -> tuple[Decision, str]:
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
        template = Decision(
            plan=plan.id,
            query="",
            facts={},
            receipt=receipt(plan),
            covered=True,
            case_type=_case_ref(plan, case),
            decides=outcome.decides,
            basis=outcome.basis,
            explanation=preamble,
            answer=outcome_sentence(plan, outcome, lang),
            bodies=labels(plan, outcome_bodies((outcome,))),
        )
        made = memo[key] = (template, body_label(plan, outcome.decides))
    return cast("tuple[Decision, str]", made)


def _depends_decision(
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
        made = Decision(
            plan=plan.id,
            query="",
            facts={},
            receipt=receipt(plan),
            covered=True,
            case_type=_case_ref(plan, case),
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
        read = sorted(set().union(*(facts_in(rule.when) for rule in case.rules)))
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


def _rule_decision(
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
        found = _found(plan, case, how, lang, "")
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
        template = memo[key] = Decision(
            plan=plan.id,
            query="",
            facts={},
            covered=True,
            case_type=_case_ref(plan, case),
            decides=outcome.decides,
            basis=outcome.basis,
            inform=outcome.inform,
            involve=outcome.involve,
            involve_if=outcome.involve_if,
            recommends=outcome.recommends,
            rule=rule_ref(rule),
            citation=citation_of(plan, case, rule),
            explanation=(found, *reasons),
            receipt=receipt(plan, case, rule),
            # Made here, once per rule, never per call (decide's hot path).
            answer=outcome_sentence(plan, outcome, lang),
            bodies=labels(plan, outcome_bodies((outcome,))),
        )
    return template
