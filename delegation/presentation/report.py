"""Render a plan diff for people: the wording of changes, the terminal text and the Markdown report.

Every function here reads only the `PlanDiff` (the delegation.diff/1 contract), so a saved JSON
diff renders the same as a fresh one. The HTML report is in report_html.py, the pictures in svg.py.
"""

from __future__ import annotations

from typing import Sequence

from ..engine.decision import InformOut, Outcome
from ..analysis.diffing import CaseChange, DiffBand, PlanDiff
from ..i18n import LANGUAGES, inform_phrase, listing, text
from ..numbers import format_quantity
from .render import Style, plain

CHANGE_MARKS = {"added": "+", "removed": "-", "changed": "~", "unchanged": "="}
WORKLOAD_KEYS = ("decides", "briefed_before", "informed_after")


def change_words(lang: str = "da") -> dict[str, str]:
    """"added" -> "tilføjet" (or "added"), for each kind of change in the contract."""
    return {kind: text(lang, f"diff.change.{kind}") for kind in ("added", "removed", "changed", "unchanged")}


# The web pages (web.py, web_compare.py) are Danish only and read this mapping directly.
CHANGE_WORDS = change_words("da")


class Words:
    """Names and phrases for one diff: body labels, section titles, outcomes and their changes."""

    def __init__(self, diff: PlanDiff, lang: str = "da"):
        self.diff = diff
        self.legend = diff.legend
        # text() falls back to Danish for an unknown language; so does <html lang> through this.
        self.lang = lang if lang in LANGUAGES else "da"

    def say(self, key: str, **values: object) -> str:
        return text(self.lang, key, **values)

    def workload_heads(self) -> list[str]:
        return [self.say(f"diff.head.{key}") for key in WORKLOAD_KEYS]

    def body(self, body_id: str | None) -> str:
        if body_id is None:
            return self.say("diff.not_in_plan")
        return self.legend.bodies.get(body_id, body_id)

    def bodies(self, ids: Sequence[str]) -> str:
        return listing([self.body(b) for b in ids], self.lang)

    def section(self, section_id: str | None) -> str:
        return self.legend.sections.get(section_id or "", section_id or self.say("diff.no_section"))

    def example(self, example: dict) -> str:
        facts = self.legend.facts
        return ", ".join(f"{facts[name].label} {format_quantity(value, facts[name].unit)}"
                         for name, value in example.items())

    def inform(self, inform: InformOut) -> str:
        return inform_phrase(self.body(inform.body), inform.when, inform.channel, self.lang)

    def decider(self, outcome: Outcome | None) -> str:
        if outcome is None:
            return self.say("diff.not_in_plan")
        return self.body(outcome.decides) if outcome.decides else self.say("diff.no_decider")

    def cell(self, outcome: Outcome | None) -> str:
        """Decider and briefings, short: "<decider> + <committee> før + <council> efter"."""
        if outcome is None:
            return "—"
        told = [f" + {self.body(i.body)} {self.say(f'diff.when.{i.when}')}" for i in outcome.inform]
        return self.decider(outcome) + "".join(told)

    def details(self, outcome: Outcome | None) -> list[str]:
        """Everything but the decider, one phrase each: briefings, involvement, basis."""
        if outcome is None:
            return []
        parts = [self.inform(i) for i in outcome.inform]
        if outcome.involve:
            parts.append(self.say("involve", bodies=self.bodies(outcome.involve)).rstrip("."))
        if outcome.recommends:
            parts.append(self.say("recommends", bodies=self.bodies(outcome.recommends)).rstrip("."))
        if outcome.basis:
            parts.append(self.say("diff.basis", basis=self.say(f"basis.{outcome.basis}")))
        return parts

    def change(self, old: Outcome | None, new: Outcome | None) -> str:
        """One band's change: "<old decider> → <new decider>, <committee> orienteres før beslutningen på møde"."""
        return ", ".join([f"{self.decider(old)} → {self.decider(new)}", *self.change_details(old, new)])

    def change_details(self, old: Outcome | None, new: Outcome | None) -> list[str]:
        """A band's change but the deciders, one phrase each: briefings, involvement, basis."""
        if old is None or new is None:
            return self.details(new) if new is not None else []
        parts = []
        old_inform = {(i.body, i.when): i for i in old.inform}
        new_inform = {(i.body, i.when): i for i in new.inform}
        for key, inform in new_inform.items():
            before = old_inform.get(key)
            if before is None:
                parts.append(self.inform(inform))
            elif before.channel != inform.channel:
                parts.append(self.say("diff.channel.change", body=self.body(inform.body),
                                      when=self.say(f"diff.when.{inform.when}"),
                                      old=self.say(f"diff.channel.{before.channel}"),
                                      new=self.say(f"diff.channel.{inform.channel}")))
        for key, inform in old_inform.items():
            if key not in new_inform:
                parts.append(self.say("diff.inform.stopped", body=self.body(inform.body),
                                      when=self.say(f"diff.when.{inform.when}")))
        for field in ("involve", "recommends"):
            gone = [b for b in getattr(old, field) if b not in getattr(new, field)]
            came = [b for b in getattr(new, field) if b not in getattr(old, field)]
            if came:
                parts.append(self.say(f"diff.{field}", bodies=self.bodies(came)))
            if gone:
                parts.append(self.say(f"diff.{field}.stopped", bodies=self.bodies(gone)))
        if old.basis != new.basis:
            parts.append(self.say("diff.basis", basis=f"{self.say(f'basis.{old.basis}')} → "
                                                      f"{self.say(f'basis.{new.basis}')}"))
        return parts

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
                values.append(shown if value is not None else self.say("diff.none"))
            lines.append(f"{self.say(f'diff.move.{move}')}: " + " → ".join(collapse_runs(values)))
        return lines

    def flow(self, flow) -> str:
        number = "one" if flow.count == 1 else "many"
        kind = "gone" if flow.to is None else "new" if flow.from_ is None else "move"
        return self.say(f"diff.flow.{kind}.{number}", count=flow.count, plan=flow.to_plan,
                        source=self.body(flow.from_), target=self.body(flow.to))

    def summary(self) -> str:
        words = change_words(self.lang)
        counts = {kind: sum(c.change == kind for c in self.diff.changes) for kind in words}
        shown = ", ".join(f"{n} {words[k]}" for k, n in counts.items() if n)
        return self.say("diff.summary", count=len(self.diff.changes),
                        shown=shown or self.say("diff.summary.none"))


def collapse_runs(values: Sequence) -> list:
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


def title(diff: PlanDiff, lang: str = "da") -> str:
    return text(lang, "diff.title", plans=" → ".join(diff.plan_ids))


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

def render_text(diff: PlanDiff, style: Style = plain, cite: bool = False, lang: str = "da") -> str:
    """The summary first (workload and flows), then the changes grouped by list."""
    words = Words(diff, lang)
    ids = diff.plan_ids
    lines = [style(title(diff, words.lang), bold=True)]
    lines.extend(style(f"  {p.id}: {p.title or ''} ({', '.join(filter(None, [p.source, p.date]))})", dim=True)
                 for p in diff.plans)
    if diff.filters.section or diff.filters.body:
        chosen = []
        if diff.filters.section:
            chosen.append(words.say("diff.filter.section", section=words.section(diff.filters.section)))
        if diff.filters.body:
            chosen.append(words.say("diff.filter.body", body=words.body(diff.filters.body)))
        only = f" {words.say('and')} ".join(chosen)
        lines.append(style("  " + words.say("diff.filter.only", filters=only), dim=True))
    heads = " / ".join(words.workload_heads())
    lines += ["", words.summary(), "", style(words.say("diff.workload"), bold=True)
              + style(" " + words.say("diff.workload.counts", heads=heads), dim=True)]
    rows = workload_rows(diff)
    width = max([len(words.body(b)) for b, _ in rows] + [6])
    lines.append(" " * (width + 2) + "".join(f"{p:>16}" for p in ids))
    for body, loads in rows:
        lines.append(f"  {words.body(body):<{width}}" + "".join(f"{'%d / %d / %d' % load:>16}" for load in loads))
    if diff.flows:
        lines += ["", style(words.say("diff.flows"), bold=True)]
        lines.extend(f"  {f.from_plan} → {f.to_plan}: {words.flow(f)}" for f in diff.flows)
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
    lines = [f"  {style(head, fg=colour, bold=True) if colour else style(head, bold=True)}  "
             + style(f"[{change.case_type}, {words.say(f'diff.change.{change.change}')}]", dim=True)]
    lines.extend(style(f"      {move}", fg="cyan") for move in words.moves(change))
    ids = list(change.placements)
    for band in change.bands:
        # The condition is the contract's Danish plan wording (it carries no intervals to re-word).
        where = (f"{band.condition} ({words.say('example')} {words.example(band.example)}): "
                 if band.condition else "")
        if plans == 2:
            old, new = (band.outcomes[p] for p in ids)
            said = (words.change(old, new) if band.changed
                    else f"{words.say('diff.change.unchanged')} ({words.cell(new)})")
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


def render_markdown(diff: PlanDiff, lang: str = "da") -> str:
    """A report to mail: overview with pictures (inline SVG), then every case type with citations."""
    from .svg import flow_svg, workload_svg

    words = Words(diff, lang)
    ids = diff.plan_ids
    out = [f"# {title(diff, words.lang)}", ""]
    out.extend(f"- **Plan {p.id}**: {_md(p.title or '')}"
               + (f" ({_md(', '.join(filter(None, [p.source, p.date])))})" if p.source or p.date else "")
               for p in diff.plans)
    out += ["", f"## {words.say('diff.overview')}", "", words.summary() + ".", "",
            f"### {words.say('diff.workload')}", "", words.say("diff.md.workload_note"), "",
            workload_svg(diff, words.lang), ""]
    out.append(f"| {words.say('diff.body')} | "
               + " | ".join(f"{p}: {h}" for p in ids for h in words.workload_heads()) + " |")
    out.append("|---|" + "---:|" * (3 * len(ids)))
    for body, loads in workload_rows(diff):
        out.append(f"| {_md(words.body(body))} | " + " | ".join(str(n) for load in loads for n in load) + " |")
    if diff.flows:
        out += ["", f"### {words.say('diff.flows')}", "", flow_svg(diff, words.lang), ""]
        out.extend(f"- {f.from_plan} → {f.to_plan}: {_md(words.flow(f))}" for f in diff.flows)
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
    return (f"| {words.say(first)} | {words.say(second)} | " + " | ".join(f"Plan {p}" for p in ids) + " |\n"
            + "|---|---|" + "---|" * len(ids))


def _md_matrix(words: Words, diff: PlanDiff) -> list[str]:
    """Case type x plan -> decider (+ briefing), one row per band that differs between the plans."""
    ids = diff.plan_ids
    out = ["", f"### {words.say('diff.matrix')}", "", _md_head(words, "case", "diff.when", ids)]
    for change in diff.changes:
        for band in (b for b in change.bands if b.changed):
            out.append(f"| {_md(change.title)} | {_md(band.condition or words.say('diff.always'))} | "
                       + " | ".join(_md(words.cell(band.outcomes[p])) for p in ids) + " |")
    return out


def _md_change(words: Words, change: CaseChange, ids: Sequence[str]) -> list[str]:
    out = ["", f"#### {CHANGE_MARKS[change.change]} {_md(change.title)} "
               f"(`{change.case_type}`, {words.say(f'diff.change.{change.change}')})", ""]
    out.extend(f"- {_md(move)}" for move in words.moves(change))
    if change.moves:
        out.append("")
    out.append(_md_head(words, "diff.when", "diff.example", ids))
    for band in change.bands:
        cells = []
        for plan_id in ids:
            decider, details = words.decider(band.outcomes[plan_id]), words.details(band.outcomes[plan_id])
            cell = (f"**{_md(decider)}**" if band.changed else _md(decider))
            cells.append(cell + "".join(f"<br>{_md(d)}" for d in details))
        when = band.condition or words.say("diff.always")
        out.append(f"| {_md(when)} | {_md(words.example(band.example)) or '—'} | " + " | ".join(cells) + " |")
    cited = [(plan, line) for band in change.bands for plan, line in citations(band)]
    if cited:
        out.append("")
        out.extend(f"> **{plan}:** {_md(line)}  " for plan, line in dict.fromkeys(cited))
    return out
