"""Which rules of a case type match where: the fact space cut into boxes, for check and graph."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Sequence

from ..bands import Interval, fact_partition, facts_in, matches
from ..i18n import text
from ..model import CaseType, Fact, Plan, Rule
from ..numbers import format_quantity

Box = tuple[tuple[int, int], ...]  # per fact, the first and last atomic interval (inclusive)

# Cells times rules: each cell is matched against every rule. Real plans stay far below this.
EVALUATION_LIMIT = 500_000


class TooComplex(ValueError):
    """The rules cut the fact space into more cells than are worth enumerating one by one."""


@dataclass(frozen=True)
class Region:
    """A box of fact values in which the same rules match (in plan order; none is a gap)."""

    facts: tuple[Fact, ...]
    intervals: tuple[Interval, ...]
    rules: tuple[Rule, ...]

    def example(self) -> dict[str, float]:
        return {fact.id: interval.example(fact.integer)
                for fact, interval in zip(self.facts, self.intervals)}

    def describe(self, lang: str = "da") -> str:
        """ "beløb: over 500.000 kr.", as decide words bands; facts over their whole range are left out."""
        parts = [f"{fact.label}: {interval.describe(fact, lang)}"
                 for fact, interval in zip(self.facts, self.intervals)
                 if not (interval.low == 0 and interval.low_closed and interval.high is None)]
        return f" {text(lang, 'and')} ".join(parts) or text(lang, "check.any")

    def describe_example(self, lang: str = "da") -> str:
        return ", ".join(f"{fact.label} = {format_quantity(value, fact.unit)}"
                         for fact, value in zip(self.facts, self.example().values())) \
            or text(lang, "check.any")


def known_facts(plan: Plan, rules: Sequence[Rule]) -> tuple[Fact, ...] | None:
    """The facts the rules' conditions use, sorted by id; None when one of them is not declared."""
    used = sorted(set().union(set(), *(facts_in(rule.when) for rule in rules)))
    if any(name not in plan.facts for name in used):
        return None
    return tuple(plan.facts[name] for name in used)


def regions(plan: Plan, case: CaseType, rules: Sequence[Rule] | None = None) -> list[Region]:
    """The fact space of a case type as boxes, each with the rules that match all of it.

    Atomic cells (every combination of the intervals between the rules' limits) are grouped by the
    rules that match them, then neighbouring cells of a group are joined one fact at a time.
    Returns [] when a condition uses an undeclared fact (that is reported elsewhere); raises
    TooComplex when cells times rules pass EVALUATION_LIMIT.
    """
    rules = case.rules if rules is None else tuple(rules)
    facts = known_facts(plan, rules)
    if facts is None:
        return []
    partitions = [fact_partition(rules, fact) for fact in facts]
    if math.prod(len(partition) for partition in partitions) * len(rules) > EVALUATION_LIMIT:
        raise TooComplex(f"case type '{case.id}': too many fact combinations to enumerate")
    groups: dict[tuple[int, ...], list[Box]] = {}
    for cell in itertools.product(*(range(len(partition)) for partition in partitions)):
        example = {fact.id: partitions[axis][index].example(fact.integer)
                   for axis, (fact, index) in enumerate(zip(facts, cell))}
        hits = tuple(position for position, rule in enumerate(rules) if matches(rule.when, example))
        groups.setdefault(hits, []).append(tuple((index, index) for index in cell))
    found = []
    for hits, boxes in groups.items():
        for box in _join(boxes, len(facts)):
            found.append((box, Region(facts, tuple(partitions[axis][low].join(partitions[axis][high])
                                                   for axis, (low, high) in enumerate(box)),
                                      tuple(rules[position] for position in hits))))
    return [region for _, region in sorted(found, key=lambda item: item[0])]


def _join(boxes: list[Box], axes: int) -> list[Box]:
    """Join boxes that touch along one axis and agree on all others, last axis first."""
    for axis in reversed(range(axes)):
        rows: dict[Box, list[Box]] = {}
        for box in boxes:
            rows.setdefault(box[:axis] + box[axis + 1:], []).append(box)
        joined: list[Box] = []
        for row in rows.values():
            row.sort(key=lambda box: box[axis])
            run = row[0]
            for box in row[1:]:
                if run[axis][1] + 1 == box[axis][0]:
                    run = run[:axis] + ((run[axis][0], box[axis][1]),) + run[axis + 1:]
                else:
                    joined.append(run)
                    run = box
            joined.append(run)
        boxes = joined
    return boxes
