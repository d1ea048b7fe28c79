"""Frozen records: dataclasses whose methods are shared, so that declaring one compiles no code."""

from __future__ import annotations

from _thread import RLock  # threading's lock itself, without threading's import (1.5 ms)
from collections.abc import Callable, Mapping
from operator import attrgetter

from .hints import TYPE_CHECKING, NamedTuple, TypeVar, cast, dataclass_transform, overload, typing_names

if TYPE_CHECKING:
    from typing import Any

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Spec(NamedTuple):
    """What the shared methods need of a record class, kept on it as __record__."""

    names: frozenset[str]
    defaults: dict[str, Any]
    factories: dict[str, Callable[[], Any]]
    values: Callable[[Any], Any]  # the fields' values, in order, for equality and hashing
    positional: tuple[str, ...]  # the names positional arguments fill, in order (none if kw_only)
    order: tuple[str, ...]  # every field, in order
    check: Callable[[Any], None] | None  # __post_init__: a check of the values, run by __init__
    kw_only: bool
    annotations: dict[str, tuple[str, Any]]  # field -> (module declaring it, its annotation as written)


class Field:
    """A field's default made by a function (`field(default_factory=list)`), as dataclasses.field."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default, self.default_factory = default, default_factory


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] = MISSING) -> Any:
    """dataclasses.field for records: a default, or a function making one for each record."""
    return Field(default, default_factory)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, kw_only: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, kw_only: bool = True) -> type[T] | Callable[[type[T]], type[T]]:
    """A frozen dataclass, keyword-only unless `kw_only=False` (fields, replace and pydantic's
    TypeAdapter all work).

    dataclass(frozen=True) compiles six methods per class with exec; the plan model and the
    decision contract have 35 classes, and compiling them took 20-35 ms of a 110 ms `delegation
    decide`. These records compile nothing: every record shares the generic methods below,
    parameterised by its field names. Nor do they import dataclasses (with inspect, ast and dis:
    12-20 ms of `delegation decide` on this machine) until something asks a record for its
    dataclass fields (pydantic, dataclasses.fields or replace): then the class becomes one.
    """
    if cls is None:
        return lambda cls: _made(cls, kw_only)
    return _made(cls, kw_only)


def _made(cls: type[T], kw_only: bool) -> type[T]:
    made: Any = cls
    order: list[str] = []
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    annotations: dict[str, tuple[str, Any]] = {}
    for base in reversed(
        made.__mro__[1:]
    ):  # a record's fields follow its base record's, as dataclass orders them
        spec = base.__dict__.get("__record__")
        if spec is not None:
            order += [name for name in spec.order if name not in order]
            defaults.update(spec.defaults)
            factories.update(spec.factories)
            annotations.update(spec.annotations)
    for name, annotation in made.__dict__.get("__annotations__", {}).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        annotations[name] = (made.__module__, annotation)
        if name not in order:
            order.append(name)
        value = made.__dict__.get(name, MISSING)
        if type(value).__module__ == "dataclasses":  # dataclasses.field: its MISSING is not ours
            raise TypeError(f"{made.__name__}.{name}: a record's field is delegation.records.field")
        defaults.pop(name, None)
        factories.pop(name, None)
        if isinstance(value, Field):
            if value.default_factory is not MISSING:
                factories[name] = value.default_factory
            if value.default is MISSING:
                delattr(made, name)
            else:
                setattr(made, name, value.default)
            value = value.default
        if isinstance(value, (list, dict, set)):  # as dataclass refuses it: one object for every record
            raise TypeError(
                f"{made.__name__}.{name}: a mutable default is shared; use field(default_factory=...)"
            )
        if value is not MISSING:
            defaults[name] = value
    names = tuple(order)
    values = attrgetter(*names) if names else _no_values
    made.__record__ = _Spec(
        frozenset(names),
        defaults,
        factories,
        values,
        () if kw_only else names,
        names,
        getattr(made, "__post_init__", None),
        kw_only,
        annotations,
    )
    for name, method in _METHODS.items():
        if name not in made.__dict__:
            setattr(made, name, method)
    # Read by pydantic where it validates or describes a record (TypeAdapter): unknown keys are
    # refused, and the JSON Schema says so (additionalProperties: false). A plain dict: records
    # never import pydantic.
    made.__pydantic_config__ = {"extra": "forbid"}
    made.__dataclass_fields__ = _AS_DATACLASS
    if not kw_only and "__match_args__" not in made.__dict__:
        type.__setattr__(made, "__match_args__", names)  # as dataclass sets it for positional fields
    return cast("type[T]", made)


def field_names(cls: type) -> tuple[str, ...] | None:
    """A record class's fields in order; None for a class that is no record."""
    spec = cls.__dict__.get("__record__") if isinstance(cls, type) else None
    return None if spec is None else cast("tuple[str, ...]", spec.order)


def field_annotations(cls: type) -> dict[str, tuple[str, Any]]:
    """A record class's fields -> (the module declaring each, its annotation as written)."""
    return cast("dict[str, tuple[str, Any]]", cls.__dict__["__record__"].annotations)


def field_default(cls: type, name: str) -> Any:
    """A record field's default value (MISSING when it has none)."""
    return cls.__dict__["__record__"].defaults.get(name, MISSING)


class _AsDataclass:
    """`__dataclass_fields__` of a record until something reads it (dataclasses.is_dataclass,
    fields, replace, pydantic): then the class becomes a dataclass, fields and all, and this
    stands aside. The record's own methods stay: dataclass is asked to make none."""

    def __get__(self, instance: object, owner: type) -> Any:
        spec = owner.__dict__.get("__record__")
        if spec is None:  # a subclass that is no record: its base's fields
            record_base: Any = next(base for base in owner.__mro__[1:] if "__record__" in base.__dict__)
            return record_base.__dataclass_fields__
        # One thread converts; another asking meanwhile waits and reads the result (two at once
        # each wrote the factories onto the class and took them away again). Reentrant: converting
        # a class converts its record bases first, in the same thread.
        with _CONVERTING:
            if owner.__dict__.get("__dataclass_fields__") is self:
                import dataclasses

                typing_names(owner.__module__)  # pydantic evaluates the annotations there

                for name, factory in spec.factories.items():
                    if name in owner.__dict__.get("__annotations__", {}):
                        setattr(owner, name, dataclasses.field(default_factory=factory))
                dataclasses.dataclass(
                    init=False, repr=False, eq=False, match_args=False, kw_only=spec.kw_only
                )(owner)
        return owner.__dict__["__dataclass_fields__"]


_AS_DATACLASS = _AsDataclass()
_CONVERTING = RLock()


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
    names, defaults, factories, _, positional, _, check, _, _ = type(self).__record__
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
    if check is not None:
        check(self)


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
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record__.order)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    from dataclasses import FrozenInstanceError  # here: only a mistake pays for the import

    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {
    "__init__": _init,
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__getstate__": _getstate,
}
