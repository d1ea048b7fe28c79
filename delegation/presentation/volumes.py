"""Case volumes as text, HTML and an SVG chart of council agenda items per year and plan."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..analysis.diffing import PlanDiff
from ..analysis.workload import CaseVolumes, Counts, PlanVolume
from ..i18n import text
from .render import Style, plain
from .svg import _svg, _text, plan_colour

LISTED = 50  # problem rows listed in text; the JSON lists them all
_METRICS = ("decides", "briefed_before", "informed_after")


def _bodies(volumes: CaseVolumes) -> list[str]:
    """Bodies with a count in some plan, most decisions first."""
    totals: dict[str, int] = {}
    for plan in volumes.plans:
        for body, counts in plan.total.items():
            totals[body] = (
                totals.get(body, 0) + counts.decides * 1000 + counts.briefed_before + counts.informed_after
            )
    return sorted(totals, key=lambda body: (-totals[body], body))


def _year(year: int | None, lang: str) -> str:
    return str(year) if year is not None else text(lang, "workload.no_year")


def _counts(plan: PlanVolume, body: str) -> tuple[int, int, int]:
    counts = plan.total.get(body, Counts())
    return counts.decides, counts.briefed_before, counts.informed_after


def problem_lines(volumes: CaseVolumes, lang: str = "da", limit: int | None = LISTED) -> list[str]:
    """The skipped rows and, per plan, the rows not resolved, each with its line number."""
    lines: list[str] = []

    def listed(items: list[str]) -> list[str]:
        shown = items if limit is None else items[:limit]
        rest = len(items) - len(shown)
        return [f"  {item}" for item in shown] + (
            [f"  {text(lang, 'workload.more', count=rest)}"] if rest else []
        )

    if volumes.skipped:
        lines.append(text(lang, "workload.skipped_head") + f" ({len(volumes.skipped)}):")
        lines += listed(
            [f"{text(lang, 'workload.line', line=s.line)}: {s.reason} ({s.text})" for s in volumes.skipped]
        )
    for plan in volumes.plans:
        if not plan.unresolved:
            continue
        lines.append(
            text(lang, "workload.unresolved_head", plan=plan.plan)
            + f" ({len(plan.unresolved) + plan.unlisted}):"
        )
        items = []
        for row in plan.unresolved:
            reason = text(lang, f"workload.reason.{row.reason}")
            detail = f" {row.detail}" if row.reason == "facts" else f" ({row.detail})" if row.detail else ""
            items.append(f"{text(lang, 'workload.line', line=row.line)}: «{row.text}»: {reason}{detail}")
        lines += listed(items)
        if plan.unlisted:
            lines.append(
                "  " + text(lang, "workload.unlisted", rows=plan.unlisted, listed=len(plan.unresolved))
            )
    return lines


def summary_lines(volumes: CaseVolumes, lang: str = "da") -> list[str]:
    columns = ", ".join(f"{role} = «{header}»" for role, header in volumes.columns.items())
    lines = [
        text(lang, "workload.summary", rows=volumes.rows, used=volumes.used, skipped=len(volumes.skipped)),
        text(lang, "workload.columns", columns=columns, encoding=volumes.encoding),
    ]
    lines += [
        text(
            lang,
            "workload.resolved",
            plan=p.plan,
            resolved=p.resolved,
            unresolved=len(p.unresolved) + p.unlisted,
        )
        for p in volumes.plans
    ]
    return lines


def render_volumes(
    volumes: CaseVolumes, style: Style = plain, lang: str = "da", limit: int | None = LISTED
) -> str:
    """`delegation workload`: the file read, cases per body and plan, per year, council items, flows."""
    ids = [p.plan for p in volumes.plans]
    lines = [
        style(text(lang, "workload.title", file=volumes.file), bold=True),
        *summary_lines(volumes, lang),
        "",
    ]
    heads = " / ".join(text(lang, f"diff.head.{m}") for m in _METRICS)
    bodies = _bodies(volumes)
    width = max([len(volumes.bodies.get(b, b)) for b in bodies] + [8])
    for year in (*volumes.years, "total") if len(volumes.years) > 1 else ("total",):
        label = text(lang, "workload.total") if year == "total" else _year(year, lang)  # type: ignore[arg-type]
        lines.append(style(text(lang, "workload.per_year", what=heads) + f": {label}", bold=True))
        lines.append(" " * (width + 2) + "".join(f"{p:>18}" for p in ids))
        for body in bodies:
            cells = []
            for plan in volumes.plans:
                if year == "total":
                    counts = _counts(plan, body)
                else:
                    found = next(y for y in plan.years if y.year == year).bodies.get(body, Counts())
                    counts = (found.decides, found.briefed_before, found.informed_after)
                cells.append(" / ".join(map(str, counts)))
            if any(cell != "0 / 0 / 0" for cell in cells):
                lines.append(
                    f"  {volumes.bodies.get(body, body):<{width}}" + "".join(f"{c:>18}" for c in cells)
                )
        lines.append("")
    lines += council_lines(volumes, style, lang)
    if volumes.flows:
        lines += ["", style(text(lang, "workload.flows"), bold=True)]
        lines += [
            f"  {_flow(volumes, f.from_plan, f.to_plan, f.from_, f.to, f.cases, lang)}" for f in volumes.flows
        ]
    problems = problem_lines(volumes, lang, limit)
    if problems:
        lines += ["", *problems]
    return "\n".join(lines)


def council_lines(volumes: CaseVolumes, style: Style = plain, lang: str = "da") -> list[str]:
    ids = [p.plan for p in volumes.plans]
    lines = [
        style(text(lang, "workload.council_items"), bold=True)
        + style(" " + text(lang, "workload.council_note"), dim=True),
        f"  {text(lang, 'workload.head.year'):<10}" + "".join(f"{p:>8}" for p in ids),
    ]
    for index, year in enumerate(volumes.years):
        lines.append(
            f"  {_year(year, lang):<10}"
            + "".join(f"{p.years[index].council_items:>8}" for p in volumes.plans)
        )
    return lines


def _flow(
    volumes: CaseVolumes, old: str, new: str, source: str | None, target: str | None, cases: int, lang: str
) -> str:
    def name(body: str | None) -> str:
        return volumes.bodies.get(body, body) if body else text(lang, "diff.not_in_plan")

    key = "workload.flow_one" if cases == 1 else "workload.flow"
    return text(lang, key, cases=cases, source=name(source), target=name(target), old=old, new=new)


def weighted_text(volumes: CaseVolumes, diff: PlanDiff, style: Style = plain, lang: str = "da") -> str:
    """The diff's workload and flows weighed by the case file, the unweighted counts in brackets."""
    ids = [p.plan for p in volumes.plans]
    bodies = list(dict.fromkeys([*_bodies(volumes), *(b for table in diff.workload.values() for b in table)]))
    width = max([len(volumes.bodies.get(b, b)) for b in bodies] + [8])
    heads = " / ".join(text(lang, f"diff.head.{m}") for m in _METRICS)
    lines = [
        style(text(lang, "workload.weighted", file=volumes.file), bold=True) + style(f" ({heads})", dim=True),
        *(f"  {line}" for line in summary_lines(volumes, lang)),
        " " * (width + 2) + "".join(f"{p:>26}" for p in ids),
    ]
    for body in bodies:
        cells = []
        for plan in volumes.plans:
            weighed = _counts(plan, body)
            load = diff.workload.get(plan.plan, {}).get(body)
            plain_counts = (load.decides, load.briefed_before, load.informed_after) if load else (0, 0, 0)
            cells.append(" / ".join(f"{w} ({u})" for w, u in zip(weighed, plain_counts)))
        lines.append(f"  {volumes.bodies.get(body, body):<{width}}" + "".join(f"{c:>26}" for c in cells))
    lines += ["", *council_lines(volumes, style, lang)]
    if volumes.flows:
        unweighted = {(f.from_plan, f.to_plan, f.from_, f.to): f.count for f in diff.flows}
        lines += ["", style(text(lang, "workload.flows"), bold=True)]
        for f in volumes.flows:
            count = unweighted.get((f.from_plan, f.to_plan, f.from_, f.to), 0)
            lines.append(
                f"  {_flow(volumes, f.from_plan, f.to_plan, f.from_, f.to, f.cases, lang)} [{count}]"
            )
    problems = problem_lines(volumes, lang)
    if problems:
        lines += ["", *problems]
    return "\n".join(lines)


def weighted_markdown(
    volumes: CaseVolumes, diff: PlanDiff, lang: str, quote: Callable[[str], str]
) -> list[str]:
    """The weighted section of the Markdown report: a table, the council chart, the flows."""
    ids = [p.plan for p in volumes.plans]
    bodies = list(dict.fromkeys([*_bodies(volumes), *(b for table in diff.workload.values() for b in table)]))
    heads = [text(lang, f"diff.head.{m}") for m in _METRICS]
    out = [f"### {quote(text(lang, 'workload.weighted', file=volumes.file))}", ""]
    out += [quote(line) + "  " for line in summary_lines(volumes, lang)]
    out += [
        "",
        f"| {text(lang, 'workload.head.body')} | "
        + " | ".join(f"{p}: {h}" for p in ids for h in heads)
        + " |",
    ]
    out.append("|---|" + "---:|" * (3 * len(ids)))
    for body in bodies:
        cells = []
        for plan in volumes.plans:
            load = diff.workload.get(plan.plan, {}).get(body)
            plain_counts = (load.decides, load.briefed_before, load.informed_after) if load else (0, 0, 0)
            cells += [f"{w} ({u})" for w, u in zip(_counts(plan, body), plain_counts)]
        out.append(f"| {quote(volumes.bodies.get(body, body))} | " + " | ".join(cells) + " |")
    out += ["", f"### {quote(text(lang, 'workload.council_items'))}", "", council_svg(volumes, lang), ""]
    if volumes.flows:
        unweighted = {(f.from_plan, f.to_plan, f.from_, f.to): f.count for f in diff.flows}
        out += [f"### {quote(text(lang, 'workload.flows'))}", ""]
        for f in volumes.flows:
            count = unweighted.get((f.from_plan, f.to_plan, f.from_, f.to), 0)
            shown = _flow(volumes, f.from_plan, f.to_plan, f.from_, f.to, f.cases, lang)
            out.append(f"- {quote(shown)} [{count}]")
    problems = problem_lines(volumes, lang)
    if problems:
        out += ["", "```", *problems, "```"]
    return out


def council_svg(volumes: CaseVolumes, lang: str = "da") -> str:
    """Grouped bars: per year, one bar per plan, the cases on a council's agenda."""
    plans = volumes.plans
    years = volumes.years or (None,)
    bar, bar_gap, group_gap, left, top, chart_height = 22, 4, 26, 48, 44, 220
    group = len(plans) * (bar + bar_gap) + group_gap
    width = max(left + len(years) * group + 20, left + len(plans) * 90 + 20)  # room for the legend
    height = top + chart_height + 40
    highest = max([y.council_items for p in plans for y in p.years] + [1])
    scale = chart_height / highest
    base = top + chart_height
    out = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for index, plan in enumerate(plans):
        out.append(
            f'<rect x="{left + index * 90}" y="8" width="12" height="12" rx="2" fill="{plan_colour(index)}"/>'
        )
        out.append(_text(left + index * 90 + 17, 18.5, f"Plan {plan.plan}", 12, weight="bold"))
    out.append(f'<line x1="{left - 4}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#9ca3af"/>')
    out.append(_text(left - 8, top + 4, str(highest), 11, anchor="end", fill="#6b7280"))
    out.append(_text(left - 8, base, "0", 11, anchor="end", fill="#6b7280"))
    for column, year in enumerate(years):
        x0 = left + column * group
        for index, plan in enumerate(plans):
            value = plan.years[column].council_items if plan.years else 0
            x = x0 + index * (bar + bar_gap)
            h = value * scale
            out.append(
                f'<rect x="{x}" y="{base - h:.1f}" width="{bar}" height="{max(h, 0.5):.1f}" rx="2" '
                f'fill="{plan_colour(index)}"><title>{escape(f"{plan.plan}, {_year(year, lang)}: {value}")}</title></rect>'
            )
            out.append(_text(x + bar / 2, base - h - 4, str(value), 10, anchor="middle", fill="#374151"))
        out.append(
            _text(x0 + (len(plans) * (bar + bar_gap)) / 2, base + 18, _year(year, lang), 12, anchor="middle")
        )
    return _svg(width, height, text(lang, "workload.chart_title"), out)


def volumes_html(volumes: CaseVolumes, lang: str = "da", diff: PlanDiff | None = None) -> str:
    """An HTML section: the counts (with the diff's unweighted ones beside them), the council chart,
    the flows and every row that was skipped or not resolved."""
    ids = [p.plan for p in volumes.plans]
    bodies = _bodies(volumes)
    if diff is not None:
        bodies = list(dict.fromkeys([*bodies, *(b for table in diff.workload.values() for b in table)]))
    heads = [text(lang, f"diff.head.{m}") for m in _METRICS]
    title = text(lang, "workload.weighted" if diff is not None else "workload.title", file=volumes.file)
    out = [
        f'<section class="volumes"><h3>{escape(title)}</h3>',
        *(f'<p class="note">{escape(line)}</p>' for line in summary_lines(volumes, lang)),
        f'<table class="workload"><thead><tr><th rowspan="2">{escape(text(lang, "workload.head.body"))}</th>'
        + "".join(f'<th colspan="3" class="plan">Plan {escape(p)}</th>' for p in ids)
        + "</tr><tr>"
        + "".join(f'<th class="num">{escape(h)}</th>' for _ in ids for h in heads)
        + "</tr></thead><tbody>",
    ]
    for body in bodies:
        cells = []
        for plan in volumes.plans:
            weighed = _counts(plan, body)
            load = diff.workload.get(plan.plan, {}).get(body) if diff is not None else None
            plain_counts = (load.decides, load.briefed_before, load.informed_after) if load else None
            for i, value in enumerate(weighed):
                beside = f' <span class="unweighted">({plain_counts[i]})</span>' if plain_counts else ""
                cells.append(f'<td class="num{" first" if i == 0 else ""}">{value}{beside}</td>')
        out.append(f"<tr><td>{escape(volumes.bodies.get(body, body))}</td>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    out += [
        f"<h3>{escape(text(lang, 'workload.council_items'))}</h3>",
        f'<p class="note">{escape(text(lang, "workload.council_note"))}</p>',
        f'<div class="figure">{council_svg(volumes, lang)}</div>',
    ]
    if volumes.flows:
        unweighted = {(f.from_plan, f.to_plan, f.from_, f.to): f.count for f in diff.flows} if diff else {}
        out.append(f'<h3>{escape(text(lang, "workload.flows"))}</h3><ul class="flows">')
        for f in volumes.flows:
            moved = unweighted.get((f.from_plan, f.to_plan, f.from_, f.to))
            shown = _flow(volumes, f.from_plan, f.to_plan, f.from_, f.to, f.cases, lang)
            out.append(
                f"<li>{escape(shown)}"
                + (f' <span class="unweighted">[{moved}]</span>' if moved else "")
                + "</li>"
            )
        out.append("</ul>")
    problems = problem_lines(volumes, lang, limit=None)
    if problems:
        out.append(
            "<details><summary>"
            + escape(problems[0])
            + "</summary><pre>"
            + escape("\n".join(problems))
            + "</pre></details>"
        )
    out.append("</section>")
    return "\n".join(out)


def volumes_document(volumes: CaseVolumes, lang: str = "da") -> str:
    """`delegation workload --html`: the section as a self-contained page (the diff report's style)."""
    from .report_html import CSS

    heading = escape(text(lang, "workload.title", file=volumes.file))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{heading}</title><style>{CSS}</style></head><body><main>\n"
        + volumes_html(volumes, lang).replace("<h3>", "<h2>", 1).replace("</h3>", "</h2>", 1)
        + "\n</main></body></html>\n"
    )
