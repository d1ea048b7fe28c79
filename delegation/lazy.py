"""Public names of a stage package, imported from their module on first use (PEP 562)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def exports(package: str, public: dict[str, str]) -> tuple[Callable[[str], object], list[str]]:
    """A package's `__getattr__` and `__all__` for `public` (name -> module in the package).

    Importing one module of a stage then does not import the others, so `delegation decide` pays
    only for what it runs.
    """

    def __getattr__(name: str) -> object:
        if name in public:
            return getattr(import_module(f".{public[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, sorted(public)
