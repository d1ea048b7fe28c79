"""Frozen records: dataclasses whose methods are shared, so that declaring one compiles no code."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T")


class _Spec(NamedTuple):
    """What the shared methods need of a record class, kept on it as __record__."""

    names: frozenset[str]
    defaults: dict[str, Any]
    factories: dict[str, Callable[[], Any]]
    values: Callable[[Any], Any]  # the fields' values, in order, for equality and hashing
    positional: tuple[str, ...]  # the names positional arguments fill, in order (none if kw_only)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, kw_only: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T] | None = None, /, *, kw_only: bool = True) -> type[T] | Callable[[type[T]], type[T]]:
    """A frozen dataclass, keyword-only unless `kw_only=False` (fields, replace and pydantic's
    TypeAdapter all work).

    dataclass(frozen=True) compiles six methods per class with exec; the plan model and the
    decision contract have 35 classes, and compiling them took 20-35 ms of a 110 ms `delegation
    decide`. These records compile nothing: dataclass is asked only for the field metadata, and
    every record shares the generic methods below, parameterised by its field names.
    """
    if cls is None:
        return lambda cls: _made(cls, kw_only)
    return _made(cls, kw_only)


def _made(cls: type[T], kw_only: bool) -> type[T]:
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=kw_only)(cls)
    fields = dataclasses.fields(made)
    # What the shared __init__ does not do, refused rather than silently ignored.
    if hasattr(made, "__post_init__") or any(not item.init for item in fields):
        raise TypeError(
            f"{made.__name__}: a record has neither __post_init__ nor fields left out of __init__"
        )
    names = tuple(item.name for item in fields)
    defaults = {item.name: item.default for item in fields if item.default is not dataclasses.MISSING}
    factories = {
        item.name: item.default_factory for item in fields if item.default_factory is not dataclasses.MISSING
    }
    values = attrgetter(*names) if names else _no_values
    made.__record__ = _Spec(frozenset(names), defaults, factories, values, () if kw_only else names)
    for name, method in _METHODS.items():
        if name not in made.__dict__:
            setattr(made, name, method)
    # Read by pydantic where it validates or describes a record (TypeAdapter): unknown keys are
    # refused, and the JSON Schema says so (additionalProperties: false). A plain dict: records
    # never import pydantic.
    made.__pydantic_config__ = {"extra": "forbid"}
    return cast("type[T]", made)


def assembled(cls: type[T], fields: Mapping[str, Any], **changes: Any) -> T:
    """An instance from fields already checked (a compiled plan read back, a memoised decision
    copied with `changes`), without __init__: its checks are a third of a copy of a 26-field
    decision, and a plan of 10.000 case types read from the cache makes over 100.000 objects."""
    made = object.__new__(cls)
    made.__dict__.update(fields)
    if changes:
        made.__dict__.update(changes)
    return made


def _init(self: Any, *given: Any, **values: Any) -> None:
    names, defaults, factories, _, positional = type(self).__record__
    if given:
        if len(given) > len(positional):
            raise TypeError(f"{type(self).__name__}() takes {len(positional)} positional arguments")
        twice = values.keys() & set(positional[: len(given)])
        if twice:
            raise TypeError(f"{type(self).__name__}() got multiple values for {', '.join(sorted(twice))}")
        values.update(zip(positional, given))
    if not names.issuperset(values):
        unknown = ", ".join(sorted(set(values) - names))
        raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments: {unknown}")
    fields = self.__dict__
    fields.update(defaults)
    for name, factory in factories.items():
        if name not in values:
            fields[name] = factory()
    fields.update(values)
    if not names.issubset(fields):
        missing = ", ".join(sorted(names - fields.keys()))
        raise TypeError(f"{type(self).__name__}() missing keyword arguments: {missing}")


def _eq(self: Any, other: Any) -> object:
    values = self.__record__.values
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(values(self) == values(other))


def _hash(self: Any) -> int:
    return hash(self.__record__.values(self))


def _no_values(record: Any) -> tuple[()]:
    return ()


def _getstate(self: Any) -> dict[str, Any]:
    """The fields alone, for pickle and copy: what a record keeps beside them in its __dict__ (a
    plan's memo, a condition's compiled test) is derived, and made again when asked for."""
    return {name: self.__dict__[name] for name in self.__record__.names}


def _repr(self: Any) -> str:
    shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}" for item in dataclasses.fields(self))
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {
    "__init__": _init,
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__getstate__": _getstate,
}
