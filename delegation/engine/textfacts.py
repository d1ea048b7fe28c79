"""Facts a case text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"), read as the plan's facts."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set

from ..model import CaseType, Plan
from ..numbers import TextQuantity
from .danish import fold, stem
from .facts import facts_used
from .index import Index, index_of


def text_facts(
    plan: Plan, case: CaseType | None, found: tuple[TextQuantity, ...] | list[TextQuantity]
) -> dict[str, float]:
    """The facts a text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"): each number whose
    unit word names a fact's unit (or a synonym of it), given to the fact the case type uses."""
    if not found:
        return {}
    index = index_of(plan)
    used = set(facts_used(plan, case)) if case else set()
    values: dict[str, float] = {}
    for quantity in found:
        fact = fact_of(plan, index, used, quantity.units)
        if fact is not None:
            values.setdefault(fact, quantity.value)
    return values


def fact_of(plan: Plan, index: Index, used: Set[str], words: tuple[str, ...]) -> str | None:
    """The fact a number with these unit words states (the one the case type uses first), or None."""
    units = {key for word in words for key in _unit_keys(index, word)}
    fitting = [fact for fact in plan.facts.values() if fact.unit and _unit_keys(index, fact.unit) & units]
    if not fitting:
        return None
    return next((f for f in fitting if f.id in used), fitting[0]).id


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
