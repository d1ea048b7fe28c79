"""Compare plan variants: what each case type's outcome is, fact band by fact band, in every plan.

`diff(A, B, ...)` is a pure function over Plan models. Its result, `PlanDiff`, is the JSON contract
`delegation.diff/1` (see docs/diff.md): per case type the bands of the facts its rules (in any of
the plans) distinguish, with each plan's outcome there, the workload per plan and body, and the
flows of case types between bodies from one plan to a later one.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations
from typing import Any, Final, Literal, NamedTuple, cast

from pydantic import Field

from ..bands import Interval, regions
from ..conditions import facts_in, matches
from ..engine.decision import FactValue, Outcome
from ..engine.outcomes import citation_of, outcome_of
from ..engine.wording import administration_label, body_label
from ..errors import InputError, Problem, checked_lang, did_you_mean
from ..i18n import text
from ..messages import Message
from ..model import Between, CaseType, Compare, Condition, Plan
from ..numbers import whole_or_float
from .contract import Contract

DIFF_SCHEMA: Final = "delegation.diff/1"

Change = Literal["added", "removed", "changed", "unchanged"]
Move = Literal["title", "section", "category"]


class PlanRef(Contract):
    id: str
    title: str | None = None
    source: str | None = None
    date: str | None = None


class Placement(Contract):
    """Where a plan lists a case type: its title there, its list (section) and category."""

    title: str
    section: str | None = None
    category: str | None = None


class DiffBand(Contract):
    """One box of the facts with every plan's outcome there (null: the plan lacks the case type)."""

    condition: str
    example: dict[str, FactValue]
    changed: bool
    outcomes: dict[str, Outcome | None]
    citations: dict[str, str | None]


class CaseChange(Contract):
    case_type: str
    title: str
    change: Change
    section: str | None = None
    moves: tuple[Move, ...] = ()
    placements: dict[str, Placement | None]
    bands: tuple[DiffBand, ...]


class Load(Contract):
    """How many case types a body decides (in at least one band), is briefed on before a
    decision, or is told about after it (afterwards or periodically), in one plan."""

    decides: int = 0
    briefed_before: int = 0
    informed_after: int = 0


class Flow(Contract):
    """`count` case types decided by `from_` in `from_plan` are decided by `to` in `to_plan`
    (in at least one band); null is "not in the plan"."""

    from_plan: str
    to_plan: str
    from_: str | None = Field(alias="from")
    to: str | None
    count: int


class FactLabel(Contract):
    label: str
    unit: str | None = None


class Legend(Contract):
    """Names for the ids used above, so that a report can be rendered from the JSON alone."""

    bodies: dict[str, str]
    sections: dict[str, str]
    categories: dict[str, str]
    facts: dict[str, FactLabel]
    # Added with the department named apart from its head: how a department that is involved or
    # recommends is named ("Borgmesterens Afdeling (BA)"); `bodies` names deciders.
    administrations: dict[str, str] = {}


class Filters(Contract):
    section: str | None = None
    body: str | None = None
    only_changed: bool = False


class PlanDiff(Contract):
    schema_: Literal["delegation.diff/1"] = Field(default=DIFF_SCHEMA, alias="schema")
    plans: tuple[PlanRef, ...]
    changes: tuple[CaseChange, ...]
    workload: dict[str, dict[str, Load]]
    flows: tuple[Flow, ...]
    legend: Legend
    filters: Filters = Filters()

    @property
    def plan_ids(self) -> list[str]:
        return [plan.id for plan in self.plans]

    def to_json(self, indent: int | None = 2) -> str:
        """The stable JSON form: same plans and options give byte-identical output."""
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


# --- the computation -------------------------------------------------------------------------


def _condition(plan: Plan, box: Iterable[tuple[str, Interval]], lang: str) -> str:
    """The box in the plans' wording; facts free over their whole range are left out."""
    return f" {text(lang, 'and')} ".join(
        f"{plan.facts[name].label}: {interval.describe(plan.facts[name], lang)}"
        for name, interval in box
        if not (interval.low == 0 and interval.low_closed and interval.high is None)
    )


def _shape(condition: Condition | None) -> tuple[object, ...] | None:
    """A condition without its source positions: equal shapes hold for the same facts."""
    if condition is None:
        return None
    if isinstance(condition, Compare):
        return (condition.fact, condition.op, condition.value.value)
    if isinstance(condition, Between):
        return (condition.fact, "in", condition.low.value, condition.high.value)
    return (condition.kind, tuple(_shape(item) for item in condition.items))


def _meaning(plan: Plan, case: CaseType | None) -> tuple[object, ...] | None:
    """All that a case type's outcomes depend on: its owner and its rules, without their words."""
    if case is None:
        return None
    return (
        plan.owner_of(case),
        tuple(
            (
                _shape(r.when),
                r.decides,
                r.decides_if,
                r.basis,
                r.inform,
                r.involve,
                r.involve_if,
                r.recommends,
            )
            for r in case.rules
        ),
    )


class _Band(NamedTuple):
    """A band as far as it is shared by every case type of the same meaning (no citations)."""

    condition: str
    example: dict[str, FactValue]
    changed: bool
    outcomes: tuple[Outcome | None, ...]
    rules: tuple[int | None, ...]  # which rule of each plan's case type applies


def _rule_index(case: CaseType, point: dict[str, float]) -> int | None:
    return next((i for i, rule in enumerate(case.rules) if matches(rule.when, point)), None)


def _bands(plans: Sequence[Plan], cases: Sequence[CaseType | None], lang: str) -> list[_Band]:
    """Cut the facts at every limit of every plan's rules, merge neighbours with equal outcomes."""
    home = next(plan for plan, case in zip(plans, cases) if case is not None)
    rules = [rule for case in cases if case is not None for rule in case.rules]
    facts = [home.facts[name] for name in sorted(set().union(*(facts_in(r.when) for r in rules)))]
    outcomes: dict[tuple[int, int | None], Outcome] = {}

    def outcome(number: int, index: int | None) -> Outcome:
        if (number, index) not in outcomes:
            case = cases[number]
            assert case is not None  # answer() asks only about the plans that have the case type
            outcomes[number, index] = outcome_of(
                plans[number], case, None if index is None else case.rules[index], None
            )
        return outcomes[number, index]

    def answer(point: dict[str, float]) -> tuple[tuple[int | None, ...], tuple[Outcome | None, ...]]:
        indices = tuple(None if case is None else _rule_index(case, point) for case in cases)
        return indices, tuple(
            None if case is None else outcome(number, index)
            for number, (case, index) in enumerate(zip(cases, indices))
        )

    result = []
    for box, found in regions(rules, facts, lambda point: answer(point)[1]):
        example = {name: interval.example(home.facts[name].integer) for name, interval in box}
        result.append(
            _Band(
                _condition(home, box, lang),
                {k: whole_or_float(v) for k, v in example.items()},
                len(set(found)) > 1,
                found,
                answer(example)[0],
            )
        )
    return result


def _compare(
    plans: Sequence[Plan],
    ids: Sequence[str],
    case_id: str,
    shared: dict[tuple[object, ...], list[_Band]],
    lang: str,
) -> CaseChange:
    """One case type across the plans; `shared` keeps the bands of each meaning seen so far."""
    cases = [plan.case_types.get(case_id) for plan in plans]
    meaning = tuple(_meaning(plan, case) for plan, case in zip(plans, cases))
    if meaning not in shared:
        shared[meaning] = _bands(plans, cases, lang)
    cited: dict[tuple[int, int], str] = {}

    def citation(number: int, index: int | None) -> str | None:
        if index is None:
            return None
        if (number, index) not in cited:
            case = cases[number]
            assert case is not None  # a rule index is None where the plan lacks the case type
            cited[number, index] = citation_of(plans[number], case, case.rules[index])
        return cited[number, index]

    bands = tuple(
        DiffBand(
            condition=band.condition,
            example=band.example,
            changed=band.changed,
            outcomes=dict(zip(ids, band.outcomes)),
            citations={key: citation(n, i) for n, (key, i) in enumerate(zip(ids, band.rules))},
        )
        for band in shared[meaning]
    )
    first = next(case for case in cases if case is not None)
    places = [None if case is None else (case.title, case.section, case.category) for case in cases]
    distinct: dict[tuple[str, str | None, str | None] | None, Placement] = {
        place: Placement(title=place[0], section=place[1], category=place[2])
        for place in places
        if place is not None
    }
    moves: tuple[Move, ...] = (
        ()
        if len(distinct) == 1
        else tuple(
            field
            for number, field in enumerate(cast("tuple[Move, ...]", ("title", "section", "category")))
            if len({cast("tuple[str, str | None, str | None]", place)[number] for place in distinct}) > 1
        )
    )
    change: Change
    if cases[0] is None:
        change = "added"
    elif None in cases:
        change = "removed"
    else:
        change = "changed" if any(band.changed for band in bands) else "unchanged"
    return CaseChange(
        case_type=case_id,
        title=first.title,
        change=change,
        section=first.section,
        moves=moves,
        placements={key: distinct.get(place) for key, place in zip(ids, places)},
        bands=bands,
    )


def compare_case(plans: Sequence[Plan], case_id: str, lang: str = "da") -> CaseChange:
    """One case type across plans (at least one listing it), band by band, as `diff` compares it."""
    return _compare(plans, _keys(plans), case_id, {}, lang)


def _mentions(change: CaseChange, body: str) -> bool:
    for band in change.bands:
        for outcome in band.outcomes.values():
            if outcome and (
                outcome.decides == body
                or body in outcome.involve
                or body in outcome.recommends
                or any(inform.body == body for inform in outcome.inform)
            ):
                return True
    return False


def _roles(change: CaseChange, plan_id: str) -> tuple[set[str], set[str], set[str]]:
    """The bodies that decide, are briefed before, are told after, in at least one band."""
    decides: set[str]
    before: set[str]
    after: set[str]
    decides, before, after = set(), set(), set()
    for band in change.bands:
        outcome = band.outcomes[plan_id]
        if outcome is None:
            continue
        if outcome.decides:
            decides.add(outcome.decides)
        for inform in outcome.inform:
            (before if inform.when == "before" else after).add(inform.body)
    return decides, before, after


def workload(
    changes: Sequence[CaseChange], plan_ids: Sequence[str], bodies: Sequence[str]
) -> dict[str, dict[str, Load]]:
    """Per plan and body: case types decided, briefed on before, told about after (see docs)."""
    result: dict[str, dict[str, Load]] = {}
    for plan_id in plan_ids:
        counts: list[Counter[str]] = [Counter(), Counter(), Counter()]
        for change in changes:
            for counter, found in zip(counts, _roles(change, plan_id)):
                counter.update(found)
        result[plan_id] = {
            body: Load(
                decides=counts[0][body], briefed_before=counts[1][body], informed_after=counts[2][body]
            )
            for body in bodies
            if any(counter[body] for counter in counts)
        }
    seen = [body for body in bodies if any(body in table for table in result.values())]
    return {plan_id: {body: table.get(body, Load()) for body in seen} for plan_id, table in result.items()}


def decider_moves(change: CaseChange, old: str, new: str) -> set[tuple[str | None, str | None]]:
    """The (decider in old, decider in new) pairs that differ in one of the case type's bands."""
    pairs = ((band.outcomes[old], band.outcomes[new]) for band in change.bands)
    deciders = ((a.decides if a else None, b.decides if b else None) for a, b in pairs)
    return {(source, target) for source, target in deciders if source != target}


def flows(changes: Sequence[CaseChange], plan_ids: Sequence[str], order: Sequence[str]) -> list[Flow]:
    """For every earlier/later pair of plans: how many case types move from one decider to another.

    A case type counts once for each (from, to) pair of deciders that differ in one of its bands.
    """
    rank: dict[str | None, int] = {body: index for index, body in enumerate(order)}
    result = []
    for old, new in combinations(plan_ids, 2):
        moved: Counter[tuple[str | None, str | None]] = Counter()
        for change in changes:
            moved.update(decider_moves(change, old, new))
        for (source, target), count in sorted(
            moved.items(),
            key=lambda item: (-item[1], rank.get(item[0][0], len(rank)), rank.get(item[0][1], len(rank))),
        ):
            result.append(Flow(from_plan=old, to_plan=new, **{"from": source}, to=target, count=count))
    return result


def _legend(plans: Sequence[Plan]) -> Legend:
    bodies: dict[str, str] = {}
    administrations: dict[str, str] = {}
    sections: dict[str, str] = {}
    categories: dict[str, str] = {}
    facts: dict[str, FactLabel] = {}
    for plan in plans:
        for body_id in plan.bodies:
            bodies.setdefault(body_id, body_label(plan, body_id))
            administrations.setdefault(body_id, administration_label(plan, body_id))
        for section in plan.sections.values():
            sections.setdefault(section.id, section.title)
        for category in plan.categories.values():
            categories.setdefault(category.id, category.title)
        for fact in plan.facts.values():
            facts.setdefault(fact.id, FactLabel(label=fact.label, unit=fact.unit))
    return Legend(
        bodies=bodies, sections=sections, categories=categories, facts=facts, administrations=administrations
    )


def _chosen(kind: str, value: str | None, known: dict[str, str]) -> str | None:
    """A filter's id, given as the id or the name (an id, a section title, a body's name or short name)."""
    if value is None or value in known:
        return value
    by_name = {name.casefold(): key for key, name in known.items()}
    by_name.update({key.casefold(): key for key in known})
    if value.casefold() in by_name:
        return by_name[value.casefold()]
    raise InputError(
        Problem(
            f"diff.unknown.{kind}",
            {"name": value, "known": ", ".join(known) or Message("word.none")},
            hint=did_you_mean(value, known),
            field=kind,
        )
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the diff is built.

    The diff makes hundreds of thousands of small long-lived objects and no reference cycles;
    each full collection meanwhile walks every object of the loaded plans as well. For two plans
    of 10,000 case types that doubled the time (bench/diff_bench.py). The former state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _keys(plans: Sequence[Plan]) -> list[str]:
    """The plans' ids, a repeated one numbered ("A", "A#2"), so that diff(A, A) can be asked."""
    keys: list[str] = []
    for plan in plans:
        key, number = plan.id, 1
        while key in keys:
            number += 1
            key = f"{plan.id}#{number}"
        keys.append(key)
    return keys


def diff(
    *plans: Plan | str,
    section: str | None = None,
    body: str | None = None,
    only_changed: bool = False,
    rules_dir: str | None = None,
    lang: str = "da",
) -> PlanDiff:
    """Compare two or more plans (models, or ids/paths to load) case type by case type.

    `section` and `body` keep only the case types of that list, or where that body decides, is
    told, involved or recommends in some plan; workload and flows count those case types.
    `only_changed` then drops the unchanged ones from `changes` (not from the counts).
    `lang` words the bands' conditions ("beløb: over 500.000 kr. og ..."); fact labels are the plan's.
    """
    lang = checked_lang(lang)
    if len(plans) < 2:
        raise InputError(Problem("diff.two_plans", hint=Message("diff.two_plans.hint")))
    if not all(isinstance(plan, Plan) for plan in plans):
        from ..engine.registry import load

        plans = tuple(plan if isinstance(plan, Plan) else load(plan, rules_dir) for plan in plans)
    models = cast("tuple[Plan, ...]", plans)
    ids = _keys(models)
    legend = _legend(models)
    section = _chosen("section", section, legend.sections)
    body = _chosen("body", body, legend.bodies)
    order = [
        case_id
        for case_id in dict.fromkeys(c for plan in models for c in plan.case_types)
        if section is None
        or any(case_id in plan.case_types and plan.case_types[case_id].section == section for plan in models)
    ]
    shared: dict[tuple[object, ...], list[_Band]] = {}
    with _collector_paused():
        changes = [_compare(models, ids, case_id, shared, lang) for case_id in order]
        if body is not None:
            changes = [change for change in changes if _mentions(change, body)]
        moved = [f for f in flows(changes, ids, list(legend.bodies)) if body in (None, f.from_, f.to)]
        return PlanDiff(
            plans=tuple(
                PlanRef(id=key, title=p.title, source=p.source, date=p.date) for key, p in zip(ids, models)
            ),
            changes=tuple(c for c in changes if not only_changed or c.change != "unchanged"),
            workload=workload(changes, ids, [body] if body is not None else list(legend.bodies)),
            flows=tuple(moved),
            legend=legend,
            filters=Filters(section=section, body=body, only_changed=only_changed),
        )
