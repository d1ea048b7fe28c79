"""typing's run-time helpers for the modules a `delegation decide` imports, without importing typing.

Importing typing takes 5.5 ms of a 100 ms command on this machine, and each `class X(NamedTuple)`
made by typing another 0.45 ms (collections.namedtuple: 0.15 ms). A type checker reads typing's own
names here; at run time the stand-ins below do what the command needs of them. Names used only in
annotations (Any, Literal, Final) are imported under TYPE_CHECKING where they are used, and
`typing_names` binds typing's own in a module before pydantic or dataclasses evaluate its records'
annotations (records.py calls it).
"""

from __future__ import annotations

import sys
from collections import namedtuple

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
    from typing import TypeVar as TypeVar
    from typing import cast as cast
    from typing import dataclass_transform as dataclass_transform
    from typing import overload as overload
else:

    def cast(kind, value):
        return value

    def overload(function):
        return function  # the implementation that follows the overloads replaces it

    def dataclass_transform(**kwargs):
        return lambda made: made

    class TypeVar:
        def __init__(self, name, *constraints, **kwargs):
            self.__name__ = name

        def __repr__(self):
            return f"~{self.__name__}"

    class _NamedTupleMeta(type):
        """`class X(NamedTuple)` as typing makes it: collections.namedtuple of the annotated fields,
        their defaults, and the class body's methods and docstring."""

        def __new__(cls, name, bases, namespace):
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, namespace)
            annotations = namespace.get("__annotations__", {})
            fields = list(annotations)
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            made = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            made.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key not in fields and key not in _NOT_COPIED:
                    setattr(made, key, value)
            made.__qualname__ = namespace.get("__qualname__", name)
            return made

    class NamedTuple(metaclass=_NamedTupleMeta):
        pass

    _NOT_COPIED = {"__module__", "__qualname__", "__annotations__", "__classcell__"}


_TYPING_NAMES = ("Any", "ClassVar", "Final", "Literal", "Optional", "Union")


def typing_names(module: str) -> None:
    """Bind typing's annotation-only names in a module that imports them for type checkers only,
    so that annotations written as strings ("Literal['compare']") evaluate there; a name the
    module binds itself is left alone."""
    import typing

    namespace = vars(sys.modules[module])
    for name in _TYPING_NAMES:
        namespace.setdefault(name, getattr(typing, name))
