"""The Sammenlign page's content: the plan diff (delegation.diff) as a matrix case type x plan,
with filters, one cell's bands and citations, and the workload and flow charts of svg.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from ..analysis.diffing import CaseChange, Flow, PlanDiff, decider_moves, diff, flows, workload
from ..engine.decision import Band, InformOut
from ..engine.outcomes import bands, citation_of
from ..engine.wording import outcome_sentence
from ..errors import InputError
from ..i18n import text
from ..model import Plan
from ..presentation.diff_words import CHANGE_WORDS, Words, by_section, collapse_runs, workload_rows
from ..presentation.svg import flow_svg, workload_svg
from .web_common import Quote, basis_text, capitalised, case_facts, channel_text, query_url, quotes

FILTERS = ("section", "category", "body")


@dataclass(frozen=True)
class CellBand:
    """One of the plan's own thresholds of a case type: who decides there and who is told."""

    condition: str  # "beløb: over 250.000 kr."; "" when the case type has no thresholds
    decides: str | None
    told: tuple[tuple[str, str], ...]  # (heading, bodies): ("Orienteres før", "ØEU (på møde)")
    decides_if: str | None = None  # the plan's own condition for the decider


@dataclass(frozen=True)
class Cell:
    """One plan's answer for a case type: its deciders band by band (runs merged), its thresholds."""

    plan_id: str
    deciders: tuple[str | None, ...]  # body ids in band order; None: no decider named
    missing: bool  # the plan does not list the case type
    differs: bool  # not the first plan's outcome in some band
    bands: tuple[CellBand, ...] = ()

    def lines(self, words: Words) -> list[str]:
        """The cell in words, a line per threshold (the CSV export's cell, as the page shows it)."""
        if self.missing:
            return [text("da", "web.cell.missing")]
        out = []
        for band in self.bands:
            decider = words.decider(band) if band.decides else text("da", "web.cell.no_decider")
            told = "".join(f" · {heading}: {bodies}" for heading, bodies in band.told)
            out.append(
                f"{capitalised(band.condition)}: {decider}{told}" if band.condition else decider + told
            )
        return out


@dataclass(frozen=True)
class Row:
    change: CaseChange
    cells: tuple[Cell, ...]

    @property
    def mark(self) -> str:
        return CHANGE_WORDS[self.change.change]


@dataclass(frozen=True)
class BandDetail:
    condition: str
    sentence: str
    basis: str
    quotes: tuple[Quote, ...]
    others: tuple[tuple[str, str, bool], ...]  # (plan id, short answer there, differs from this plan)


@dataclass(frozen=True)
class CellDetail:
    plan: Plan
    change: CaseChange
    bands: tuple[BandDetail, ...]


@dataclass
class ComparePage:
    plans: list[Plan]
    chosen: list[str]
    filters: dict[str, str]
    only_changed: bool
    options: dict[str, list[tuple[str, str]]]
    diff: PlanDiff | None = None  # set whenever the page shows a comparison (the methods below)
    sections: list[tuple[str, list[Row]]] = field(default_factory=list)
    detail: CellDetail | None = None
    error: str | None = None

    @property
    def words(self) -> Words:
        return Words(cast(PlanDiff, self.diff))

    def params(self) -> list[tuple[str, str]]:
        params = [("plan", plan_id) for plan_id in self.chosen]
        params += [(name, value) for name, value in self.filters.items() if value]
        return params + ([("only_changed", "1")] if self.only_changed else [])

    def link(self, **changes: object) -> str:
        return query_url("/sammenlign", self.params(), **changes)

    def unfiltered_link(self) -> str:
        return query_url("/sammenlign", [("plan", plan_id) for plan_id in self.chosen])

    def active_filters(self) -> list[str]:
        """The filters in words: ["afsnit <section title>", "kun ændrede"]."""
        names = {"section": "afsnit", "category": "kategori", "body": "organ"}
        active = [
            f"{names[name]} {dict(self.options[name]).get(value, value)}"
            for name, value in self.filters.items()
            if value
        ]
        return active + (["kun ændrede"] if self.only_changed else [])

    def cell_links(self, row: Row, cell: Cell) -> tuple[str, str]:
        """The cell's page URL (works without script) and its fragment URL (for the dialog)."""
        key = f"{cell.plan_id}:{row.change.case_type}"
        fragment = query_url("/sammenlign/celle", [("plan", p.id) for p in self.plans], celle=key)
        return self.link(celle=key) + "#celle", fragment

    def workload_rows(self) -> list[tuple[str, list[tuple[int, int, int]]]]:
        return workload_rows(cast(PlanDiff, self.diff))

    def workload_svg(self) -> str:
        return workload_svg(cast(PlanDiff, self.diff))

    def flow_svg(self) -> str:
        return flow_svg(cast(PlanDiff, self.diff), link=lambda flow: "#" + self.flow_id(flow))

    @staticmethod
    def flow_id(flow: Flow) -> str:
        """ "flyt-A-B-<from body>-<to body>": the id of a flow's list of case types on the page."""
        return f"flyt-{flow.from_plan}-{flow.to_plan}-{flow.from_ or 'ingen'}-{flow.to or 'ingen'}"

    def file_name(self) -> str:
        """ "sammenlign-A-B-C": the exports' file name, by the plans compared."""
        return "sammenlign-" + "-".join(cast(PlanDiff, self.diff).plan_ids)

    def export_link(self, path: str) -> str:
        return query_url(path, self.params())

    def flow_cases(self, flow: Flow) -> list[CaseChange]:
        """The case types a flow counts: decided by flow.from_ in one plan, by flow.to in the other."""
        return [
            change
            for change in cast(PlanDiff, self.diff).changes
            if (flow.from_, flow.to) in decider_moves(change, flow.from_plan, flow.to_plan)
        ]

    def used_bodies(self) -> list[str]:
        seen = dict.fromkeys(
            body
            for _, rows in self.sections
            for row in rows
            for cell in row.cells
            for body in cell.deciders
            if body
        )
        return [body for body in cast(PlanDiff, self.diff).legend.bodies if body in seen]


def _row(change: CaseChange, plans: Mapping[str, Plan], words: Words) -> Row:
    ids = list(plans)
    first = ids[0]
    cells = []
    for plan_id in ids:
        outcomes = [band.outcomes[plan_id] for band in change.bands]
        missing = all(outcome is None for outcome in outcomes)
        deciders = () if missing else tuple(collapse_runs([o.decides if o else None for o in outcomes]))
        differs = any(band.outcomes[plan_id] != band.outcomes[first] for band in change.bands)
        bands = () if missing else cell_bands(plans[plan_id], change.case_type, words)
        cells.append(Cell(plan_id, deciders, missing, differs, bands))
    return Row(change, tuple(cells))


def cell_bands(plan: Plan, case_id: str, words: Words) -> tuple[CellBand, ...]:
    """The case type's outcomes at the plan's own thresholds (engine.outcomes.bands, as Spørg lists
    them without facts); the bands are kept in the plan's memo, which a reload replaces with the
    plan (the words are not: they follow the plans compared)."""
    memo = cast(dict[str, tuple[Band, ...]], plan.memo.setdefault("web.cell_bands", {}))
    if case_id not in memo:
        case = plan.case_types.get(case_id)
        memo[case_id] = bands(plan, case, {}, case_facts(plan, case), None) if case else ()
    return tuple(
        CellBand(band.condition, band.decides, _told(band.inform, words), band.decides_if)
        for band in memo[case_id]
    )


def _told(inform: Sequence[InformOut], words: Words) -> tuple[tuple[str, str], ...]:
    """Who is told, grouped by when: ("Orienteres før", "ØEU (på møde), Byrådet")."""
    grouped: dict[str, list[str]] = {}
    for item in inform:
        how = [part for part in (item.frequency, channel_text(item.channel)) if part]
        named = words.body(item.body) + (f" ({', '.join(how)})" if how else "")
        grouped.setdefault(item.when, []).append(named)
    return tuple(
        (text("da", f"web.cell.{when}"), ", ".join(grouped[when]))
        for when in ("before", "after", "periodic")
        if when in grouped
    )


def _in_category(change: CaseChange, category: str) -> bool:
    return any(place is not None and place.category == category for place in change.placements.values())


def _narrowed(full: PlanDiff, category: str, only_changed: bool) -> PlanDiff:
    """The diff of one category's case types: diffing.workload and diffing.flows over just those."""
    changes = [change for change in full.changes if _in_category(change, category)]
    ids, bodies = full.plan_ids, list(full.legend.bodies)
    body = full.filters.body
    return full.model_copy(
        update={
            "changes": tuple(c for c in changes if not only_changed or c.change != "unchanged"),
            "workload": workload(changes, ids, [body] if body else bodies),
            "flows": tuple(f for f in flows(changes, ids, bodies) if body in (None, f.from_, f.to)),
        }
    )


def compare_page(served: Mapping[str, Plan], params: Mapping[str, str], chosen: list[str]) -> ComparePage:
    """Compare the chosen plans (default: all), filtered, with the asked-for cell opened."""
    chosen = [plan_id for plan_id in dict.fromkeys(chosen) if plan_id in served]
    plans = [served[plan_id] for plan_id in (chosen if len(chosen) >= 2 else sorted(served))]
    filters = {name: (params.get(name) or "").strip() for name in FILTERS}
    only_changed = (params.get("only_changed") or "") not in ("", "0")
    page = ComparePage(
        plans=plans,
        chosen=[p.id for p in plans] if len(chosen) >= 2 else [],
        filters=filters,
        only_changed=only_changed,
        options={},
    )
    if len(plans) < 2:
        page.error = "Der skal være mindst to planer for at sammenligne; der er kun én i regelsættet."
        return page
    full, unknown = _diff_or_unknown(plans, filters)
    if unknown:
        page.error = " ".join(unknown)
    legend = full.legend
    page.options = {
        "section": list(legend.sections.items()),
        "category": list(legend.categories.items()),
        "body": list(legend.bodies.items()),
    }
    if filters["category"] and filters["category"] not in legend.categories:
        page.error = " ".join(filter(None, [page.error, f"Ukendt kategori «{filters['category']}»."]))
        filters["category"] = ""
    shown = full.model_copy(
        update={"changes": tuple(c for c in full.changes if not only_changed or c.change != "unchanged")}
    )
    page.diff = _narrowed(full, filters["category"], only_changed) if filters["category"] else shown
    by_id = {plan.id: plan for plan in plans}
    ordered = {plan_id: by_id[plan_id] for plan_id in page.diff.plan_ids}
    words = page.words
    page.sections = [
        (legend.sections.get(section or "", ""), [_row(change, ordered, words) for change in changes])
        for section, changes in by_section(page.diff)
    ]
    page.detail = cell_detail(plans, full, params.get("celle") or "")
    return page


def _diff_or_unknown(plans: Sequence[Plan], filters: dict[str, str]) -> tuple[PlanDiff, list[str]]:
    """diff with the section and body filters; a filter diff does not know is dropped and named."""
    unknown: list[str] = []
    for _ in range(len(FILTERS)):
        try:
            return diff(*plans, section=filters["section"] or None, body=filters["body"] or None), unknown
        except InputError as error:
            name = error.problems[0].field if error.problems[0].field in ("section", "body") else "body"
            unknown.append(f"Ukendt {'afsnit' if name == 'section' else 'organ'} «{filters[name]}».")
            filters[name] = ""
    return diff(*plans), unknown


def cell_detail(plans: Sequence[Plan], full: PlanDiff, key: str) -> CellDetail | None:
    """One cell ("<plan>:<case type id>"): the plan's outcome and its words in every band."""
    plan_id, _, case_id = key.partition(":")
    plan = next((p for p in plans if p.id.casefold() == plan_id.strip().casefold()), None)
    change = next((c for c in full.changes if c.case_type == case_id), None)
    if plan is None or change is None:
        return None
    words = Words(full)
    plan_id = plan.id
    found = []
    for band in change.bands:
        outcome = band.outcomes[plan_id]
        others = tuple(
            (other, words.cell(band.outcomes[other]), band.outcomes[other] != outcome)
            for other in full.plan_ids
            if other != plan_id
        )
        found.append(
            BandDetail(
                condition=band.condition,
                sentence=outcome_sentence(plan, outcome) if outcome else "Sagstypen er ikke med i planen.",
                basis=basis_text(outcome.basis) if outcome else "",
                quotes=tuple(_quotes(plan, case_id, band.citations[plan_id])),
                others=others,
            )
        )
    return CellDetail(plan=plan, change=change, bands=tuple(found))


def _quotes(plan: Plan, case_id: str, cited: str | None) -> list[Quote]:
    """The plan's words for a band: the rule whose citation the diff gives."""
    case = plan.case_types.get(case_id)
    if case is None or cited is None:
        return []
    rule = next((r for r in case.rules if citation_of(plan, case, r) == cited), None)
    return quotes(plan, case_id, rule.span.file, rule.span.line) if rule else []
