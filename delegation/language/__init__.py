"""The language: rules text -> tokens -> a validated Plan (grammar, parser, include/extends, checks, layout)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assemble import assemble as assemble
    from .assemble import load_plan as load_plan
    from .fmt import format_paths as format_paths
    from .fmt import format_text as format_text
    from .grammar import parser as parser
    from .lexer import DelegationLexer as DelegationLexer
    from .parse import parse_text as parse_text
    from .validate import validate as validate

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "parse_text": "parse",
    "load_plan": "assemble",
    "assemble": "assemble",
    "validate": "validate",
    "format_text": "fmt",
    "format_paths": "fmt",
    "DelegationLexer": "lexer",
    "parser": "grammar",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
