"""Which rules of a case type match where: the fact space cut into boxes, for check and graph."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..bands import Interval, fact_partition
from ..bands import regions as box_regions
from ..conditions import facts_in, matches
from ..i18n import text
from ..model import CaseType, Fact, Plan, Rule
from ..numbers import format_quantity

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
        return {fact.id: interval.example(fact.integer) for fact, interval in zip(self.facts, self.intervals)}

    def describe(self, lang: str = "da") -> str:
        """ "beløb: over 500.000 kr.", as decide words bands; facts over their whole range are left out."""
        parts = [
            f"{fact.label}: {interval.describe(fact, lang)}"
            for fact, interval in zip(self.facts, self.intervals)
            if not (interval.low == 0 and interval.low_closed and interval.high is None)
        ]
        return f" {text(lang, 'and')} ".join(parts) or text(lang, "check.any")

    def describe_example(self, lang: str = "da") -> str:
        return ", ".join(
            f"{fact.label} = {format_quantity(value, fact.unit)}"
            for fact, value in zip(self.facts, self.example().values())
        ) or text(lang, "check.any")


def known_facts(plan: Plan, rules: Sequence[Rule]) -> tuple[Fact, ...] | None:
    """The facts the rules' conditions use, sorted by id; None when one of them is not declared."""
    used = sorted(set().union(set(), *(facts_in(rule.when) for rule in rules)))
    if any(name not in plan.facts for name in used):
        return None
    return tuple(plan.facts[name] for name in used)


def regions(plan: Plan, case: CaseType, rules: Sequence[Rule] | None = None) -> list[Region]:
    """The fact space of a case type as boxes, each with the rules that match all of it.

    The one box mechanism of the project, `bands.regions` (which diff uses too), with the matching
    rules as the key. Returns [] when a condition uses an undeclared fact (that is reported
    elsewhere); raises TooComplex when cells times rules pass EVALUATION_LIMIT.
    """
    rules = case.rules if rules is None else tuple(rules)
    facts = known_facts(plan, rules)
    if facts is None:
        return []
    cells = math.prod(len(fact_partition(rules, fact)) for fact in facts)
    if cells * len(rules) > EVALUATION_LIMIT:
        raise TooComplex(f"case type '{case.id}': too many fact combinations to enumerate")

    def matching(point: dict[str, float]) -> tuple[int, ...]:
        return tuple(position for position, rule in enumerate(rules) if matches(rule.when, point))

    return [
        Region(facts, tuple(interval for _, interval in box), tuple(rules[p] for p in hits))
        for box, hits in box_regions(rules, facts, matching, limit=EVALUATION_LIMIT)
    ]
