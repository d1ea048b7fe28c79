"""The delegation graph with networkx, and its pictures: DOT, Mermaid, JSON, and SVG/PNG via Graphviz."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ..engine.wording import body_label
from ..errors import DelegationError, Problem
from ..i18n import text
from ..messages import Message
from ..model import BodyKind, Plan
from .roles import CASE_KINDS, plan_roles

if TYPE_CHECKING:  # networkx is imported where a graph is built, so that the CLI starts fast
    import networkx as nx

GRAPH_SCHEMA = "delegation.graph/1"
FORMATS = ("dot", "mermaid", "json", "svg", "png")
VIEWS = ("summary", "full")


class GraphvizMissing(DelegationError):
    """SVG or PNG was asked for, but Graphviz's `dot` is not installed."""

    exit_code = 2


def delegation_graph(plan: Plan) -> nx.DiGraph[str]:
    """Bodies and their `delegates to` edges: the chain `check` walks from the council."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(plan.bodies)
    graph.add_edges_from(
        (body.id, target)
        for body in plan.bodies.values()
        for target in body.delegates_to
        if target in plan.bodies
    )
    return graph


def _body_node(body_id: str) -> str:
    return f"body:{body_id}"


def _case_node(case_id: str) -> str:
    return f"case:{case_id}"


def build_graph(plan: Plan, lang: str = "da") -> nx.MultiDiGraph[str]:
    """Bodies and case types as nodes. Edges, each with its attributes from roles.Role: delegates
    and committee (body -> body), decides and recommends (body -> case type), involve and inform
    (case type -> body), labelled with band, basis, when, channel and the plan's condition."""
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(plan=plan.id, title=plan.title)
    for body in plan.bodies.values():
        graph.add_node(
            _body_node(body.id),
            kind="body",
            id=body.id,
            label=body_label(plan, body.id),
            name=body.name,
            body_kind=body.kind.value,
            relative=body.relative,
            head=body.head,
        )
    for case in plan.case_types.values():
        graph.add_node(
            _case_node(case.id),
            kind="case",
            id=case.id,
            label=case.title,
            section=case.section,
            category=case.category,
        )
    for role in plan_roles(plan, lang):
        attributes = role.model_dump(exclude_none=True)
        if role.case is None:
            graph.add_edge(_body_node(role.body), _body_node(cast(str, role.other)), **attributes)
        elif role.kind in ("decides", "recommends"):
            graph.add_edge(_body_node(role.body), _case_node(role.case), **attributes)
        else:
            graph.add_edge(_case_node(role.case), _body_node(role.body), **attributes)
    return graph


def to_json(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The whole graph as delegation.graph/1: nodes and edges with all their attributes."""
    return {
        "schema": GRAPH_SCHEMA,
        "plan": graph.graph["plan"],
        "title": graph.graph["title"],
        "nodes": [{"node": node, **data} for node, data in graph.nodes(data=True)],
        "edges": [
            {"source": source, "target": target, **data} for source, target, data in graph.edges(data=True)
        ],
    }


def view(
    plan: Plan, graph: nx.MultiDiGraph[str], which: str = "summary", lang: str = "da"
) -> nx.MultiDiGraph[str]:
    """A graph to draw: nodes carry label/shape/cluster, edges label/style.

    summary: bodies and sections; per body and section the number of case types it decides (by
    basis) or is told about (by when). full: every case type, clustered by section.
    """
    import networkx as nx

    drawn: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        if data["kind"] == "body":
            drawn.add_node(
                node, label=data["label"], shape=_SHAPES[data["body_kind"]], dashed=data["relative"]
            )
    for source, target, data in graph.edges(data=True):
        if data["kind"] == "delegates":  # unlabelled: the legend names the thick arrows
            drawn.add_edge(source, target, label="", style="bold")
        elif data["kind"] == "committee":
            drawn.add_edge(source, target, label=text(lang, "graph.committee"), style="dotted")
    if which == "full":
        _full(plan, graph, drawn, lang)
    else:
        _summary(plan, graph, drawn, lang)
    return drawn


_SHAPES = {
    BodyKind.council.value: "doubleoctagon",
    BodyKind.executive.value: "octagon",
    BodyKind.department.value: "box",
    BodyKind.committee.value: "ellipse",
    BodyKind.group.value: "hexagon",
}


_CHAINED = {BodyKind.council.value, BodyKind.executive.value, BodyKind.department.value}


def _edge_words(data: dict[str, Any], lang: str) -> str:
    if data["kind"] == "inform":
        words = text(lang, f"graph.{data['when']}")
    elif data["kind"] == "decides":
        words = f"{text(lang, 'graph.decides')} ({text(lang, 'basis.' + data['basis'])})"
    else:
        words = text(lang, f"graph.{data['kind']}")
    if data.get("condition"):
        words += f" ({text(lang, 'body.only_when', condition=data['condition'])})"
    return f"{words}: {data['band']}" if data.get("band") else words


def _section_of(plan: Plan, graph: nx.MultiDiGraph[str], case_node: str, lang: str) -> str:
    section = graph.nodes[case_node]["section"]
    return plan.sections[section].title if section in plan.sections else text(lang, "graph.no_section")


def _full(plan: Plan, graph: nx.MultiDiGraph[str], drawn: nx.MultiDiGraph[str], lang: str) -> None:
    for node, data in graph.nodes(data=True):
        if data["kind"] == "case":
            drawn.add_node(
                node, label=data["label"], shape="note", cluster=_section_of(plan, graph, node, lang)
            )
    for source, target, data in graph.edges(data=True):
        if data["kind"] in CASE_KINDS:
            drawn.add_edge(
                source,
                target,
                label=_edge_words(data, lang),
                style="solid" if data["kind"] == "decides" else "dashed",
            )


def _summary(plan: Plan, graph: nx.MultiDiGraph[str], drawn: nx.MultiDiGraph[str], lang: str) -> None:
    """Per body, section and role the number of distinct case types, with a breakdown by basis
    (decides) or by when (inform)."""
    cases: dict[tuple[str, str, str], set[str]] = {}
    parts: dict[tuple[str, str, str], dict[str, set[str]]] = {}
    sizes: Counter[str] = Counter(
        _section_of(plan, graph, node, lang)
        for node, data in graph.nodes(data=True)
        if data["kind"] == "case"
    )
    for source, target, data in graph.edges(data=True):
        if data["kind"] not in CASE_KINDS:
            continue
        case_node, body_node = (
            (target, source) if data["kind"] in ("decides", "recommends") else (source, target)
        )
        key = (body_node, _section_of(plan, graph, case_node, lang), data["kind"])
        cases.setdefault(key, set()).add(case_node)
        part = (
            text(lang, "basis." + data["basis"])
            if data["kind"] == "decides"
            else text(lang, f"graph.{data['when']}")
            if data["kind"] == "inform"
            else None
        )
        if part:
            parts.setdefault(key, {}).setdefault(part, set()).add(case_node)
    for title, size in sizes.items():
        drawn.add_node(
            f"section:{title}", label=f"{title}\n{text(lang, 'graph.case_types', count=size)}", shape="folder"
        )
    for key, found in sorted(cases.items()):
        body_node, section, kind = key
        breakdown = ", ".join(
            f"{word}: {len(members)}" for word, members in sorted(parts.get(key, {}).items())
        )
        label = f"{text(lang, 'graph.' + kind)}: {len(found)}" + (f"\n({breakdown})" if breakdown else "")
        section_node = f"section:{section}"
        if kind in ("decides", "recommends"):
            drawn.add_edge(
                body_node, section_node, label=label, style="solid" if kind == "decides" else "dashed"
            )
        else:  # a body placed by the delegation chain keeps its place; the others go right
            chained = graph.nodes[body_node]["body_kind"] in _CHAINED
            drawn.add_edge(section_node, body_node, label=label, style="dashed", loose=chained)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_DOT_EDGES = {
    "bold": 'style=bold, penwidth=2, color="#1f4e79"',
    "solid": 'style=solid, color="#2e7d32", fontcolor="#2e7d32"',
    "dashed": 'style=dashed, color="#777777", fontcolor="#555555"',
    "dotted": "style=dotted",
}


def to_dot(drawn: nx.MultiDiGraph[str], title: str, fills: Mapping[str, str] | None = None) -> str:
    """Graphviz DOT text of a drawn view, sections as clusters (full view); `fills` colours nodes
    (the web pages give each body node its colour from the pages' palette)."""
    lines = [
        f"digraph {_quote(title)} {{",
        "  rankdir=LR;",
        f"  label={_quote(title)}; labelloc=t;",
        '  node [fontname="DejaVu Sans", fontsize=11];',
        '  edge [fontname="DejaVu Sans", fontsize=9];',
    ]
    clusters: dict[str | None, list[str]] = {}
    for node, data in drawn.nodes(data=True):
        style = ", style=dashed" if data.get("dashed") else ""
        fill = (fills or {}).get(node)
        if fill:
            style = f', style="filled{",dashed" if style else ""}", fillcolor="{fill}"'

        clusters.setdefault(data.get("cluster"), []).append(
            f"{_quote(node)} [label={_quote(data['label'])}, shape={data['shape']}{style}];"
        )
    for number, (cluster, nodes) in enumerate(clusters.items()):
        if cluster is None:
            lines.extend(f"  {line}" for line in nodes)
            continue
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={_quote(cluster)}; style=rounded;")
        lines.extend(f"    {line}" for line in nodes)
        lines.append("  }")
    for source, target, data in drawn.edges(data=True):
        loose = ", constraint=false" if data.get("loose") else ""
        lines.append(
            f"  {_quote(source)} -> {_quote(target)} "
            f"[label={_quote(data['label'])}, {_DOT_EDGES[data['style']]}{loose}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(drawn: nx.MultiDiGraph[str]) -> str:
    """A Mermaid flowchart of a drawn view (renders in GitLab, GitHub and most wikis)."""
    ids = {node: f"n{number}" for number, node in enumerate(drawn.nodes)}
    shapes = {
        "box": ("[", "]"),
        "note": ("[", "]"),
        "folder": ("[/", "/]"),
        "ellipse": ("([", "])"),
        "hexagon": ("{{", "}}"),
        "octagon": ("[[", "]]"),
        "doubleoctagon": ("[[", "]]"),
    }
    lines = ["flowchart LR"]
    clusters: dict[str | None, list[str]] = {}
    for node, data in drawn.nodes(data=True):
        opening, closing = shapes[data["shape"]]
        clusters.setdefault(data.get("cluster"), []).append(
            f'{ids[node]}{opening}"{_mermaid_text(data["label"])}"{closing}'
        )
    for number, (cluster, nodes) in enumerate(clusters.items()):
        if cluster is None:
            lines.extend(f"  {line}" for line in nodes)
        else:
            lines.append(f'  subgraph s{number} ["{_mermaid_text(cluster)}"]')
            lines.extend(f"    {line}" for line in nodes)
            lines.append("  end")
    arrows = {"bold": "==>", "solid": "-->", "dashed": "-.->", "dotted": "-.->"}
    for source, target, data in drawn.edges(data=True):
        label = f'|"{_mermaid_text(data["label"])}"| ' if data["label"] else ""
        lines.append(f"  {ids[source]} {arrows[data['style']]}{label}{ids[target]}")
    return "\n".join(lines) + "\n"


def _mermaid_text(value: str) -> str:
    return value.replace('"', "#quot;").replace("\n", "<br/>")


def render_image(dot_text: str, image_format: str) -> bytes:
    """SVG or PNG bytes from DOT text through Graphviz's `dot`; GraphvizMissing when it is absent."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(
            Problem("graph.no_dot", {"format": image_format}, hint=Message("graph.no_dot.hint"))
        )
    done = subprocess.run(
        [program, f"-T{image_format}"],
        input=dot_text.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise DelegationError(
            Problem("graph.failed", {"detail": done.stderr.decode("utf-8", "replace").strip()})
        )
    return done.stdout


def draw(plan: Plan, image_format: str, which: str = "summary", lang: str = "da") -> str | bytes:
    """The plan's graph in one of FORMATS: text for dot, mermaid and json, bytes for svg and png."""
    import json

    graph = build_graph(plan, lang)
    if image_format == "json":
        return json.dumps(to_json(graph), ensure_ascii=False, indent=2) + "\n"
    drawn = view(plan, graph, which, lang)
    title = f"{plan.title or plan.id} ({plan.id})\n{text(lang, 'graph.legend')}"
    if image_format == "mermaid":
        return to_mermaid(drawn)
    dot_text = to_dot(drawn, title)
    return dot_text if image_format == "dot" else render_image(dot_text, image_format)
