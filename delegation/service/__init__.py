"""The service: the HTTP API, the Danish web pages with their templates and static files, and batch decisions."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import create_app as create_app
    from .batch import decide_lines as decide_lines
    from .batch import json_lines as json_lines
    from .store import PlanStore as PlanStore

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "create_app": "api",
    "PlanStore": "store",
    "decide_lines": "batch",
    "json_lines": "batch",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
