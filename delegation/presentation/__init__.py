"""Presentation for people: decisions and plans as text, diff reports (text, Markdown, HTML) and pictures."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .render import render_case as render_case
    from .render import render_decision as render_decision
    from .render_plan import render_plan as render_plan
    from .report import render_markdown as render_markdown
    from .report import render_text as render_text
    from .report_html import render_html as render_html
    from .svg import flow_svg as flow_svg
    from .svg import workload_svg as workload_svg

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


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
