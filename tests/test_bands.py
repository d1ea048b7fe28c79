"""Interval arithmetic: partitions, matching and the Danish wording of bands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delegation.bands import Interval, atomic_intervals
from delegation.conditions import matches
from delegation.model import Compare, Fact, Quantity, Span

SPAN = Span(file="t", line=1, column=1)
KR = Fact(id="amount", label="beløb", unit="kr.", span=SPAN)
PERSONS = Fact(id="persons", label="antal personer", unit="personer", integer=True, span=SPAN)


def compare(op, value, fact="amount"):
    return Compare(fact=fact, op=op, value=Quantity(value=value, span=SPAN), span=SPAN)


@pytest.mark.parametrize(
    "interval, text",
    [
        (Interval(500_000, False, None, False), "over 500.000 kr."),
        (Interval(250_000, True, 500_000, True), "250.000-500.000 kr."),
        (Interval(0, True, 250_000, False), "under 250.000 kr."),
        (Interval(0, True, 250_000, True), "250.000 kr. og derunder"),
        (Interval(2_000_000, False, None, False), "over 2 mio. kr."),
        (Interval(0, True, None, False), "alle værdier"),
    ],
)
def test_danish_wording(interval, text):
    assert interval.describe(KR) == text


def test_integer_wording_and_examples():
    five_or_more = Interval(5, True, None, False)
    assert five_or_more.describe(PERSONS) == "5 personer eller derover"
    assert five_or_more.example(integer=True) == 5
    assert Interval(5, False, None, False).example(integer=True) == 6


def test_integer_partition_drops_empty_gaps():
    pieces = atomic_intervals([52, 53], integer=True)
    assert [(p.low, p.high) for p in pieces] == [(0, 52), (52, 52), (53, 53), (53, None)]


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.sampled_from([">", ">=", "<", "<="]),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_matches_follows_the_operator(value, op, limit):
    expected = {">": value > limit, ">=": value >= limit, "<": value < limit, "<=": value <= limit}[op]
    assert matches(compare(op, limit), {"amount": value}) is expected


def test_missing_fact_is_unknown():
    assert matches(compare(">", 5), {}) is None


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=6),
    st.integers(min_value=0, max_value=20_000),
)
def test_partition_covers_every_value_once(limits, value):
    pieces = atomic_intervals(limits, integer=False)
    assert sum(piece.contains(value) for piece in pieces) == 1
    for piece in pieces:
        assert piece.contains(piece.example(integer=False))
