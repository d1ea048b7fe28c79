"""A condition's facts and its test: which facts it reads, and whether given facts meet it (Kleene logic)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping

from .hints import cast
from .model import AllOf, AnyOf, Between, Compare, Condition


def facts_in(condition: Condition | None) -> set[str]:
    if condition is None:
        return set()
    if isinstance(condition, (AllOf, AnyOf)):
        return set().union(*(facts_in(item) for item in condition.items))
    return {condition.fact}


def atoms(condition: Condition | None) -> Iterator[Compare | Between]:
    """The comparisons and ranges of a condition, in order."""
    if condition is None:
        return
    if isinstance(condition, (AllOf, AnyOf)):
        for item in condition.items:
            yield from atoms(item)
    else:
        yield condition


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def matches(condition: Condition | None, facts: Mapping[str, float | None]) -> bool | None:
    """Kleene logic: True, False, or None when a missing fact leaves it open."""
    if condition is None:
        return True
    # A condition is compiled into a closure on first use and kept in its own __dict__ (as
    # functools.cached_property keeps a value: never a field, so equality, the JSON and the schema
    # do not see it). Walking the condition on every call, with isinstance at each node, was half
    # of a decide's time where a rule reads two amounts joined by "eller".
    test = condition.__dict__.get("_test")
    if test is None:
        test = condition.__dict__["_test"] = _compiled(condition)
    return cast("bool | None", test(facts))


Test = Callable[[Mapping[str, float | None]], "bool | None"]


def _compiled(condition: Condition) -> Test:
    if isinstance(condition, (AllOf, AnyOf)):
        items = tuple(_compiled(item) for item in condition.items)
        decisive, other = (False, True) if isinstance(condition, AllOf) else (True, False)

        def combined(facts: Mapping[str, float | None]) -> bool | None:
            result: bool | None = other
            for item in items:
                found = item(facts)
                if found is decisive:
                    return decisive
                if found is None:
                    result = None
            return result

        return combined
    name = condition.fact
    if isinstance(condition, Between):
        low, high = condition.low.value, condition.high.value

        def between(facts: Mapping[str, float | None]) -> bool | None:
            value = facts.get(name)
            return None if value is None else low <= value <= high

        return between
    compare, limit = _COMPARE[condition.op], condition.value.value

    def compared(facts: Mapping[str, float | None]) -> bool | None:
        value = facts.get(name)
        return None if value is None else compare(value, limit)

    return compared
