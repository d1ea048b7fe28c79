"""The service: the HTTP API, the Danish web pages with their templates and static files, and batch decisions."""

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "create_app": "api",
    "PlanStore": "store",
    "decide_lines": "batch",
    "json_lines": "batch",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
