"""The language: rules text -> tokens -> a validated Plan (grammar, parser, include/extends, checks, layout)."""

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


def __getattr__(name: str):
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
