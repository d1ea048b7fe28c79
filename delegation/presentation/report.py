"""Render a plan diff for people: the wording of changes, the terminal text and the Markdown report.

Every function here reads only the `PlanDiff` (the delegation.diff/1 contract), so a saved JSON
diff renders the same as a fresh one. The wording is in diff_words.py, the HTML report in report_html.py, the pictures in svg.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.diffing import CaseChange, PlanDiff
from ..analysis.workload import CaseVolumes
from .diff_words import CHANGE_MARKS, Words, by_section, citations, in_full, title, workload_rows
from .render import Style, plain
from .svg import flow_svg, workload_svg


def render_text(
    diff: PlanDiff,
    style: Style = plain,
    cite: bool = False,
    lang: str = "da",
    volumes: CaseVolumes | None = None,
) -> str:
    """The summary first (workload and flows, weighed by `volumes` when given), then the changes."""
    words = Words(diff, lang)
    ids = diff.plan_ids
    lines = [style(title(diff, words.lang), bold=True)]
    lines.extend(
        style(f"  {p.id}: {p.title or ''} ({', '.join(filter(None, [p.source, p.date]))})", dim=True)
        for p in diff.plans
    )
    if diff.filters.section or diff.filters.body:
        chosen = []
        if diff.filters.section:
            chosen.append(words.say("diff.filter.section", section=words.section(diff.filters.section)))
        if diff.filters.body:
            chosen.append(words.say("diff.filter.body", body=words.body(diff.filters.body)))
        only = f" {words.say('and')} ".join(chosen)
        lines.append(style("  " + words.say("diff.filter.only", filters=only), dim=True))
    heads = " / ".join(words.workload_heads())
    lines += [
        "",
        words.summary(),
        "",
        style(words.say("diff.workload"), bold=True)
        + style(" " + words.say("diff.workload.counts", heads=heads), dim=True),
    ]
    rows = workload_rows(diff)
    width = max([len(words.body(b)) for b, _ in rows] + [6])
    lines.append(" " * (width + 2) + "".join(f"{p:>16}" for p in ids))
    for body, loads in rows:
        lines.append(
            f"  {words.body(body):<{width}}" + "".join(f"{' / '.join(map(str, load)):>16}" for load in loads)
        )
    if diff.flows:
        lines += ["", style(words.say("diff.flows"), bold=True)]
        lines.extend(f"  {f.from_plan} → {f.to_plan}: {words.flow(f)}" for f in diff.flows)
    if volumes is not None:
        from .volumes import weighted_text

        lines += ["", weighted_text(volumes, diff, style, words.lang)]
    for section, changes in by_section(diff):
        lines += ["", style(words.section(section), bold=True, underline=True)]
        for change in filter(in_full, changes):
            lines.extend(_text_change(words, change, style, cite, len(ids)))
        unchanged = [c for c in changes if not in_full(c)]
        if unchanged:
            lines.append(style("  = " + words.say("diff.unchanged.count", count=len(unchanged)), dim=True))
    return "\n".join(lines)


_COLOURS = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": None}


def _text_change(words: Words, change: CaseChange, style: Style, cite: bool, plans: int) -> list[str]:
    mark = CHANGE_MARKS[change.change]
    colour = _COLOURS[change.change]
    head = f"{mark} {change.title}"
    lines = [
        f"  {style(head, fg=colour, bold=True) if colour else style(head, bold=True)}  "
        + style(f"[{change.case_type}, {words.say(f'diff.change.{change.change}')}]", dim=True)
    ]
    lines.extend(style(f"      {move}", fg="cyan") for move in words.moves(change))
    ids = list(change.placements)
    for band in change.bands:
        # The condition is the contract's Danish plan wording (it carries no intervals to re-word).
        where = (
            f"{band.condition} ({words.say('example')} {words.example(band.example)}): "
            if band.condition
            else ""
        )
        if plans == 2:
            old, new = (band.outcomes[p] for p in ids)
            said = (
                words.change(old, new)
                if band.changed
                else f"{words.say('diff.change.unchanged')} ({words.cell(new)})"
            )
        else:
            said = " | ".join(f"{p}: {words.cell(band.outcomes[p])}" for p in ids)
        lines.append(
            "    "
            + (
                style(where + said, fg=colour)
                if band.changed and colour
                else style(where + said, dim=not band.changed)
            )
        )
        if plans > 2 and band.changed:
            steps = [(a, b) for a, b in zip(ids, ids[1:]) if band.outcomes[a] != band.outcomes[b]]
            lines.extend(
                style(f"      {a} → {b}: {words.change(band.outcomes[a], band.outcomes[b])}", dim=True)
                for a, b in steps
            )
        if cite and band.changed:
            lines.extend(style(f"      {plan} » {line}", italic=True) for plan, line in citations(band))
    return lines


# --- Markdown --------------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text safe inside a Markdown table cell or line."""
    return (
        value.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("\n", " ")
    )


def render_markdown(diff: PlanDiff, lang: str = "da", volumes: CaseVolumes | None = None) -> str:
    """A report to mail: overview with pictures (inline SVG), then every case type with citations;
    with `volumes`, the workload and flows weighed by a file of real cases after the flows."""

    words = Words(diff, lang)
    ids = diff.plan_ids
    out = [f"# {title(diff, words.lang)}", ""]
    out.extend(
        f"- **Plan {p.id}**: {_md(p.title or '')}"
        + (f" ({_md(', '.join(filter(None, [p.source, p.date])))})" if p.source or p.date else "")
        for p in diff.plans
    )
    out += [
        "",
        f"## {words.say('diff.overview')}",
        "",
        words.summary() + ".",
        "",
        f"### {words.say('diff.workload')}",
        "",
        words.say("diff.md.workload_note"),
        "",
        workload_svg(diff, words.lang),
        "",
    ]
    out.append(
        f"| {words.say('diff.body')} | "
        + " | ".join(f"{p}: {h}" for p in ids for h in words.workload_heads())
        + " |"
    )
    out.append("|---|" + "---:|" * (3 * len(ids)))
    for body, loads in workload_rows(diff):
        out.append(
            f"| {_md(words.body(body))} | " + " | ".join(str(n) for load in loads for n in load) + " |"
        )
    if diff.flows:
        out += ["", f"### {words.say('diff.flows')}", "", flow_svg(diff, words.lang), ""]
        out.extend(f"- {f.from_plan} → {f.to_plan}: {_md(words.flow(f))}" for f in diff.flows)
    if volumes is not None:
        from .volumes import weighted_markdown

        out += ["", *weighted_markdown(volumes, diff, words.lang, _md)]
    if len(ids) > 2:
        out.extend(_md_matrix(words, diff))
    out += ["", f"## {words.say('diff.changes')}"]
    for section, changes in by_section(diff):
        out += ["", f"### {_md(words.section(section))}"]
        for change in filter(in_full, changes):
            out.extend(_md_change(words, change, ids))
        unchanged = [c for c in changes if not in_full(c)]
        if unchanged:
            out += ["", f"{words.say('diff.unchanged')}: " + "; ".join(_md(c.title) for c in unchanged) + "."]
    return "\n".join(out) + "\n"


def _md_head(words: Words, first: str, second: str, ids: Sequence[str]) -> str:
    """The head of a band table: two columns named by i18n keys, then a column per plan."""
    return (
        f"| {words.say(first)} | {words.say(second)} | "
        + " | ".join(f"Plan {p}" for p in ids)
        + " |\n"
        + "|---|---|"
        + "---|" * len(ids)
    )


def _md_matrix(words: Words, diff: PlanDiff) -> list[str]:
    """Case type x plan -> decider (+ briefing), one row per band that differs between the plans."""
    ids = diff.plan_ids
    out = ["", f"### {words.say('diff.matrix')}", "", _md_head(words, "case", "diff.when", ids)]
    for change in diff.changes:
        for band in (b for b in change.bands if b.changed):
            out.append(
                f"| {_md(change.title)} | {_md(band.condition or words.say('diff.always'))} | "
                + " | ".join(_md(words.cell(band.outcomes[p])) for p in ids)
                + " |"
            )
    return out


def _md_change(words: Words, change: CaseChange, ids: Sequence[str]) -> list[str]:
    out = [
        "",
        f"#### {CHANGE_MARKS[change.change]} {_md(change.title)} "
        f"(`{change.case_type}`, {words.say(f'diff.change.{change.change}')})",
        "",
    ]
    out.extend(f"- {_md(move)}" for move in words.moves(change))
    if change.moves:
        out.append("")
    out.append(_md_head(words, "diff.when", "diff.example", ids))
    for band in change.bands:
        cells = []
        for plan_id in ids:
            decider, details = words.decider(band.outcomes[plan_id]), words.details(band.outcomes[plan_id])
            cell = f"**{_md(decider)}**" if band.changed else _md(decider)
            cells.append(cell + "".join(f"<br>{_md(d)}" for d in details))
        when = band.condition or words.say("diff.always")
        out.append(f"| {_md(when)} | {_md(words.example(band.example)) or '—'} | " + " | ".join(cells) + " |")
    cited = [(plan, line) for band in change.bands for plan, line in citations(band)]
    if cited:
        out.append("")
        out.extend(f"> **{plan}:** {_md(line)}  " for plan, line in dict.fromkeys(cited))
    return out
