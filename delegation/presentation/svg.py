"""Pictures of a plan diff as inline SVG (no scripts, fonts or other outside resources).

workload_svg: per body, bars for each plan, in three panels (decides / briefed before / told after)
on one scale, so fewer council cases can be weighed against more briefings.
flow_svg: for each pair of plans, the case types whose decider changes, as bands from the
deciders in the earlier plan (left) to those in the later plan (right).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..analysis.diffing import Flow, PlanDiff
from ..i18n import text
from .diff_words import WORKLOAD_KEYS, Words, workload_rows
from .palette import body_colour

PLAN_COLOURS = ("#2563eb", "#ea580c", "#059669", "#9333ea", "#dc2626", "#0891b2")
FONT = "font-family=\"system-ui, 'DejaVu Sans', Arial, sans-serif\""


def plan_colour(index: int) -> str:
    return PLAN_COLOURS[index % len(PLAN_COLOURS)]


def _text(
    x: float,
    y: float,
    value: str,
    size: int = 12,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = "#111827",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(value)}</text>'
    )


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}" {FONT}>'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def workload_svg(diff: PlanDiff, lang: str = "da") -> str:
    ids = diff.plan_ids
    bodies = [body for body, _ in workload_rows(diff)]
    # The panel headings are the workload table's column heads, capitalised.
    metrics = tuple(zip(WORKLOAD_KEYS, (head.capitalize() for head in Words(diff, lang).workload_heads())))
    label_width, panel_width, gap, bar, bar_gap, group_gap, top = 170, 250, 24, 13, 3, 14, 58
    group = len(ids) * (bar + bar_gap) + group_gap
    height = top + max(len(bodies), 1) * group + 10
    width = label_width + len(metrics) * (panel_width + gap)
    highest = max([getattr(diff.workload[p][b], m) for p in ids for b in bodies for m, _ in metrics] + [1])
    scale = (panel_width - 34) / highest
    out = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    x = label_width
    for index, plan_id in enumerate(ids):
        out.append(
            f'<rect x="{x + index * 90}" y="8" width="12" height="12" rx="2" fill="{plan_colour(index)}"/>'
        )
        out.append(_text(x + index * 90 + 17, 18.5, f"Plan {plan_id}", 12, weight="bold"))
    for number, (metric, heading) in enumerate(metrics):
        left = label_width + number * (panel_width + gap)
        out.append(_text(left, 44, heading, 13, weight="bold"))
        out.append(f'<line x1="{left}" y1="{top - 6}" x2="{left}" y2="{height - 6}" stroke="#9ca3af"/>')
        for row, body in enumerate(bodies):
            y: float = top + row * group
            for index, plan_id in enumerate(ids):
                value = getattr(diff.workload[plan_id][body], metric)
                top_y = y + index * (bar + bar_gap)
                if value:
                    out.append(
                        f'<rect x="{left}" y="{top_y}" width="{max(value * scale, 2):.1f}" height="{bar}" '
                        f'rx="2" fill="{plan_colour(index)}"><title>{escape(f"{plan_id}: {value}")}'
                        f"</title></rect>"
                    )
                out.append(
                    _text(
                        left + value * scale + 5,
                        top_y + bar - 2,
                        str(value),
                        11,
                        fill="#374151" if value else "#9ca3af",
                    )
                )
    for row, body in enumerate(bodies):
        y = top + row * group + (len(ids) * (bar + bar_gap)) / 2 + 4
        out.append(_text(label_width - 12, y, diff.legend.bodies.get(body, body), 13, anchor="end"))
        if row:
            line_y = top + row * group - group_gap / 2 - 1
            out.append(
                f'<line x1="8" y1="{line_y:.1f}" x2="{width - 8}" y2="{line_y:.1f}" stroke="#e5e7eb"/>'
            )
    return _svg(width, height, text(lang, "diff.svg.workload"), out)


def _body_colour(diff: PlanDiff, body: str | None) -> str:
    return body_colour(diff.legend.bodies, body)


def _stack(nodes: dict[str | None, int], unit: float, top: float, gap: float) -> dict[str | None, float]:
    """y position of each node, stacked in order with gaps."""
    positions: dict[str | None, float]
    positions, y = {}, top
    for node, total in nodes.items():
        positions[node] = y
        y += total * unit + gap
    return positions


def flow_svg(diff: PlanDiff, lang: str = "da", link: Callable[[Flow], str] | None = None) -> str:
    """One diagram per pair of plans that has flows; empty string when nothing moves. With `link`,
    each band is a link to link(flow) (the web page: the list of the flow's case types)."""
    pairs = list(dict.fromkeys((f.from_plan, f.to_plan) for f in diff.flows))
    return "".join(_pair_svg(diff, old, new, lang, link) for old, new in pairs)


def _pair_svg(diff: PlanDiff, old: str, new: str, lang: str, link: Callable[[Flow], str] | None) -> str:
    flows = [f for f in diff.flows if (f.from_plan, f.to_plan) == (old, new)]
    order: dict[str | None, int] = {body: index for index, body in enumerate(diff.legend.bodies)}

    def totals(side: str) -> dict[str | None, int]:  # body (None: not in the plan) -> case types
        found: dict[str | None, int] = {}
        for flow in flows:
            found[getattr(flow, side)] = found.get(getattr(flow, side), 0) + flow.count
        return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))

    name = Words(diff, lang).body
    left, right = totals("from_"), totals("to")
    label, node_width, middle, top, gap = 172, 12, 130, 40, 12
    total = sum(left.values())
    unit = max(5.0, min(14.0, 240 / max(total, 1)))
    height = top + total * unit + gap * max(len(left), len(right)) + 16
    width = 2 * label + 2 * node_width + middle
    x_left, x_right = label, label + node_width + middle
    y_left, y_right = _stack(left, unit, top, gap), _stack(right, unit, top, gap)
    used_left, used_right = dict.fromkeys(left, 0.0), dict.fromkeys(right, 0.0)
    out = [
        f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>',
        _text(x_left + node_width / 2, 22, f"Plan {old}", 14, "middle", "bold"),
        _text(x_right + node_width / 2, 22, f"Plan {new}", 14, "middle", "bold"),
    ]
    for flow in sorted(flows, key=lambda f: (order.get(f.from_, len(order)), order.get(f.to, len(order)))):
        thick = flow.count * unit
        y0 = y_left[flow.from_] + used_left[flow.from_]
        y1 = y_right[flow.to] + used_right[flow.to]
        used_left[flow.from_] += thick
        used_right[flow.to] += thick
        a, b = x_left + node_width, x_right
        c = (a + b) / 2
        path = (
            f"M{a},{y0:.1f} C{c},{y0:.1f} {c},{y1:.1f} {b},{y1:.1f} L{b},{y1 + thick:.1f} "
            f"C{c},{y1 + thick:.1f} {c},{y0 + thick:.1f} {a},{y0 + thick:.1f} Z"
        )
        tip = f"{flow.count}: {name(flow.from_)} → {name(flow.to)}"
        band = (
            f'<path d="{path}" fill="{_body_colour(diff, flow.from_)}" fill-opacity="0.35" '
            f'stroke="{_body_colour(diff, flow.from_)}" stroke-opacity="0.5" stroke-width="0.5">'
            f"<title>{escape(tip)}</title></path>"
        )
        out.append(f'<a href="{escape(link(flow))}">{band}</a>' if link else band)
        if thick >= 10:
            out.append(_text(a + 6, y0 + thick / 2 + 4, str(flow.count), 11, weight="bold"))
    for nodes, ys, x, anchor, dx in (
        (left, y_left, x_left, "end", -8),
        (right, y_right, x_right, "start", node_width + 8),
    ):
        for body, count in nodes.items():
            h = count * unit
            out.append(
                f'<rect x="{x}" y="{ys[body]:.1f}" width="{node_width}" height="{h:.1f}" '
                f'fill="{_body_colour(diff, body)}"/>'
            )
            out.append(_text(x + dx, ys[body] + h / 2 + 4, f"{name(body)} ({count})", 12, anchor))
    return _svg(width, height, f"{text(lang, 'diff.flows')}, plan {old} → {new}", out)
