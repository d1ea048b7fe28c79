"""Interval arithmetic over fact conditions: atomic bands, three-valued matching, Danish wording."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from .conditions import matches
from .hints import TYPE_CHECKING, TypeVar
from .model import AllOf, AnyOf, Between, Compare, Condition, Fact, Rule
from .numbers import format_quantity
from .records import record

if TYPE_CHECKING:
    from typing import Any


def _limits(condition: Condition | None, fact: str) -> set[float]:
    if condition is None:
        return set()
    if isinstance(condition, (AllOf, AnyOf)):
        return set().union(*(_limits(item, fact) for item in condition.items))
    if condition.fact != fact:
        return set()
    if isinstance(condition, Between):
        return {condition.low.value, condition.high.value}
    return {condition.value.value}


@record(kw_only=False)
class Interval:
    """A set of values of one fact; high None means unbounded. Facts are never negative."""

    low: float
    low_closed: bool
    high: float | None
    high_closed: bool

    def example(self, integer: bool) -> float:
        """One concrete value inside, chosen to read naturally (midpoint, or the edge)."""
        if self.high is None:
            if self.low_closed:
                return self.low
            return self.low + 1 if integer or self.low == 0 else self.low * 2
        if self.low == self.high:
            return self.low
        if self.low == 0 and self.low_closed:
            middle = self.high / 2
        else:
            middle = (self.low + self.high) / 2
        if integer:
            middle = float(int(middle))
            if not self.contains(middle):
                middle = self.low + 1
        return middle

    def contains(self, value: float) -> bool:
        above = value >= self.low if self.low_closed else value > self.low
        below = True if self.high is None else (value <= self.high if self.high_closed else value < self.high)
        return above and below

    def is_empty(self, integer: bool) -> bool:
        if self.high is None:
            return False
        if self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed)):
            return True
        if integer:
            first = self.low if self.low_closed and self.low == int(self.low) else int(self.low) + 1
            return not self.contains(float(first))
        return False

    def join(self, other: Interval) -> Interval:
        return Interval(self.low, self.low_closed, other.high, other.high_closed)

    def describe(self, fact: Fact, lang: str = "da") -> str:
        """Wording of the plans: "over 500.000 kr.", "250.000-500.000 kr.", "5 personer eller derover"."""
        unit = fact.unit
        low = format_quantity(self.low, unit)
        high = format_quantity(self.high, unit) if self.high is not None else ""
        bare_low = format_quantity(self.low, None)
        words = _WORDS[lang]
        if self.high is None:
            if self.low == 0 and self.low_closed:
                return words["any"]
            return words["over"].format(low) if not self.low_closed else words["from"].format(low)
        if self.low == 0 and self.low_closed:
            return (words["to_incl"] if self.high_closed else words["under"]).format(high)
        if self.low == self.high:
            return words["exactly"].format(high)
        if self.low_closed and self.high_closed:
            if (
                bare_low.endswith(" mio.")
                and high.startswith(format_quantity(self.high, None))
                and format_quantity(self.high, None).endswith(" mio.")
            ):
                bare_low = bare_low.removesuffix(" mio.")  # "1-10 mio. kr.", as the plans write it
            return words["range"].format(bare_low, high)
        if not self.low_closed and self.high_closed:
            return words["over_to"].format(low, high)
        if self.low_closed:
            return words["from_under"].format(low, high)
        return words["over_under"].format(low, high)


_WORDS = {
    "da": {
        "any": "alle værdier",
        "over": "over {}",
        "from": "{} eller derover",
        "to_incl": "{} og derunder",
        "under": "under {}",
        "exactly": "præcis {}",
        "range": "{}-{}",
        "over_to": "over {} til og med {}",
        "from_under": "{} til under {}",
        "over_under": "over {} og under {}",
    },
    "en": {
        "any": "any value",
        "over": "over {}",
        "from": "{} or more",
        "to_incl": "{} or less",
        "under": "under {}",
        "exactly": "exactly {}",
        "range": "{}-{} (inclusive)",
        "over_to": "over {} up to and including {}",
        "from_under": "from {} to under {}",
        "over_under": "over {} and under {}",
    },
}


def atomic_intervals(limits: Sequence[float], integer: bool) -> list[Interval]:
    """Split [0, inf) at every limit into points and open stretches, dropping empty pieces."""
    points = sorted({value for value in limits if value >= 0})
    pieces: list[Interval] = []
    previous, previous_closed = 0.0, True
    for point in points:
        if point > 0:
            pieces.append(Interval(previous, previous_closed, point, False))
        pieces.append(Interval(point, True, point, True))
        previous, previous_closed = point, False
    pieces.append(Interval(previous, previous_closed, None, False))
    return [piece for piece in pieces if not piece.is_empty(integer)]


def fact_partition(rules: Sequence[Rule], fact: Fact) -> list[Interval]:
    limits = set().union(*(_limits(rule.when, fact.id) for rule in rules)) if rules else set()
    return atomic_intervals(sorted(limits), fact.integer)


@record(kw_only=False)
class Cell:
    """One combination of atomic intervals, with an example point inside it."""

    intervals: tuple[tuple[str, Interval], ...]
    example: dict[str, float]


class TooManyCells(ValueError):
    """The rules distinguish more fact combinations than can be enumerated one by one."""


CELL_LIMIT = 20_000


def cells(rules: Sequence[Rule], facts: Sequence[Fact], limit: int = CELL_LIMIT) -> Iterator[Cell]:
    """Every atomic cell of the fact space that the rules' conditions distinguish."""
    partitions = [fact_partition(rules, fact) for fact in facts]
    total = 1
    for partition in partitions:
        total *= len(partition)
    if total > limit:
        raise TooManyCells(f"{total} fact combinations (the limit is {limit})")
    for combination in itertools.product(*partitions):
        yield Cell(
            tuple((fact.id, interval) for fact, interval in zip(facts, combination)),
            {fact.id: interval.example(fact.integer) for fact, interval in zip(facts, combination)},
        )


def rule_runs(
    rules: Sequence[Rule], facts: Sequence[Fact], given: Mapping[str, float] | None = None
) -> list[tuple[tuple[tuple[str, Interval], ...], Rule | None]]:
    """The bands `decide` and `show` list: the atomic cells in order, with neighbours along the
    last fact joined where the same rule (or none) applies; `given` fixes the other facts."""
    given = given or {}

    def rule_at(cell: Cell) -> Rule | None:
        point = {**given, **cell.example}
        return next((rule for rule in rules if matches(rule.when, point)), None)

    if not facts:
        return [((), rule_at(Cell((), {})))]
    runs = []
    for (fixed, _), group in itertools.groupby(
        ((cell, rule_at(cell)) for cell in cells(rules, facts)),
        key=lambda pair: (pair[0].intervals[:-1], id(pair[1])),
    ):
        run = list(group)
        name, first = run[0][0].intervals[-1]
        runs.append(((*fixed, (name, first.join(run[-1][0].intervals[-1][1]))), run[0][1]))
    return runs


def merge_runs(items: Sequence[tuple[Interval, object]]) -> list[tuple[Interval, object]]:
    """Join neighbouring intervals (in order) that carry equal values."""
    merged: list[tuple[Interval, object]] = []
    for interval, value in items:
        if merged and merged[-1][1] == value:
            merged[-1] = (merged[-1][0].join(interval), value)
        else:
            merged.append((interval, value))
    return merged


_Key = TypeVar("_Key")


def regions(
    rules: Sequence[Rule],
    facts: Sequence[Fact],
    key: Callable[[dict[str, float]], _Key],
    limit: int = 100_000,
) -> list[tuple[tuple[tuple[str, Interval], ...], _Key]]:
    """The fact space cut into boxes on which key(point) is constant, as few as merging allows.

    The atomic cells of every limit in `rules` are merged with their neighbours along each fact,
    innermost fact first: two neighbouring slices join when everything inside them is equal. Each
    box is returned with its intervals (one per fact, in order) and the key of every point in it.
    """
    partitions = [fact_partition(rules, fact) for fact in facts]
    if math.prod(len(partition) for partition in partitions) > limit:
        raise ValueError(f"too many fact combinations to enumerate (over {limit})")

    def build(level: int, point: dict[str, float]) -> list[tuple[Interval, object]]:
        fact = facts[level]
        items = []
        for interval in partitions[level]:
            here = {**point, fact.id: interval.example(fact.integer)}
            inner = key(here) if level == len(facts) - 1 else tuple(build(level + 1, here))
            items.append((interval, inner))
        return merge_runs(items)

    def flatten(
        level: int, items: Iterable[tuple[Interval, Any]], prefix: tuple[tuple[str, Interval], ...]
    ) -> Iterator[tuple[tuple[tuple[str, Interval], ...], _Key]]:
        # An item's value: the key (at the last fact), or the next fact's items.
        for interval, inner in items:
            box = (*prefix, (facts[level].id, interval))
            if level == len(facts) - 1:
                yield box, inner
            else:
                yield from flatten(level + 1, inner, box)

    if not facts:
        return [((), key({}))]
    return list(flatten(0, build(0, {}), ()))


def condition_interval(atom: Compare | Between) -> Interval:
    if isinstance(atom, Between):
        return Interval(atom.low.value, True, atom.high.value, True)
    value, op = atom.value.value, atom.op
    if op[0] == ">":
        return Interval(value, op == ">=", None, False)
    return Interval(0.0, True, value, op == "<=")


def describe_condition(condition: Condition | None, facts: Mapping[str, Fact], lang: str = "da") -> str:
    """A condition in the plan's own wording: "beløb: over 500.000 kr. eller ..."."""
    if condition is None:
        return _WORDS[lang]["any"]
    if isinstance(condition, (AllOf, AnyOf)):
        joiner = {
            ("da", True): " og ",
            ("da", False): " eller ",
            ("en", True): " and ",
            ("en", False): " or ",
        }[(lang, isinstance(condition, AllOf))]
        return joiner.join(
            f"({describe_condition(item, facts, lang)})"
            if isinstance(item, (AllOf, AnyOf))
            else describe_condition(item, facts, lang)
            for item in condition.items
        )
    fact = facts[condition.fact]
    return f"{fact.label}: {condition_interval(condition).describe(fact, lang)}"


Box = dict[str, Interval]  # fact id -> allowed interval; a fact not named is unconstrained

BOX_LIMIT = 10_000


def boxes(condition: Condition | None) -> list[Box]:
    """A condition as a union of boxes (disjunctive normal form over fact intervals)."""
    if condition is None:
        return [{}]
    if isinstance(condition, AnyOf):
        return [box for item in condition.items for box in boxes(item)]
    if isinstance(condition, AllOf):
        result: list[Box] = [{}]
        for item in condition.items:
            result = [
                merged
                for left in result
                for right in boxes(item)
                if (merged := _meet(left, right)) is not None
            ]
            if len(result) > BOX_LIMIT:
                raise TooManyCells(f"more than {BOX_LIMIT} alternatives in one condition")
        return result
    return [{condition.fact: condition_interval(condition)}]


def intersect(a: Interval, b: Interval) -> Interval:
    """The values in both intervals (possibly empty: check with is_empty)."""
    if a.low > b.low or (a.low == b.low and not a.low_closed):
        low, low_closed = a.low, a.low_closed
    else:
        low, low_closed = b.low, b.low_closed
    if a.high is None:
        high, high_closed = b.high, b.high_closed
    elif b.high is None or a.high < b.high or (a.high == b.high and not a.high_closed):
        high, high_closed = a.high, a.high_closed
    else:
        high, high_closed = b.high, b.high_closed
    return Interval(low, low_closed, high, high_closed)


def _meet(left: Box, right: Box) -> Box | None:
    merged = dict(left)
    for fact, interval in right.items():
        merged[fact] = intersect(merged[fact], interval) if fact in merged else interval
        if merged[fact].is_empty(False):
            return None
    return merged


def overlap(a: Condition | None, b: Condition | None, facts: Mapping[str, Fact]) -> Box | None:
    """A box of fact values that satisfies both conditions, or None when they exclude each other."""
    for left in boxes(a):
        for right in boxes(b):
            common = _meet(left, right)
            if common is not None and not any(
                interval.is_empty(facts[fact].integer) for fact, interval in common.items()
            ):
                return common
    return None
