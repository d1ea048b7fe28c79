"""The diff as one self-contained HTML page: inline CSS and SVG, no scripts, works offline."""

from __future__ import annotations

from html import escape

from ..analysis.diffing import CaseChange, DiffBand, PlanDiff
from ..analysis.workload import CaseVolumes
from .diff_words import CHANGE_MARKS, Words, by_section, citations, in_full, title, workload_rows
from .svg import flow_svg, plan_colour, workload_svg

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, 'DejaVu Sans', Arial, sans-serif; color: #111827; margin: 0;
       background: #f3f4f6; line-height: 1.45; font-size: 15px; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px 48px; background: #ffffff; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 34px 0 10px; border-bottom: 2px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 26px 0 8px; }
h4 { font-size: 15px; margin: 22px 0 6px; }
.plans { margin: 0 0 8px; padding: 0; list-style: none; color: #374151; }
.plans li { display: inline-block; margin-right: 22px; }
.dot { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; }
.summary { font-size: 16px; font-weight: 600; }
.note { color: #4b5563; font-size: 13px; }
.figure { overflow-x: auto; margin: 10px 0 14px; }
.flows-figure { display: flex; flex-wrap: wrap; gap: 18px 24px; }
table.workload th.plan { text-align: center; border-bottom: 2px solid #d1d5db; }
table.workload th.num { text-align: right; font-weight: 500; color: #374151; }
table.workload td.first { border-left: 2px solid #d1d5db; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 8px; font-size: 14px; }
table.bands { table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.changed { background: #fef9c3; }
td .detail { display: block; color: #4b5563; font-size: 12.5px; }
td .who { font-weight: 600; }
td .detail { display: block; color: #4b5563; font-size: 12.5px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 9px;
         padding: 1px 8px; margin-left: 6px; vertical-align: 2px; }
.badge.changed { background: #fef3c7; color: #92400e; }
.badge.added { background: #dcfce7; color: #166534; }
.badge.removed { background: #fee2e2; color: #991b1b; }
.badge.unchanged { background: #e5e7eb; color: #374151; }
.case-id { color: #6b7280; font-size: 12px; font-weight: normal; }
.moves { color: #0e7490; font-size: 13px; margin: 2px 0 4px; }
blockquote { margin: 4px 0 4px 0; padding: 3px 10px; border-left: 3px solid #d1d5db;
             color: #374151; font-size: 13px; background: #f9fafb; }
blockquote b { color: #111827; }
.flows li { margin: 2px 0; }
.unchanged-list { color: #4b5563; font-size: 13.5px; }
.scroll { overflow-x: auto; }
@media (max-width: 640px) { main { padding: 16px 12px 32px; } h1 { font-size: 22px; } }
@media print { body { background: #ffffff; } main { padding: 0; } .scroll { overflow: visible; } }
"""


def _say(words: Words, key: str, **values: object) -> str:
    """A phrase of the report, escaped for HTML."""
    return escape(words.say(key, **values))


def _differs(band: DiffBand, plan_id: str) -> bool:
    """The cell to mark: its outcome differs from the first plan's (every plan's, when added)."""
    first = next(iter(band.outcomes.values()))
    return band.changed and band.outcomes[plan_id] != first


def _cell(words: Words, band: DiffBand, plan_id: str) -> str:
    outcome = band.outcomes[plan_id]
    details = "".join(f'<span class="detail">{escape(d)}</span>' for d in words.details(outcome))
    css = ' class="changed"' if _differs(band, plan_id) else ""
    return f'<td{css}><span class="who">{escape(words.decider(outcome))}</span>{details}</td>'


def _table_head(words: Words, ids: list[str], first: str, second: str) -> str:
    """The head of a band table: two columns named by i18n keys, then a column per plan."""
    share = 70 / len(ids)
    return (
        '<table class="bands"><colgroup><col style="width:18%"><col style="width:12%">'
        + "".join(f'<col style="width:{share:.1f}%">' for _ in ids)
        + "</colgroup>"
        f"<thead><tr><th>{_say(words, first)}</th><th>{_say(words, second)}</th>"
        + "".join(f"<th>Plan {escape(p)}</th>" for p in ids)
        + "</tr></thead><tbody>"
    )


def _change(words: Words, change: CaseChange, ids: list[str]) -> list[str]:
    out = [
        f'<h4 id="{escape(change.case_type)}">{escape(CHANGE_MARKS[change.change])} '
        f'{escape(change.title)} <span class="case-id">{escape(change.case_type)}</span>'
        f'<span class="badge {change.change}">{_say(words, f"diff.change.{change.change}")}</span></h4>'
    ]
    out.extend(f'<p class="moves">{escape(move)}</p>' for move in words.moves(change))
    out.append(_table_head(words, ids, "diff.when", "diff.example"))
    for band in change.bands:
        out.append(
            f"<tr><td>{escape(band.condition or words.say('diff.always'))}</td>"
            f"<td>{escape(words.example(band.example)) or '—'}</td>"
            + "".join(_cell(words, band, p) for p in ids)
            + "</tr>"
        )
    out.append("</tbody></table>")
    cited = dict.fromkeys((plan, line) for band in change.bands for plan, line in citations(band))
    out.extend(f"<blockquote><b>{escape(plan)}:</b> {escape(line)}</blockquote>" for plan, line in cited)
    return out


def _matrix(words: Words, diff: PlanDiff) -> list[str]:
    """Case type x plan -> decider (+ briefing), for the bands that differ between the plans."""
    ids = diff.plan_ids
    rows = [(c, [band for band in c.bands if band.changed]) for c in diff.changes if c.change != "unchanged"]
    if not rows:
        return []
    out = [
        f"<h3>{_say(words, 'diff.matrix')}</h3>",
        f'<p class="note">{_say(words, "diff.html.matrix_note", plan=ids[0])}</p>',
        _table_head(words, ids, "case", "diff.when"),
    ]
    for change, bands in rows:
        for number, band in enumerate(bands):
            head = (
                f'<td rowspan="{len(bands)}"><a href="#{escape(change.case_type)}">'
                f"{escape(change.title)}</a></td>"
                if number == 0
                else ""
            )
            cells = []
            first = band.outcomes[ids[0]]
            for plan_id in ids:
                outcome = band.outcomes[plan_id]
                rest = ""
                if outcome != first and first is not None and words.cell(outcome) == words.cell(first):
                    details = words.change_details(first, outcome)
                    rest = f'<span class="detail">{escape(", ".join(details))}</span>' if details else ""
                css = ' class="changed"' if _differs(band, plan_id) else ""
                cells.append(f"<td{css}>{escape(words.cell(outcome))}{rest}</td>")
            when = band.condition or words.say("diff.always")
            out.append(f"<tr>{head}<td>{escape(when)}</td>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(diff: PlanDiff, lang: str = "da", volumes: CaseVolumes | None = None) -> str:
    """The whole report: overview, workload picture and table, flows, matrix, every case type;
    with `volumes`, the workload and flows weighed by a file of real cases after the flows."""
    words = Words(diff, lang)
    ids = diff.plan_ids
    heading = escape(title(diff, words.lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{words.lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # The empty icon keeps a browser from asking a server for /favicon.ico: the file is offline.
        f'<title>{heading}</title><link rel="icon" href="data:,"><style>{CSS}</style></head><body><main>',
        f"<h1>{heading}</h1>",
        '<ul class="plans">',
    ]
    for index, plan in enumerate(diff.plans):
        meta = ", ".join(filter(None, [plan.source, plan.date]))
        out.append(
            f'<li><span class="dot" style="background:{plan_colour(index)}"></span>'
            f"<b>Plan {escape(plan.id)}</b>: {escape(plan.title or '')}"
            + (f" ({escape(meta)})" if meta else "")
            + "</li>"
        )
    out.append("</ul>")
    filters = []
    if diff.filters.section:
        filters.append(words.say("diff.html.filter.section", section=words.section(diff.filters.section)))
    if diff.filters.body:
        filters.append(words.say("diff.html.filter.body", body=words.body(diff.filters.body)))
    if diff.filters.only_changed:
        filters.append(words.say("diff.html.only_changed"))
    if filters:
        out.append(f'<p class="note">{_say(words, "diff.html.selection", filters=", ".join(filters))}</p>')
    out += [
        f"<h2>{_say(words, 'diff.overview')}</h2>",
        f'<p class="summary">{escape(words.summary())}.</p>',
        f"<h3>{_say(words, 'diff.workload')}</h3>",
        f'<p class="note">{_say(words, "diff.html.workload_note")}</p>',
        f'<div class="figure">{workload_svg(diff, words.lang)}</div>',
        f'<div class="scroll"><table class="workload"><thead><tr><th rowspan="2">{_say(words, "diff.body")}</th>'
        + "".join(f'<th colspan="3" class="plan">Plan {escape(p)}</th>' for p in ids)
        + "</tr><tr>"
        + "".join(f'<th class="num">{escape(h)}</th>' for _ in ids for h in words.workload_heads())
        + "</tr></thead><tbody>",
    ]
    for body, loads in workload_rows(diff):
        out.append(
            f"<tr><td>{escape(words.body(body))}</td>"
            + "".join(
                f'<td class="num{" first" if i == 0 else ""}">{n}</td>'
                for load in loads
                for i, n in enumerate(load)
            )
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    if diff.flows:
        out += [
            f"<h3>{_say(words, 'diff.flows')}</h3>",
            f'<p class="note">{_say(words, "diff.html.flows_note")}</p>',
            f'<div class="figure flows-figure">{flow_svg(diff, words.lang)}</div>',
            '<ul class="flows">',
        ]
        out.extend(
            f"<li><b>{escape(f.from_plan)} → {escape(f.to_plan)}</b>: {escape(words.flow(f))}</li>"
            for f in diff.flows
        )
        out.append("</ul>")
    if volumes is not None:
        from .volumes import volumes_html

        out.append(volumes_html(volumes, words.lang, diff))
    if len(ids) > 2:
        out.extend(_matrix(words, diff))
    out.append(f"<h2>{_say(words, 'diff.changes')}</h2>")
    for section, changes in by_section(diff):
        out.append(f"<h3>{escape(words.section(section))}</h3>")
        for change in filter(in_full, changes):
            out.extend(_change(words, change, ids))
        unchanged = [c for c in changes if not in_full(c)]
        if unchanged:
            out.append(
                f'<p class="unchanged-list"><b>{_say(words, "diff.unchanged")}:</b> '
                + escape("; ".join(c.title for c in unchanged))
                + ".</p>"
            )
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
