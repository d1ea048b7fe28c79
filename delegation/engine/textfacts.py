"""Facts a case text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"), read as the plan's facts."""

from __future__ import annotations

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
        units = {key for word in quantity.units for key in _unit_keys(index, word)}
        fitting = [fact for fact in plan.facts.values() if fact.unit and _unit_keys(index, fact.unit) & units]
        if not fitting:
            continue
        fact = next((f for f in fitting if f.id in used), fitting[0])
        values.setdefault(fact.id, quantity.value)
    return values


def without_quantities(index: Index, plan: Plan, text: str, found: list[TextQuantity]) -> str:
    """The text less the quantities read as facts ("75 mio. kr.", "løntrin 54"): their words say
    how much, not which case type."""
    units = {key for fact in plan.facts.values() if fact.unit for key in _unit_keys(index, fact.unit)}
    for quantity in reversed(found):
        if not any(_unit_keys(index, word) & units for word in quantity.units):
            continue
        start, end = quantity.rest
        text = text[:start] + " " + text[end:]
        if quantity.before and _unit_keys(index, quantity.units[-1]) & units:
            start, end = quantity.before
            text = text[:start] + " " + text[end:]
    return text


def _unit_keys(index: Index, word: str) -> set[str]:
    key = stem(fold(word).rstrip("."))
    return {key, *index.same_word.get(key, ())}
