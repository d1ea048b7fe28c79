"""The engine: a Plan and a case (id, words or KLE code) and facts -> a Decision, with its receipt."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decision import Decision as Decision
    from .evaluate import decide as decide
    from .index import index_of as index_of
    from .registry import load as load
    from .registry import plan_files as plan_files
    from .registry import plans as plans
    from .resolve import resolve_case as resolve_case
    from .resolve import resolve_kle as resolve_kle

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "Decision": "decision",
    "decide": "evaluate",
    "resolve_case": "resolve",
    "resolve_kle": "resolve",
    "index_of": "index",
    "load": "registry",
    "plans": "registry",
    "plan_files": "registry",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
