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


def test_a_record_checks_its_values_and_takes_defaults_as_dataclass_does():
    @record(kw_only=False)
    class Checked:
        name: str
        size: int = field(default=1)
        tags: tuple[str, ...] = field()  # a bare field(): required, as dataclass has it

        def __post_init__(self) -> None:
            if self.size < 0:
                raise ValueError("size")

    assert Checked("a", 2, ("x",)).size == 2 and Checked("a", tags=()).size == 1
    with pytest.raises(ValueError, match="size"):
        Checked("a", -1, ())
    with pytest.raises(TypeError, match="missing keyword arguments: tags"):
        Checked("a")
    assert Checked.__match_args__ == ("name", "size", "tags")
    assert [f.name for f in dataclasses.fields(Checked)] == ["name", "size", "tags"]
    assert dataclasses.fields(Checked)[2].default is dataclasses.MISSING


def test_a_mutable_default_is_refused_when_the_record_is_declared():
    with pytest.raises(TypeError, match="mutable default"):

        @record
        class Shared:
            items: list[str] = []  # noqa: RUF012 - the point of the test


def test_a_subclass_orders_its_fields_after_its_bases():
    @record
    class Base:
        a: int
        b: int = 2

    @record
    class Child(Base):
        c: int = 3

    assert Child(a=1).__record__.order == ("a", "b", "c")
    assert [f.name for f in dataclasses.fields(Child)] == ["a", "b", "c"]


def test_threads_asking_for_the_dataclass_fields_at_once_see_one_conversion():
    """Two threads converting at once each wrote the factories onto the class and took them
    away again: one saw `notes` without its default_factory (pydantic then required it)."""
    import sys
    import threading

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can: the race shows
    try:
        _convert_at_once(threading)
    finally:
        sys.setswitchinterval(interval)


def _convert_at_once(threading) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):

        @record
        class Fresh:
            left: str
            notes: dict[str, str] = field(default_factory=dict)
            more: list[str] = field(default_factory=list)

        barrier = threading.Barrier(8)
        seen: list[object] = []

        def read(barrier: threading.Barrier = barrier, seen: list[object] = seen, made: type = Fresh) -> None:
            barrier.wait()
            fields = made.__dataclass_fields__  # type: ignore[attr-defined]
            seen.append(tuple((f.name, f.default_factory) for f in fields.values()))

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert set(seen) == {(("left", dataclasses.MISSING), ("notes", dict), ("more", list))}


def test_hints_named_tuple_is_typings():
    """hints.NamedTuple (typing's import kept off the command's path) makes what typing's makes."""
    import typing

    from delegation import hints

    def declare(base):
        class Point(base):
            """A point."""

            x: int
            y: int = 0
            label: str = "p"

            def moved(self, by: int) -> Point:
                return self._replace(x=self.x + by)

        return Point

    ours, theirs = declare(hints.NamedTuple), declare(typing.NamedTuple)
    for made in (ours, theirs):
        point = made(1)
        assert (
            point == (1, 0, "p")
            and point.moved(2).x == 3
            and point._asdict() == {"x": 1, "y": 0, "label": "p"}
        )
        assert repr(point) == "Point(x=1, y=0, label='p')" and made.__doc__ == "A point."
        assert issubclass(made, tuple) and made._fields == ("x", "y", "label")
    assert typing.get_type_hints(ours) == typing.get_type_hints(theirs) == {"x": int, "y": int, "label": str}
    assert ours.__qualname__ == theirs.__qualname__
    assert ours._field_defaults == theirs._field_defaults and ours.__module__ == theirs.__module__
    with pytest.raises(TypeError):

        class Wrong(hints.NamedTuple):
            a: int = 1
            b: int


def test_record_annotations_evaluate_for_pydantic_without_typing_imported():
    """model.py imports Literal for type checkers only; a record becoming a dataclass binds typing's
    names in its module first, so pydantic can evaluate `Literal['compare']` there."""
    from pydantic import TypeAdapter

    from delegation.model import Compare

    schema = TypeAdapter(Compare).json_schema()
    assert schema["properties"]["kind"]["const"] == "compare"
    assert set(schema["properties"]["op"]["enum"]) == {">", ">=", "<", "<="}
