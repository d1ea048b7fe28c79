"""Presentation for people: decisions and plans as text, diff reports (text, Markdown, HTML) and pictures."""

from ..hints import TYPE_CHECKING
from ..lazy import exports

if TYPE_CHECKING:
    from .render import render_case as render_case
    from .render import render_decision as render_decision
    from .render_plan import render_plan as render_plan
    from .report import render_markdown as render_markdown
    from .report import render_text as render_text
    from .report_html import render_html as render_html
    from .svg import flow_svg as flow_svg
    from .svg import workload_svg as workload_svg

__getattr__, __all__ = exports(
    __name__,
    {
        "render_decision": "render",
        "render_case": "render",
        "render_plan": "render_plan",
        "render_text": "report",
        "render_markdown": "report",
        "render_html": "report_html",
        "flow_svg": "svg",
        "workload_svg": "svg",
    },
)
