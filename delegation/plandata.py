"""A Plan (or any of the frozen dataclasses) as plain JSON data and back: the compiled cache's format.

`as_data` writes a dataclass out as JSON data, as pydantic's dump of it would (tested). `plan_from_data`
rebuilds the plan field by field from the classes' own annotations (a builder per class, made once),
so that reading a cached plan checks nothing again: the plan was checked when it was compiled, and
json.loads, unlike pickle, can only ever make dicts, lists, strings and numbers.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from enum import Enum
from functools import cache

from .hints import TYPE_CHECKING, cast
from .model import Plan, Span, new_span
from .records import field_annotations, field_default, field_names

if TYPE_CHECKING:
    from typing import Any

    Builder = Callable[[Any], Any]

_AS_IS = object()  # a literal's annotation: its values are JSON as they are


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data (enums as their values, spans as objects)."""
    return cast("dict[str, Any]", as_data(plan))


def as_data(value: Any) -> Any:
    """A value as JSON data: a dataclass as an object of its fields in declaration order, a named
    tuple (a Span) as an object, an enum as its value, a tuple as a list."""
    names = field_names(type(value))
    if names is not None:
        return {name: as_data(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        if hasattr(value, "_asdict"):
            return {key: as_data(item) for key, item in value._asdict().items()}
        return [as_data(item) for item in value]
    if isinstance(value, list):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


def plan_from_data(data: dict[str, Any]) -> Plan:
    """The plan `plan_to_data` gave, rebuilt without validation; KeyError/TypeError/ValueError for
    data of another shape (the cache then compiles the plan again). The data becomes the plan's
    own: its dicts are the records' (json.loads made them for this), so it cannot be read twice."""
    plan = _builder(Plan)(data)
    if not isinstance(plan, Plan):
        raise TypeError("not a plan")
    return plan


def _span(data: Any) -> Span:
    return new_span((str(data["file"]), int(data["line"]), int(data["column"])))


@cache
def _builder(annotation: Any) -> Builder:
    """How to rebuild a value of this annotation from JSON data (made once per annotation)."""
    if annotation is Span:
        return _span
    # Read without typing (kept off the command's path): tuple[...] and dict[...] are
    # types.GenericAlias, "X | None" a types.UnionType, and a literal was told apart by its text.
    origin = getattr(annotation, "__origin__", None)
    arguments: tuple[Any, ...] = getattr(annotation, "__args__", ())
    if field_names(annotation) is not None:
        return _model_builder(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        # A member by its value from the enum's own table (KeyError for another value, as the
        # call's ValueError): calling the enum is two Python frames a field.
        return cast("Builder", annotation._value2member_map_.__getitem__)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _builder(arguments[0])
            if item is _as_is:
                return tuple
            return lambda data: tuple(map(item, data))
        items = [_builder(argument) for argument in arguments]
        return lambda data: tuple(build(value) for build, value in zip(items, data))
    if origin is dict:
        value_builder = _builder(arguments[1])
        return lambda data: {key: value_builder(value) for key, value in data.items()}
    if isinstance(annotation, types.UnionType):
        return _union_builder(arguments)
    if annotation is _AS_IS or annotation in (str, int, float, bool):
        return _as_is
    raise TypeError(f"no builder for {annotation!r}")


def _as_is(data: Any) -> Any:
    return data


def _union_builder(arguments: tuple[Any, ...]) -> Builder:
    """Optional values, and the condition union told apart by its "kind" field."""
    options = [argument for argument in arguments if argument is not type(None)]
    if len(options) == 1 and _builder(options[0]) is _as_is:  # "str | None": None is JSON too
        return _as_is
    by_kind = {
        field_default(option, "kind"): _builder(option)
        for option in options
        if "kind" in (field_names(option) or ())
    }
    single = _builder(options[0]) if len(options) == 1 else None

    def build(data: Any) -> Any:
        if data is None:
            return None
        if by_kind:
            return by_kind[data["kind"]](data)
        if single is not None:
            return single(data)
        raise TypeError(f"cannot tell which of {options!r} the data is")

    return build


@cache
def _annotation(module: str, written: Any) -> Any:
    """A field's annotation, evaluated once per distinct text: the classes are written with
    `from __future__ import annotations`, and typing.get_type_hints (typing itself: 5.5 ms), which evaluates every
    annotation of a class again for each class, took 5 ms of a 15 ms read of plan B."""
    if not isinstance(written, str):
        return written
    if written.startswith("Literal["):
        return _AS_IS
    return eval(written, vars(sys.modules[module]))  # noqa: S307 - the package's own annotations, never input


def _model_builder(model: type) -> Builder:
    """An instance made from its fields as the JSON has them, without __init__: the JSON's own dict
    becomes the instance's, and only fields that are not JSON as they are (records, tuples, enums)
    are converted in it (a field at a time through a builder each: 3.4-5 ms of reading plan A)."""
    # Made on first use (the annotations may name a class defined later) and published with one
    # append, never filled in place: threads reading plans at once each see the whole of it.
    prepared: list[tuple[frozenset[str], tuple[tuple[str, Builder], ...]]] = []

    def build(data: Any) -> object:
        if not prepared:
            builders = {
                name: _builder(_annotation(module, written))
                for name, (module, written) in field_annotations(model).items()
            }
            converted = tuple((name, builder) for name, builder in builders.items() if builder is not _as_is)
            prepared.append((frozenset(builders), converted))
        names, converted = prepared[0]
        if data.keys() != names:
            raise KeyError(f"{model.__name__}: fields {sorted(names ^ set(data))}")
        for name, builder in converted:
            data[name] = builder(data[name])
        made: object = object.__new__(model)
        object.__setattr__(made, "__dict__", data)
        return made

    return build
