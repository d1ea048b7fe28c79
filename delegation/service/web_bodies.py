"""The Organ pages' content: a body's roles per plan (roles.body_report) and its part of the graph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from ..analysis.roles import Duty, body_report
from ..errors import DelegationError
from ..i18n import text
from ..model import Body, Plan
from ..presentation.palette import tint
from .web_common import all_bodies, capitalised, channel_text

# A body's roles, in the order the page lists them: (Role.kind, Role.when) -> heading.
ROLE_LABELS = {
    (kind, when): text("da", f"body.{when or kind}")
    for kind, when in (
        ("decides", None),
        ("inform", "before"),
        ("inform", "after"),
        ("inform", "periodic"),
        ("involve", None),
        ("recommends", None),
    )
}


def role_key(duty: Duty) -> tuple[str, str | None]:
    return duty.role.kind, duty.role.when


def role_label(duty: Duty) -> str:
    channel = channel_text(duty.role.channel) if duty.role.channel else ""
    return ROLE_LABELS[role_key(duty)] + (f" ({channel})" if channel else "")


@dataclass
class CaseRow:
    case_id: str
    title: str
    section: str
    duties: dict[str, list[Duty]] = field(default_factory=dict)  # plan id -> the body's duties
    present: set[str] = field(default_factory=set)  # plans listing the case type


@dataclass
class BodyPage:
    body: Body
    kind: str
    plans: list[Plan]
    rows: list[CaseRow]
    counts: dict[str, dict[tuple[str, str | None], int]]  # plan id -> role key -> number of case types
    delegates_to: list[Body]
    delegated_from: list[Body]
    stands_for: list[Body]  # a relative body: the concrete bodies it can mean

    @property
    def vias(self) -> list[str]:
        """How the body is named when it acts for a relative body: ["som Magistratsafdelingen"]."""
        found = {
            text("da", "body.via", body=duty.via)
            for row in self.rows
            for duties in row.duties.values()
            for duty in duties
            if duty.via
        }
        return sorted(found)

    @property
    def sections(self) -> list[tuple[str, list[CaseRow]]]:
        """The rows grouped by section, sections and rows in plan order."""
        grouped: dict[str, list[CaseRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.section, []).append(row)
        return list(grouped.items())


def kind_label(body: Body) -> str:
    # The same names of kinds as the bodies list and a decision's `bodies` (i18n's kind.*).
    label = capitalised(text("da", f"kind.{body.kind.value}"))
    return f"{label} ({text('da', 'bodies.relative')})" if body.relative else label


def body_page(plans: Sequence[Plan], body_id: str) -> BodyPage | None:
    """Everything the plans give the body to do, case type by case type, side by side."""
    bodies = all_bodies(plans)
    body = bodies.get(body_id)
    if body is None:
        return None
    rows: dict[str, CaseRow] = {}
    counts: dict[str, dict[tuple[str, str | None], int]] = {}
    for plan in plans:
        for case in plan.case_types.values():
            section = plan.sections.get(case.section or "")
            rows.setdefault(case.id, CaseRow(case.id, case.title, section.title if section else ""))
            rows[case.id].present.add(plan.id)
        duties = _duties(plan, body_id)
        for duty in duties:
            rows[cast(str, duty.role.case)].duties.setdefault(plan.id, []).append(duty)
        counts[plan.id] = {
            key: len({d.role.case for d in duties if role_key(d) == key}) for key in ROLE_LABELS
        }
    for row in rows.values():
        for duties in row.duties.values():
            duties.sort(key=lambda duty: list(ROLE_LABELS).index(role_key(duty)))
    return BodyPage(
        body=body,
        kind=kind_label(body),
        plans=list(plans),
        rows=[row for row in rows.values() if row.duties],
        counts=counts,
        delegates_to=[bodies[b] for b in body.delegates_to if b in bodies],
        delegated_from=[b for b in bodies.values() if body_id in b.delegates_to],
        stands_for=[b for b in bodies.values() if body.relative and b.kind is body.kind and not b.relative],
    )


def _duties(plan: Plan, body_id: str) -> list[Duty]:
    if body_id not in plan.bodies:
        return []
    return [duty for section in body_report(plan, body_id).sections for duty in section.duties]


@dataclass(frozen=True)
class BodySummary:
    body: Body
    kind: str
    decides: dict[str, int]  # plan id -> case types where it decides in some band
    briefed: dict[str, int]  # plan id -> case types where it is briefed (before, after, periodic)


def body_index(plans: Sequence[Plan]) -> list[BodySummary]:
    """Every body with how many case types it decides and is briefed on, per plan."""
    summaries = []
    for body_id, body in all_bodies(plans).items():
        decides, briefed = {}, {}
        for plan in plans:
            duties = _duties(plan, body_id)
            decides[plan.id] = len({d.role.case for d in duties if d.role.kind == "decides"})
            briefed[plan.id] = len({d.role.case for d in duties if d.role.kind == "inform"})
        summaries.append(BodySummary(body, kind_label(body), decides, briefed))
    return summaries


def body_graph_svg(plan: Plan, body_id: str, colours: Mapping[str, str] | None = None) -> str | None:
    """The body's part of the plan's delegation graph (graph.py's summary view) as inline SVG.

    Only the edges that touch the body: who delegates to it, where it decides, what it is told.
    None when Graphviz cannot draw it.
    """
    from ..analysis.graph import build_graph, to_dot, view

    node = f"body:{body_id}"
    drawn = view(plan, build_graph(plan), "summary")
    if node not in drawn:
        return None
    edges = [(u, v, k) for u, v, k in drawn.edges(keys=True) if node in (u, v)]
    own = drawn.edge_subgraph(edges) if edges else drawn.subgraph([node])  # type: ignore[arg-type]  # types-networkx: a multigraph's edges have keys
    # Body nodes in the pages' colours (tinted, so their labels stay readable).
    fills = {f"body:{body}": tint(colour, 0.3) for body, colour in (colours or {}).items()}
    return _svg(to_dot(own, f"{plan.title or plan.id} ({plan.id})", fills))


@lru_cache(maxsize=128)
def _svg(dot_text: str) -> str | None:
    from ..analysis.graph import render_image

    try:
        picture = render_image(dot_text, "svg").decode("utf-8")
    except DelegationError:
        return None
    return picture[picture.index("<svg") :]
