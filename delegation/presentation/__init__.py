"""Presentation for people: decisions and plans as text, diff reports (text, Markdown, HTML) and pictures."""

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "render_decision": "render",
    "render_case": "render",
    "render_plan": "render_plan",
    "render_text": "report",
    "render_markdown": "report",
    "render_html": "report_html",
    "flow_svg": "svg",
    "workload_svg": "svg",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
