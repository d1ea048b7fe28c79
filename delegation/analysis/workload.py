"""Weigh plans by real case volumes: resolve each case of a file and count who decides and is told, per year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from itertools import combinations
from pathlib import Path
from typing import Final, Literal

from pydantic import Field

from ..conditions import facts_in, matches
from ..engine.batch import Batch
from ..engine.decision import Outcome
from ..engine.index import index_of
from ..engine.outcomes import outcome_of
from ..engine.registry import load
from ..engine.resolve import MAX_TEXT, Resolution, resolve_kle
from ..engine.wording import body_label
from ..errors import InputError, Problem, checked_lang
from ..model import BodyKind, CaseType, Channel, Fact, Plan, Rule, building
from .casefile import CaseFile, CaseRow, read_cases
from .contract import Contract

WORKLOAD_SCHEMA: Final = "delegation.workload/1"
# What a case adds to the counts: the body deciding, the bodies told (1: briefed before, 2: told
# after), and whether it is on a council's agenda.
_Effect = tuple[str | None, tuple[tuple[int, str], ...], bool]
_TEXTS = 10_000  # answers kept per plan by text: a file of distinct titles must not hold them all
# Rows not resolved that an answer lists per plan, each text to MAX_TEXT characters (what the
# resolver reads): a 309 KB workbook of 199.000 made-up rows of 400 characters was answered with
# 270 MB of JSON listing every one in every plan (attack report, 2026-11-28, third).
MAX_LISTED = 1_000
Progress = Callable[[int, int], None]


class Counts(Contract):
    """Cases (rows of the file) a body decides, is briefed on before the decision, is told after."""

    decides: int = 0
    briefed_before: int = 0
    informed_after: int = 0


class YearVolume(Contract):
    year: int | None  # null: rows without a date
    bodies: dict[str, Counts]
    council_items: int  # cases on a council's agenda: it decides, or is told in a meeting


class Unresolved(Contract):
    line: int
    text: str
    reason: Literal["none", "ambiguous", "elsewhere", "kle", "facts"]
    detail: str = ""


class PlanVolume(Contract):
    plan: str
    resolved: int
    unresolved: tuple[Unresolved, ...]  # the first MAX_LISTED rows not resolved
    unlisted: int = 0  # rows not resolved beyond those listed
    total: dict[str, Counts]
    years: tuple[YearVolume, ...]
    case_types: dict[str, int]  # case type id -> cases of the file it decided


class Skipped(Contract):
    line: int
    text: str
    reason: str


class VolumeFlow(Contract):
    """`cases` rows decided by `from_` in `from_plan` are decided by `to` in `to_plan`."""

    from_plan: str
    to_plan: str
    from_: str | None = Field(alias="from")
    to: str | None
    cases: int


class CaseVolumes(Contract):
    """The contract "delegation.workload/1": the file read, and per plan the counts (docs/workload.md)."""

    schema_: Literal["delegation.workload/1"] = Field(default=WORKLOAD_SCHEMA, alias="schema")
    file: str
    encoding: str
    columns: dict[str, str]
    rows: int
    used: int
    skipped: tuple[Skipped, ...]
    years: tuple[int | None, ...]
    plans: tuple[PlanVolume, ...]
    flows: tuple[VolumeFlow, ...]
    bodies: dict[str, str]  # id -> name, for a report rendered from the JSON alone
    councils: tuple[str, ...]

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def plan(self, plan_id: str) -> PlanVolume:
        return next(volume for volume in self.plans if volume.plan == plan_id)


class _Resolver:
    """Case type per (text, plan), memoised: case-system exports repeat the same titles. A text is
    resolved once without the row's facts; only when the answer depends on facts (sibling case
    types that differ by a threshold, or candidates facts could choose between) is it resolved
    again with them, memoised per (text, which of those case types' thresholds the facts meet).
    Distinct texts share the batch's memos (engine/batch.py): per word, and per weighed words."""

    def __init__(self, plan: Plan, batch: Batch) -> None:
        self.plan = plan
        self.batch = batch
        self.memo = batch.plan(plan)
        self.by_text: dict[str, Resolution] = {}
        self.by_facts: dict[tuple[str, tuple[bool, ...]], Resolution] = {}
        self.by_kle: dict[str, Resolution] = {}
        self.has_kle = bool(index_of(plan).kle)
        self.siblings = index_of(plan).siblings

    def resolve(self, row: CaseRow) -> Resolution:
        if row.kle and self.has_kle:
            found = self.by_kle.get(row.kle)
            if found is None:
                found = self.by_kle[row.kle] = resolve_kle(self.plan, row.kle)
            if found.case is not None or found.candidates:
                return found
        if not row.text:  # a KLE code alone, that no pattern of the plan fits (or it has none)
            return Resolution(None, how="kle")
        found = self.by_text.get(row.text)
        if found is None:
            if len(self.by_text) >= _TEXTS:
                self.by_text.clear()
                self.by_facts.clear()
            found = self.by_text[row.text] = self.memo.resolve(self.batch, row.text, None, True)
        if row.facts and (
            (found.case is None and found.how == "ambiguous")
            or (found.case is not None and self.siblings.get(found.case.id))
        ):
            # The facts choose only among these case types, by which thresholds they meet: the
            # answer is memoised per text and that pattern, not per amount.
            among = (
                [match.case for match in found.candidates]
                if found.case is None
                else [found.case, *(self.plan.case_types[other] for other in self.siblings[found.case.id])]
            )
            known = {**self.memo.text_facts(None, found.quantities), **row.facts}
            key = (row.text, tuple(_threshold_met(case, known) for case in among))
            again = self.by_facts.get(key)
            if again is None:
                again = self.by_facts[key] = self.memo.resolve(self.batch, row.text, row.facts, True)
            return again
        return found

    def facts(self, row: CaseRow, case: CaseType, found: Resolution) -> dict[str, float]:
        """The row's facts, and those its text states ("75 mio. kr.") where the row gives none."""
        if not found.quantities:
            return row.facts
        return {**self.memo.text_facts(case, found.quantities), **row.facts}


def _threshold_met(case: CaseType, facts: Mapping[str, float]) -> bool:
    return any(rule.when is not None and matches(rule.when, facts) is True for rule in case.rules)


def _rule(case: CaseType, values: Mapping[str, float]) -> Rule | None | list[str]:
    """The rule that applies (None: no rule, the default competence), or the facts it depends on
    that the row does not give."""
    missing: set[str] = set()
    for rule in case.rules:  # the rules of a case type never overlap: the first match is it
        result = matches(rule.when, values)
        if result is True:
            return rule
        if result is None and rule.when is not None:
            missing |= facts_in(rule.when) - set(values)
    return sorted(missing) if missing else None


def _fixed_rule(case: CaseType) -> tuple[Rule | None, ...]:
    """(the rule that applies whatever the facts,) as `_rule` finds it: the first, when it has no
    condition; None when the case type has no rule. () when the facts choose."""
    if not case.rules:
        return (None,)
    return (case.rules[0],) if case.rules[0].when is None else ()


def _reason(found: Resolution) -> Literal["none", "ambiguous", "elsewhere", "kle"]:
    if found.how in ("ambiguous", "elsewhere", "kle"):
        return found.how  # type: ignore[return-value]
    return "none"


def weigh(
    cases: CaseFile,
    plans: Sequence[Plan | str],
    rules_dir: str | Path | None = None,
    progress: Progress | None = None,
    lang: str = "da",
    pause_collector: bool = True,
) -> CaseVolumes:
    """Resolve every row of the file in every plan and count, per plan, year and body, the cases
    decided, briefed on before and told about after (the diff's counting rule, per case).

    `pause_collector` pauses Python's cycle collector while it counts (see model.building): right
    for a command of its own, not for a service, whose other requests it would pause too."""
    models = [plan if isinstance(plan, Plan) else load(plan, rules_dir) for plan in plans]
    if not models:
        raise InputError(Problem("workload.no_plans", field="plan"))
    ids = [plan.id for plan in models]
    if len(set(ids)) != len(ids):
        raise InputError(Problem("workload.same_plan", dict(plans=", ".join(ids)), field="plan"))
    years = tuple(sorted({row.year for row in cases.rows}, key=lambda y: (y is None, y or 0)))
    # Row by row, each row in every plan: the plans share the batch's memos of the row's text.
    batch = Batch()
    tallies = [_Tally(plan, years, batch) for plan in models]
    total_work = len(cases.rows) * len(models)
    with building() if pause_collector else nullcontext():
        for position, row in enumerate(cases.rows):
            if progress is not None and position % 1000 == 0:
                progress(position * len(models), total_work)
            for tally in tallies:
                tally.add(row)
    if progress is not None:
        progress(total_work, total_work)
    volumes = [tally.volume(len(cases.rows)) for tally in tallies]
    deciders = {tally.plan.id: tally.deciders for tally in tallies}
    bodies: dict[str, str] = {}
    councils: list[str] = []
    for plan in models:
        for body in plan.bodies.values():
            bodies.setdefault(body.id, body_label(plan, body.id))
            if body.kind is BodyKind.council and body.id not in councils:
                councils.append(body.id)
    return CaseVolumes(
        file=cases.name,
        encoding=cases.encoding,
        columns=cases.columns,
        rows=cases.read,
        used=len(cases.rows),
        skipped=tuple(Skipped(line=s.line, text=s.text, reason=s.reason) for s in cases.skipped),
        years=years,
        plans=tuple(volumes),
        flows=tuple(_flows(ids, deciders)),
        bodies=bodies,
        councils=tuple(councils),
    )


class _Tally:
    """One plan's counts, a row at a time."""

    def __init__(self, plan: Plan, years: tuple[int | None, ...], batch: Batch) -> None:
        self.plan = plan
        self.resolver = _Resolver(plan, batch)
        self.councils = {b.id for b in plan.bodies.values() if b.kind is BodyKind.council}
        self.per_year: dict[int | None, list[Counter[str]]] = {
            year: [Counter(), Counter(), Counter()] for year in years
        }
        self.items: Counter[int | None] = Counter()
        self.by_case: Counter[str] = Counter()
        self.unresolved: list[Unresolved] = []
        self.unlisted = 0
        self.deciders: list[str | None] = []
        # (case type id, sender) -> its effect whatever the facts
        self.fixed: dict[tuple[str, str | None], _Effect | tuple[()]] = {}
        self.effects: dict[tuple[str, str | None, str | None], _Effect] = {}
        self.counted: dict[tuple[int | None, str, _Effect], int] = {}

    def _unresolved(
        self, row: CaseRow, reason: Literal["none", "ambiguous", "elsewhere", "kle", "facts"], detail: str
    ) -> None:
        self.deciders.append(None)
        if len(self.unresolved) >= MAX_LISTED:
            self.unlisted += 1
            return
        text = (row.text or row.kle or "")[:MAX_TEXT]
        self.unresolved.append(
            Unresolved.model_construct(line=row.line, text=text, reason=reason, detail=detail)
        )

    def add(self, row: CaseRow) -> None:
        plan, resolver = self.plan, self.resolver
        found = resolver.resolve(row)
        case = found.case
        if case is None:
            shown = ", ".join(m.case.id for m in found.candidates[:5]) if found.how == "ambiguous" else ""
            self._unresolved(row, _reason(found), shown)
            return
        sender = found.sender
        effect = self.fixed.get((case.id, sender))  # a case type whose rule the facts do not choose
        if effect is None:
            fixed = _fixed_rule(case)
            effect = self.fixed[case.id, sender] = self._outcome(case, fixed[0], sender) if fixed else ()
        if effect:
            self._count(row, case, effect)
            return
        rule = _rule(case, resolver.facts(row, case, found))
        if isinstance(rule, list):
            self._unresolved(row, "facts", ", ".join(plan.facts[name].label for name in rule))
            return
        key = (case.id, rule.id if rule is not None else None, sender)
        effect = self.effects.get(key)
        if effect is None:
            effect = self.effects[key] = self._outcome(case, rule, sender)
        self._count(row, case, effect)

    def _outcome(self, case: CaseType, rule: Rule | None, sender: str | None) -> _Effect:
        """The effect of a rule, or of none; the department a row's text opens with as its sender
        ("MTM - ...") is the relative department where that one decides, as `decide` reads it."""
        outcome = outcome_of(self.plan, case, rule, None)
        decider = self.plan.bodies.get(outcome.decides or "")
        if sender is not None and sender not in outcome.involve and decider is not None and decider.relative:
            outcome = outcome_of(self.plan, case, rule, sender)
        return self._effect(outcome)

    def _count(self, row: CaseRow, case: CaseType, effect: _Effect) -> None:
        # Counted per (year, case type, effect), spread over the bodies in `volume`: one update a
        # row instead of one per body.
        key = (row.year, case.id, effect)
        self.counted[key] = self.counted.get(key, 0) + 1
        self.deciders.append(effect[0])

    def _effect(self, outcome: Outcome) -> _Effect:
        """What a case with this outcome adds: the body deciding, the bodies told (1: briefed
        before, 2: told after), and whether it is on a council's agenda."""
        councils = self.councils
        on_agenda = bool(outcome.decides) and outcome.decides in councils
        told = []
        for inform in outcome.inform:
            told.append((1 if inform.when == "before" else 2, inform.body))
            on_agenda = on_agenda or (inform.body in councils and inform.channel == Channel.meeting.value)
        return outcome.decides, tuple(told), on_agenda

    def volume(self, rows: int) -> PlanVolume:
        for (year, case_id, (decides, told, on_agenda)), cases in self.counted.items():
            counts = self.per_year[year]
            if decides:
                counts[0][decides] += cases
            for which, body in told:
                counts[which][body] += cases
            self.items[year] += on_agenda * cases
            self.by_case[case_id] += cases
        total: list[Counter[str]] = [Counter(), Counter(), Counter()]
        for counters in self.per_year.values():
            for into, counter in zip(total, counters):
                into.update(counter)
        return PlanVolume(
            plan=self.plan.id,
            resolved=rows - len(self.unresolved) - self.unlisted,
            unresolved=tuple(self.unresolved),
            unlisted=self.unlisted,
            total=_counts(total),
            years=tuple(
                YearVolume(year=year, bodies=_counts(counters), council_items=self.items[year])
                for year, counters in self.per_year.items()
            ),
            case_types=dict(self.by_case.most_common()),
        )


def _counts(counters: list[Counter[str]]) -> dict[str, Counts]:
    bodies = sorted(set().union(*counters), key=lambda body: (-counters[0][body], body))
    return {
        body: Counts(
            decides=counters[0][body], briefed_before=counters[1][body], informed_after=counters[2][body]
        )
        for body in bodies
    }


def _flows(ids: list[str], deciders: dict[str, list[str | None]]) -> list[VolumeFlow]:
    """For every earlier/later pair of plans: rows resolved in both whose decider differs."""
    result = []
    for old, new in combinations(ids, 2):
        moved = Counter(
            (a, b) for a, b in zip(deciders[old], deciders[new]) if a is not None and b is not None and a != b
        )
        for (source, target), count in sorted(moved.items(), key=lambda item: (-item[1], item[0])):
            result.append(VolumeFlow(from_plan=old, to_plan=new, **{"from": source}, to=target, cases=count))
    return result


def plan_facts(plans: Sequence[Plan]) -> dict[str, Fact]:
    """Every fact of the plans, by id: the columns a case file may give."""
    found: dict[str, Fact] = {}
    for plan in plans:
        for fact in plan.facts.values():
            found.setdefault(fact.id, fact)
    return found


def workload(
    cases: str | Path | bytes,
    plans: Sequence[Plan | str] = (),
    columns: Mapping[str, str] | None = None,
    rules_dir: str | Path | None = None,
    name: str | None = None,
    progress: Progress | None = None,
    lang: str = "da",
    pause_collector: bool = True,
) -> CaseVolumes:
    """Read a case file (a path or its bytes) and weigh the plans by it (every plan of the rules
    folder when none is named); `pause_collector` as for weigh."""
    lang = checked_lang(lang)
    from ..engine.registry import plans as all_plans

    models = [p if isinstance(p, Plan) else load(p, rules_dir) for p in plans] or all_plans(rules_dir)
    # 100.000 rows read are as many objects the collector would walk
    with building() if pause_collector else nullcontext():
        read = read_cases(cases, plan_facts(models), columns, name, lang)
    return weigh(read, models, progress=progress, lang=lang, pause_collector=pause_collector)
