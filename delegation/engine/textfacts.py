"""Facts a case text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"), read as the plan's facts."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from functools import lru_cache

from ..bands import Interval, TooManyCells, fact_partition, intersect, rule_runs
from ..conditions import matches
from ..hints import TYPE_CHECKING
from ..model import CaseType, Plan
from .danish import fold, stem
from .facts import facts_used
from .index import Index, index_of

if TYPE_CHECKING:
    from typing import TypeAlias

    from .decision import Band
    from .quantities import TextQuantity

    Span: TypeAlias = tuple[
        str, TextQuantity, bool
    ]  # a fact, the range or approximation given it, within one band


def text_facts(
    plan: Plan, case: CaseType | None, found: tuple[TextQuantity, ...] | list[TextQuantity]
) -> dict[str, float]:
    """The facts a text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"): each number whose
    unit word names a fact's unit (or a synonym of it), given to the fact the case type uses."""
    return read_facts(plan, case, found)[0]


def read_facts(
    plan: Plan, case: CaseType | None, found: Sequence[TextQuantity]
) -> tuple[dict[str, float], dict[str, tuple[float, ...]], list[Span]]:
    """`text_facts`; the facts the text states more than one value of, with the values in the
    text's order; and the ranges and approximations it gives a fact, each with whether one band of
    the case type holds all of it (read in one pass)."""
    if not found:  # the common case: an id, or a text without numbers (and no index built for it)
        return {}, {}, []
    stated: list[tuple[str, float]] = []
    spans: list[Span] = []
    index = index_of(plan)
    used = set(facts_used(plan, case)) if case else set()
    read = [
        (fact, quantity)
        for quantity in found
        if (
            fact := fact_of(plan, index, used, quantity.units, quantity.then)
            or unitless_fact(plan, case, quantity)
        )
    ]
    for (fact, quantity), bound in zip(read, bounds(read)):
        if bound is not None:
            if not bound:
                stated.append((fact, quantity.value))
            continue
        within = None
        if quantity.spread is not None and case is not None:
            within = spread_within(plan, case, fact, quantity.spread)
            spans.append((fact, quantity, within))
        value = value_of(plan, fact, quantity, case, within)
        if value is not None:
            stated.append((fact, value))
    values: dict[str, tuple[float, ...]] = {}
    for fact, value in stated:
        if value not in values.get(fact, ()):
            values[fact] = (*values.get(fact, ()), value)
    return agreed(stated), {fact: given for fact, given in values.items() if len(given) > 1}, spans


def bounds(read: Sequence[tuple[str, TextQuantity]]) -> list[bool | None]:
    """Per (fact, quantity) of a text: None to read it; True for a bound the text restates around a
    figure of the same fact ("800.000 kr., altså mindre end 1 mio. kr.", "1,8 mio. kr., dvs. ikke
    over 2 mio. kr."), which says no more than the figure; False for a bound the figure lies
    outside of ("2,5 mio. kr., dvs. ikke over 2 mio. kr."), which contradicts it: its number is a
    second value, and neither is used. Read as a second value, a restated bound made the fact's two
    values clash and the answer list the bands (audit, 2026-11-28)."""
    points = [(fact, q.value) for fact, q in read if q.spread is None and not q.past]
    verdicts: list[bool | None] = []
    for fact, quantity in read:
        inside = (
            []
            if quantity.spread is None
            else [
                quantity.spread[0] <= value <= quantity.spread[1] for named, value in points if named == fact
            ]
        )
        verdicts.append(any(inside) if inside else None)
    return verdicts


def agreed(stated: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Each fact with the value the text gives it; a fact given two values is left out: in
    "anlægsregnskab på 60 mio. kr. med en overskridelse på 300.000 kr." which amount is the case's
    is the user's to say (`read_facts` names them), and the answer lists the bands meanwhile."""
    values: dict[str, float] = {}
    clashing = set()
    for fact, value in stated:
        if values.setdefault(fact, value) != value:
            clashing.add(fact)
    for fact in clashing:
        del values[fact]
    return values


def value_of(
    plan: Plan, fact: str, quantity: TextQuantity, case: CaseType | None, within: bool | None = None
) -> float | None:
    """The fact's value a quantity states: itself, or the next whole number (the next øre, for an
    amount) past it when the words before say just past or below ("godt 500.000 kr.", "knap 5
    personer" is 4). A range, an approximation or an open "over"/"under" ("2-3 mio.", "ca. 2 mio.",
    "over 5 personer") states a value only where the case type's rules answer every value of its
    spread alike (`within`, when the caller knows): else None, and the answer lists the bands; an
    open one then states the value just past the number ("over 5 personer": 6)."""
    if quantity.spread is not None:
        if within is None:
            within = case is not None and spread_within(plan, case, fact, quantity.spread)
        if not within:
            return None
        if not quantity.past:
            low, _ = whole_spread(plan.facts[fact].integer, quantity.spread)
            # a whole number for a fact counted in whole units ("4,5-5,5 medarbejdere" is 5)
            return low if plan.facts[fact].integer and not quantity.value.is_integer() else quantity.value
    if not quantity.past:
        return quantity.value
    # past the number by a whole unit, or an øre of an amount (quantity_marks._STEP)
    return quantity.value + quantity.past * (1 if plan.facts[fact].integer else 0.01)


def spread_within(plan: Plan, case: CaseType, fact: str, spread: tuple[float, float]) -> bool:
    """Whether the case type's rules answer every value of the spread alike: the bands it meets
    (cut at every limit of the rules, so a rule holds for all of a band or none) agree on which
    rules hold. "5-8 personer" on "5 personer eller derover" meets the band of 5 and the one
    above it, and both give the same answer."""
    definition = plan.facts[fact]
    low, high = whole_spread(definition.integer, spread)
    if low > high:
        return False
    asked = Interval(low, True, None if math.isinf(high) else high, True)
    outcomes = {
        tuple(matches(rule.when, {fact: band.example(definition.integer)}) for rule in case.rules)
        for band in fact_partition(case.rules, definition)
        if not intersect(band, asked).is_empty(definition.integer)
    }
    return len(outcomes) == 1


def bands_met(
    plan: Plan,
    case: CaseType,
    depends_on: Sequence[str],
    outcomes: tuple[Band, ...],
    given: Mapping[str, float],
    fact: str,
    spread: tuple[float, float],
) -> tuple[Band, ...]:
    """The bands a decision lists for the facts it `depends_on` (as outcomes.bands lists them)
    that hold a value of `fact` within `spread`: "over 300.000 kr." meets Magistraten's
    250.000-500.000 kr. and the council's band above, not the default under 250.000 kr."""
    definition = plan.facts[fact]
    low, high = whole_spread(definition.integer, spread)
    asked = Interval(low, True, None if math.isinf(high) else high, True)
    try:
        runs = rule_runs(case.rules, [plan.facts[name] for name in depends_on], given)
    except TooManyCells:  # listed a band per rule (outcomes.rule_bands): no cells to compare
        return outcomes
    if len(runs) != len(outcomes):
        return outcomes
    return tuple(
        band
        for band, (intervals, _) in zip(outcomes, runs)
        if all(
            not intersect(interval, asked).is_empty(definition.integer)
            for name, interval in intervals
            if name == fact
        )
    )


def whole_spread(integer: bool, spread: tuple[float, float]) -> tuple[float, float]:
    """The spread of a fact counted in whole units in whole units: "ca. 5 personer" is 5, not 4,5-5,5."""
    low, high = spread
    return (
        (float(math.ceil(low)), high if math.isinf(high) else float(math.floor(high))) if integer else spread
    )


# Thousands grouped by dots or commas ("300.000", "1,000,000"); not by plain spaces, which a case
# number's parts are also written with ("sag 12 345").
_GROUPED = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+")


def unitless_fact(plan: Plan, case: CaseType | None, quantity: TextQuantity) -> str | None:
    """The fact a number without a unit states: an amount written as amounts are ("bevilling
    300.000", "1.000.000": thousands grouped) is the case type's one fact that is not counted in
    whole units (its amount in kroner, not its persons or pay step); any other number (a year, a
    case number, "5") states nothing."""
    if case is None or not _GROUPED.search(quantity.text):
        return None
    amounts = [name for name in facts_used(plan, case) if not plan.facts[name].integer]
    return amounts[0] if len(amounts) == 1 else None


def fact_of(plan: Plan, index: Index, used: Set[str], words: tuple[str, ...], then: str = "") -> str | None:
    """The fact a number with these unit words states (the one the case type uses first), or None;
    `then`, the word after the unit, may name one of two facts with the unit as the words do."""
    units = {key for word in words for key in _unit_keys(index, word)}
    fitting = [fact for fact in plan.facts.values() if fact.unit and _unit_keys(index, fact.unit) & units]
    if not fitting:
        return None
    if len(fitting) > 1:  # two amounts in kroner: the word before or after the number may say which
        said = {stem(fold(word).rstrip(".")) for word in (*words, then) if word}
        labelled = [fact for fact in fitting if said & _label_keys(fact.label)]
        if len(labelled) == 1:  # "i alt årligt 460.000 kr.", "480.000 kr. årligt": the "samlet årligt beløb"
            return labelled[0].id
    return next((f for f in fitting if f.id in used), fitting[0]).id


@lru_cache(maxsize=256)
def _label_keys(label: str) -> frozenset[str]:
    return frozenset(stem(fold(word)) for word in label.split())


def without_quantities(index: Index, plan: Plan, text: str, found: Sequence[TextQuantity]) -> str:
    """The text less the quantities read as facts ("75 mio. kr.", "løntrin 54"): their words say
    how much, not which case type."""
    units = fact_units(index, plan)
    return cut_quantities(text, found, lambda words: quantity_cut(index, units, words))


def fact_units(index: Index, plan: Plan) -> set[str]:
    """The stems (and their one-word synonyms) of the units of the plan's facts."""
    return {key for fact in plan.facts.values() if fact.unit for key in _unit_keys(index, fact.unit)}


def cut_quantities(
    text: str, found: Sequence[TextQuantity], cut: Callable[[tuple[str, ...]], tuple[bool, bool]]
) -> str:
    """The text less each quantity whose unit words `cut` says are a fact's (the number and the
    word after it; and the word before, when that is the unit)."""
    for quantity in reversed(found):
        rest, before = cut(quantity.units)
        if not rest:
            continue
        start, end = quantity.rest
        text = text[:start] + " " + text[end:]
        if quantity.before and before:
            start, end = quantity.before
            text = text[:start] + " " + text[end:]
    return text


def quantity_cut(index: Index, units: Set[str], words: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether a quantity with these unit words is a fact's, and whether its last word is the unit."""
    rest = any(_unit_keys(index, word) & units for word in words)
    return rest, rest and bool(_unit_keys(index, words[-1]) & units)


def _unit_keys(index: Index, word: str) -> set[str]:
    key = stem(fold(word).rstrip("."))
    return {key, *index.same_word.get(key, ())}
