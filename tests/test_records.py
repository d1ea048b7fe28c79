"""Frozen records (delegation/records.py): what a frozen dataclass promises, with shared methods."""

from __future__ import annotations

import dataclasses

import pytest

from delegation.bands import Interval
from delegation.model import Channel, Inform, Quantity, Span, When
from delegation.records import field, record


@record
class _Pair:
    """A record for the tests."""

    left: str
    right: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


def test_a_record_is_a_frozen_keyword_only_dataclass():
    pair = _Pair(left="a", right=("b",))
    assert dataclasses.is_dataclass(pair) and [f.name for f in dataclasses.fields(pair)] == [
        "left",
        "right",
        "notes",
    ]
    assert pair == _Pair(left="a", right=("b",)) and pair != _Pair(left="a") and pair != ("a", ("b",), {})
    assert repr(pair) == "_Pair(left='a', right=('b',), notes={})"
    assert pair.notes is not _Pair(left="a").notes  # a factory per instance, never a shared default
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.left = "c"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del pair.left  # type: ignore[misc]
    assert dataclasses.replace(pair, left="c") == _Pair(left="c", right=("b",))
    with pytest.raises(TypeError, match="unexpected keyword arguments: colour"):
        _Pair(left="a", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing keyword arguments: left"):
        _Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        _Pair("a")  # type: ignore[misc]


def test_records_hash_and_compare_by_their_fields():
    first = Inform(body="oeu", when=When.before)
    assert hash(first) == hash(Inform(body="oeu", when=When.before))
    assert {first, Inform(body="oeu", when=When.before, channel=Channel.unspecified)} == {first}
    quantity = Quantity(value=1.0, span=Span("a.dlg", 1, 1))
    assert quantity == Quantity(value=1.0, unit=None, span=Span("a.dlg", 1, 1))
    assert Interval(0.0, True, 5.0, False) == Interval(low=0.0, low_closed=True, high=5.0, high_closed=False)
