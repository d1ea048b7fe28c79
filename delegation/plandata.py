"""A Plan as plain JSON data and back, unvalidated: the compiled cache's format, which runs no code.

`plan_to_data` is pydantic's JSON dump. `plan_from_data` rebuilds the frozen models with
model_construct, field by field, from the models' own annotations (a builder per class, made once),
so that reading a cached plan validates nothing again: the plan was validated when it was compiled,
and json.loads, unlike pickle, can only ever make dicts, lists, strings and numbers.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel

from .model import Plan, Span

Builder = Callable[[Any], Any]


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data (enums as their values, spans as objects)."""
    return plan.model_dump(mode="json")


def plan_from_data(data: dict[str, Any]) -> Plan:
    """The plan `plan_to_data` gave, rebuilt without validation; KeyError/TypeError/ValueError for
    data of another shape (the cache then compiles the plan again)."""
    plan = _builder(Plan)(data)
    if not isinstance(plan, Plan):
        raise TypeError("not a plan")
    return plan


def _span(data: Any) -> Span:
    return Span(str(data["file"]), int(data["line"]), int(data["column"]))


@cache
def _builder(annotation: Any) -> Builder:
    """How to rebuild a value of this annotation from JSON data (made once per annotation)."""
    if annotation is Span:
        return _span
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_builder(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _builder(arguments[0])
            return lambda data: tuple(item(value) for value in data)
        items = [_builder(argument) for argument in arguments]
        return lambda data: tuple(build(value) for build, value in zip(items, data))
    if origin is dict:
        value_builder = _builder(arguments[1])
        return lambda data: {key: value_builder(value) for key, value in data.items()}
    if origin in (Union, types.UnionType):
        return _union_builder(arguments)
    if origin is Literal or annotation in (str, int, float, bool):
        return lambda data: data
    raise TypeError(f"no builder for {annotation!r}")


def _union_builder(arguments: tuple[Any, ...]) -> Builder:
    """Optional values, and the condition union told apart by its "kind" field."""
    options = [argument for argument in arguments if argument is not type(None)]
    by_kind = {
        option.model_fields["kind"].default: _builder(option)
        for option in options
        if isinstance(option, type) and issubclass(option, BaseModel) and "kind" in option.model_fields
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


def _default(attribute: Any) -> Any:
    return attribute.default_factory() if attribute.default_factory else attribute.default


def _model_builder(model: type[BaseModel]) -> Builder:
    """A model made as model_construct makes it (fields, the set of fields given, no extras, its
    private attributes' defaults), without its per-call checks: a plan of 10.000 case types has
    over 100.000 objects, and model_construct itself took 60 % of reading one."""
    hints = typing.get_type_hints(model, include_extras=False)
    fields: dict[str, Builder] = {}
    private = model.__private_attributes__
    setattr_ = object.__setattr__

    def build(data: Any) -> BaseModel:
        if not fields:  # filled on first use: the annotations may name a model defined later
            fields.update({name: _builder(hints[name]) for name in model.model_fields})
        values = {name: fields[name](value) for name, value in data.items()}
        if len(values) != len(fields):
            raise KeyError(f"{model.__name__}: fields {sorted(set(fields) ^ set(values))}")
        made = model.__new__(model)
        setattr_(made, "__dict__", values)
        setattr_(made, "__pydantic_fields_set__", set(values))
        setattr_(made, "__pydantic_extra__", None)
        setattr_(made, "__pydantic_private__", {name: _default(a) for name, a in private.items()} or None)
        return made

    return build
