"""Render a plan diff for people: the wording of changes, the terminal text and the Markdown report.

Every function here reads only the `PlanDiff` (the delegation.diff/1 contract), so a saved JSON
diff renders the same as a fresh one. The HTML report is in report_html.py, the pictures in svg.py.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .decision import InformOut, Outcome
from .diffing import CaseChange, DiffBand, PlanDiff
from .i18n import text
from .numbers import format_quantity

Style = Callable[..., str]

CHANGE_WORDS = {"added": "tilføjet", "removed": "fjernet", "changed": "ændret", "unchanged": "uændret"}
CHANGE_MARKS = {"added": "+", "removed": "-", "changed": "~", "unchanged": "="}
MOVE_WORDS = {"title": "ny titel", "section": "flyttet til anden liste", "category": "flyttet til anden kategori"}
CHANNEL_WORDS = {"meeting": "på møde", "mail": "pr. mail", "unspecified": "uden angivet form"}
WHEN_SHORT = {"before": "før", "after": "efter", "periodic": "løbende"}
NOT_IN_PLAN = "ikke i planen"
WORKLOAD_HEADS = ("beslutter", "orienteres før", "orienteres efter")


def _plain(value: str, **_: object) -> str:
    return value


class Words:
    """Names and phrases for one diff: body labels, section titles, outcomes and their changes."""

    def __init__(self, diff: PlanDiff):
        self.diff = diff
        self.legend = diff.legend

    def body(self, body_id: str | None) -> str:
        if body_id is None:
            return NOT_IN_PLAN
        return self.legend.bodies.get(body_id, body_id)

    def bodies(self, ids: Sequence[str]) -> str:
        labels = [self.body(b) for b in ids]
        return ", ".join(labels[:-1]) + " og " + labels[-1] if len(labels) > 1 else "".join(labels)

    def section(self, section_id: str | None) -> str:
        return self.legend.sections.get(section_id or "", section_id or "Uden liste")

    def example(self, example: dict) -> str:
        facts = self.legend.facts
        return ", ".join(f"{facts[name].label} {format_quantity(value, facts[name].unit)}"
                         for name, value in example.items())

    def inform(self, inform: InformOut) -> str:
        return (text("da", f"inform.{inform.when}", body=self.body(inform.body))
                + text("da", f"channel.{inform.channel}"))

    def decider(self, outcome: Outcome | None) -> str:
        if outcome is None:
            return NOT_IN_PLAN
        return self.body(outcome.decides) if outcome.decides else "ingen beslutningstager"

    def cell(self, outcome: Outcome | None) -> str:
        """Decider and briefings, short: "Magistraten + ØEU før + Byrådet efter"."""
        if outcome is None:
            return "—"
        told = [f" + {self.body(i.body)} {WHEN_SHORT[i.when]}" for i in outcome.inform]
        return self.decider(outcome) + "".join(told)

    def details(self, outcome: Outcome | None) -> list[str]:
        """Everything but the decider, one phrase each: briefings, involvement, basis."""
        if outcome is None:
            return []
        parts = [self.inform(i) for i in outcome.inform]
        if outcome.involve:
            parts.append(text("da", "involve", bodies=self.bodies(outcome.involve)).rstrip("."))
        if outcome.recommends:
            parts.append(text("da", "recommends", bodies=self.bodies(outcome.recommends)).rstrip("."))
        if outcome.basis:
            parts.append("grundlag: " + text("da", f"basis.{outcome.basis}"))
        return parts

    def change(self, old: Outcome | None, new: Outcome | None) -> str:
        """One band's change: "Byrådet → Magistraten, ØEU orienteres før beslutningen på møde"."""
        head = f"{self.decider(old)} → {self.decider(new)}"
        if old is None or new is None:
            extra = self.details(new) if new is not None else []
            return ", ".join([head, *extra])
        parts = [head]
        old_inform = {(i.body, i.when): i for i in old.inform}
        new_inform = {(i.body, i.when): i for i in new.inform}
        for key, inform in new_inform.items():
            before = old_inform.get(key)
            if before is None:
                parts.append(self.inform(inform))
            elif before.channel != inform.channel:
                parts.append(f"{self.body(inform.body)} orienteres {WHEN_SHORT[inform.when]}: "
                             f"{CHANNEL_WORDS[before.channel]} → {CHANNEL_WORDS[inform.channel]}")
        for key, inform in old_inform.items():
            if key not in new_inform:
                parts.append(f"{self.body(inform.body)} orienteres ikke længere {WHEN_SHORT[inform.when]}")
        for field, verb in (("involve", "inddrages"), ("recommends", "indstiller")):
            gone = [b for b in getattr(old, field) if b not in getattr(new, field)]
            came = [b for b in getattr(new, field) if b not in getattr(old, field)]
            if came:
                parts.append(f"{self.bodies(came)} {verb}")
            if gone:
                parts.append(f"{self.bodies(gone)} {verb} ikke længere")
        if old.basis != new.basis:
            parts.append(f"grundlag: {text('da', f'basis.{old.basis}')} → {text('da', f'basis.{new.basis}')}")
        return ", ".join(parts)

    def moves(self, change: CaseChange) -> list[str]:
        """"flyttet til anden kategori: Diverse → (ingen)", for each way the plans differ in it."""
        lines = []
        names = {"section": self.legend.sections, "category": self.legend.categories}
        for move in change.moves:
            values = []
            for placement in change.placements.values():
                if placement is None:
                    continue
                value = getattr(placement, move)
                shown = names[move].get(value, value) if move in names else value
                values.append(shown if value is not None else "(ingen)")
            lines.append(f"{MOVE_WORDS[move]}: " + " → ".join(_runs(values)))
        return lines

    def flow(self, flow) -> str:
        noun = "sagstype" if flow.count == 1 else "sagstyper"
        if flow.to is None:
            return f"{flow.count} {noun} fra {self.body(flow.from_)} er ikke med i plan {flow.to_plan}"
        if flow.from_ is None:
            new = "ny" if flow.count == 1 else "nye"
            return f"{flow.count} {noun} er {new} i plan {flow.to_plan} hos {self.body(flow.to)}"
        return f"{flow.count} {noun} flytter fra {self.body(flow.from_)} til {self.body(flow.to)}"

    def summary(self) -> str:
        counts = {kind: sum(c.change == kind for c in self.diff.changes) for kind in CHANGE_WORDS}
        shown = ", ".join(f"{n} {CHANGE_WORDS[k]}" for k, n in counts.items() if n)
        return f"{len(self.diff.changes)} sagstyper: {shown or 'ingen'}"


def _runs(values: Sequence[str]) -> list[str]:
    """Consecutive equal values once: A, A, B -> A, B."""
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def in_full(change: CaseChange) -> bool:
    """Listed with its bands: changed, added, removed, or placed differently (else only counted)."""
    return change.change != "unchanged" or bool(change.moves)


def by_section(diff: PlanDiff) -> list[tuple[str | None, list[CaseChange]]]:
    """The changes grouped by their list, in the order the lists first appear."""
    groups: dict[str | None, list[CaseChange]] = {}
    for change in diff.changes:
        groups.setdefault(change.section, []).append(change)
    return list(groups.items())


def title(diff: PlanDiff) -> str:
    return "Sammenligning af delegationsplan " + " → ".join(diff.plan_ids)


def workload_rows(diff: PlanDiff) -> list[tuple[str, list[tuple[int, int, int]]]]:
    bodies = list(next(iter(diff.workload.values()), {}))
    return [(body, [(load.decides, load.briefed_before, load.informed_after)
                     for load in (diff.workload[p][body] for p in diff.plan_ids)]) for body in bodies]


def citations(band: DiffBand) -> list[tuple[str, str]]:
    """(plans, cited line) for the band's citations; a text that several plans share comes once."""
    by_text: dict[str, list[str]] = {}
    for plan_id, cited in band.citations.items():
        if cited is not None:
            by_text.setdefault(cited, []).append(plan_id)
    return [("+".join(plans), line) for cited, plans in by_text.items() for line in cited.splitlines()]


# --- terminal text --------------------------------------------------------------------------

def render_text(diff: PlanDiff, style: Style = _plain, cite: bool = False) -> str:
    """The summary first (workload and flows), then the changes grouped by list."""
    words = Words(diff)
    ids = diff.plan_ids
    lines = [style(title(diff), bold=True)]
    lines.extend(style(f"  {p.id}: {p.title or ''} ({', '.join(filter(None, [p.source, p.date]))})", dim=True)
                 for p in diff.plans)
    if diff.filters.section or diff.filters.body:
        chosen = [f"liste {words.section(diff.filters.section)}" if diff.filters.section else "",
                  f"organ {words.body(diff.filters.body)}" if diff.filters.body else ""]
        lines.append(style("  kun " + " og ".join(filter(None, chosen)), dim=True))
    lines += ["", words.summary(), "", style("Arbejdsbyrde", bold=True)
              + style(" (sagstyper: " + " / ".join(WORKLOAD_HEADS) + ")", dim=True)]
    rows = workload_rows(diff)
    width = max([len(words.body(b)) for b, _ in rows] + [6])
    lines.append(" " * (width + 2) + "".join(f"{p:>16}" for p in ids))
    for body, loads in rows:
        lines.append(f"  {words.body(body):<{width}}" + "".join(f"{'%d / %d / %d' % load:>16}" for load in loads))
    if diff.flows:
        lines += ["", style("Flytninger af beslutningskompetence", bold=True)]
        lines.extend(f"  {f.from_plan} → {f.to_plan}: {words.flow(f)}" for f in diff.flows)
    for section, changes in by_section(diff):
        lines += ["", style(words.section(section), bold=True, underline=True)]
        for change in filter(in_full, changes):
            lines.extend(_text_change(words, change, style, cite, len(ids)))
        unchanged = [c for c in changes if not in_full(c)]
        if unchanged:
            lines.append(style(f"  = {len(unchanged)} uændrede sagstyper", dim=True))
    return "\n".join(lines)


_COLOURS = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": None}


def _text_change(words: Words, change: CaseChange, style: Style, cite: bool, plans: int) -> list[str]:
    mark = CHANGE_MARKS[change.change]
    colour = _COLOURS[change.change]
    head = f"{mark} {change.title}"
    lines = [f"  {style(head, fg=colour, bold=True) if colour else style(head, bold=True)}  "
             + style(f"[{change.case_type}, {CHANGE_WORDS[change.change]}]", dim=True)]
    lines.extend(style(f"      {move}", fg="cyan") for move in words.moves(change))
    ids = list(change.placements)
    for band in change.bands:
        where = f"{band.condition} (fx {words.example(band.example)}): " if band.condition else ""
        if plans == 2:
            old, new = (band.outcomes[p] for p in ids)
            said = words.change(old, new) if band.changed else f"uændret ({words.cell(new)})"
        else:
            said = " | ".join(f"{p}: {words.cell(band.outcomes[p])}" for p in ids)
        lines.append("    " + (style(where + said, fg=colour) if band.changed and colour
                               else style(where + said, dim=not band.changed)))
        if plans > 2 and band.changed:
            steps = [(a, b) for a, b in zip(ids, ids[1:]) if band.outcomes[a] != band.outcomes[b]]
            lines.extend(style(f"      {a} → {b}: {words.change(band.outcomes[a], band.outcomes[b])}", dim=True)
                         for a, b in steps)
        if cite and band.changed:
            lines.extend(style(f"      {plan} » {line}", italic=True) for plan, line in citations(band))
    return lines


# --- Markdown --------------------------------------------------------------------------------

def _md(value: str) -> str:
    """Text safe inside a Markdown table cell or line."""
    return (value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*", "\\*").replace("_", "\\_").replace("\n", " "))


def render_markdown(diff: PlanDiff) -> str:
    """A report to mail: overview with pictures (inline SVG), then every case type with citations."""
    from .svg import flow_svg, workload_svg

    words = Words(diff)
    ids = diff.plan_ids
    out = [f"# {title(diff)}", ""]
    out.extend(f"- **Plan {p.id}**: {_md(p.title or '')}"
               + (f" ({_md(', '.join(filter(None, [p.source, p.date])))})" if p.source or p.date else "")
               for p in diff.plans)
    out += ["", "## Overblik", "", words.summary() + ".", "", "### Arbejdsbyrde", "",
            "Antal sagstyper, hvor organet beslutter (i mindst ét beløbs- eller antalsinterval), "
            "orienteres før beslutningen, eller orienteres efterfølgende eller løbende.", "",
            workload_svg(diff), ""]
    out.append("| Organ | " + " | ".join(f"{p}: {h}" for p in ids for h in WORKLOAD_HEADS) + " |")
    out.append("|---|" + "---:|" * (3 * len(ids)))
    for body, loads in workload_rows(diff):
        out.append(f"| {_md(words.body(body))} | " + " | ".join(str(n) for load in loads for n in load) + " |")
    if diff.flows:
        out += ["", "### Flytninger af beslutningskompetence", "", flow_svg(diff), ""]
        out.extend(f"- {f.from_plan} → {f.to_plan}: {_md(words.flow(f))}" for f in diff.flows)
    if len(ids) > 2:
        out.extend(_md_matrix(words, diff))
    out += ["", "## Ændringer"]
    for section, changes in by_section(diff):
        out += ["", f"### {_md(words.section(section))}"]
        for change in filter(in_full, changes):
            out.extend(_md_change(words, change, ids))
        unchanged = [c for c in changes if not in_full(c)]
        if unchanged:
            out += ["", "Uændrede sagstyper: " + "; ".join(_md(c.title) for c in unchanged) + "."]
    return "\n".join(out) + "\n"


def _md_matrix(words: Words, diff: PlanDiff) -> list[str]:
    """Case type x plan -> decider (+ briefing), one row per band that differs between the plans."""
    ids = diff.plan_ids
    out = ["", "### Matrix: hvem beslutter (og hvem orienteres)", "",
           "| Sagstype | Hvornår | " + " | ".join(f"Plan {p}" for p in ids) + " |",
           "|---|---|" + "---|" * len(ids)]
    for change in diff.changes:
        for band in (b for b in change.bands if b.changed):
            out.append(f"| {_md(change.title)} | {_md(band.condition or 'altid')} | "
                       + " | ".join(_md(words.cell(band.outcomes[p])) for p in ids) + " |")
    return out


def _md_change(words: Words, change: CaseChange, ids: Sequence[str]) -> list[str]:
    out = ["", f"#### {CHANGE_MARKS[change.change]} {_md(change.title)} "
               f"(`{change.case_type}`, {CHANGE_WORDS[change.change]})", ""]
    out.extend(f"- {_md(move)}" for move in words.moves(change))
    if change.moves:
        out.append("")
    out.append("| Hvornår | Eksempel | " + " | ".join(f"Plan {p}" for p in ids) + " |")
    out.append("|---|---|" + "---|" * len(ids))
    for band in change.bands:
        cells = []
        for plan_id in ids:
            decider, details = words.decider(band.outcomes[plan_id]), words.details(band.outcomes[plan_id])
            cell = (f"**{_md(decider)}**" if band.changed else _md(decider))
            cells.append(cell + "".join(f"<br>{_md(d)}" for d in details))
        out.append(f"| {_md(band.condition or 'altid')} | {_md(words.example(band.example)) or '—'} | "
                   + " | ".join(cells) + " |")
    cited = [(plan, line) for band in change.bands for plan, line in citations(band)]
    if cited:
        out.append("")
        out.extend(f"> **{plan}:** {_md(line)}  " for plan, line in dict.fromkeys(cited))
    return out
