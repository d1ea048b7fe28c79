"""The Sammensæt page: pick a plan per case type (or per list), see workload and flows of the mix,
download the composed plan, its plan document and the HTML diff against the drafts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..analysis.compose import Composition, compose, free_plan_id
from ..analysis.diffing import CaseChange, PlanDiff, diff
from ..errors import DelegationError, InputError, Problem
from ..model import Plan
from ..presentation.diff_words import Words, workload_rows
from ..presentation.svg import flow_svg, workload_svg
from .web_common import query_url

Renderer = Callable[..., HTMLResponse]


@dataclass(frozen=True)
class ComposeBand:
    """One draft's answer in one band of the facts: what a choice of that draft takes."""

    condition: str | None  # the band ("beløb: over 500.000 kr."); None when the draft answers all alike
    decider: str  # with the plan's condition ("Magistraten (kun når ...)")
    details: tuple[str, ...]  # who is told, involved, recommends; the basis


@dataclass(frozen=True)
class ComposeRow:
    """One case type: how each draft answers it (band by band), and the draft chosen for it."""

    case_id: str
    title: str
    answers: dict[str, tuple[ComposeBand, ...] | None]  # plan id -> its answers; None: not in the plan
    chosen: str
    differs: bool  # the drafts do not all answer alike


@dataclass
class ComposePage:
    plans: list[Plan]
    base: str
    by_section: dict[str, str]  # section id -> plan chosen for the whole list
    by_case: dict[str, str]  # case type id -> plan chosen for it (overrides its list's choice)
    sections: list[tuple[str, str, list[ComposeRow]]] = field(default_factory=list)
    composition: Composition | None = None
    diff: PlanDiff | None = None
    error: str | None = None
    composed_id: str = ""  # a free id in the rules folder (D beside A, B, C), set by compose_page

    @property
    def file_stem(self) -> str:
        return f"plan_{self.composed_id.lower()}"

    def params(self) -> list[tuple[str, str]]:
        return (
            [("base", self.base)]
            + [(f"s.{key}", value) for key, value in self.by_section.items()]
            + [(f"c.{key}", value) for key, value in self.by_case.items()]
        )

    def link(self, path: str = "/sammensaet", **changes: object) -> str:
        return query_url(path, self.params(), **changes)

    @property
    def words(self) -> Words:
        assert self.diff is not None
        return Words(self.diff)

    def workload(self) -> list[tuple[str, list[tuple[int, int, int]]]]:
        return workload_rows(self.diff) if self.diff is not None else []

    def workload_svg(self) -> str:
        return workload_svg(self.diff) if self.diff is not None else ""

    def flows_to_composed(self) -> list[str]:
        if self.diff is None:
            return []
        words = self.words
        return [
            f"{f.from_plan} → {f.to_plan}: {words.flow(f)}"
            for f in self.diff.flows
            if f.to_plan == self.composed_id
        ]

    def flow_svg(self) -> str:
        if self.diff is None:
            return ""
        only = self.diff.model_copy(
            update={"flows": tuple(f for f in self.diff.flows if f.to_plan == self.composed_id)}
        )
        return flow_svg(only)

    def taken(self) -> dict[str, list[str]]:
        """Plan id -> the case types taken from it (those not as the base plan has them)."""
        found: dict[str, list[str]] = {}
        for _, _, rows in self.sections:
            for row in rows:
                if row.chosen != self.base:
                    found.setdefault(row.chosen, []).append(row.case_id)
        return found


def _answers(change: CaseChange, plan_id: str, words: Words) -> tuple[ComposeBand, ...] | None:
    """A draft's answers band by band, each answer said once with the bands it is given in; the
    bands' words only where the draft answers them differently."""
    outcomes = [(band.condition, band.outcomes.get(plan_id)) for band in change.bands]
    if all(outcome is None for _, outcome in outcomes):
        return None
    said: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for condition, outcome in outcomes:
        said.setdefault((words.decider(outcome), tuple(words.details(outcome))), []).append(condition)
    alike = len(said) == 1
    return tuple(
        ComposeBand(None if alike else "; ".join(conditions), decider, details)
        for (decider, details), conditions in said.items()
    )


def compose_page(plans: Mapping[str, Plan], query: Mapping[str, str]) -> ComposePage:
    """The page for the choices in the query: base=B, s.<list>=A, c.<case type>=C."""
    served = [plans[plan_id] for plan_id in sorted(plans)]
    ids = [plan.id for plan in served]
    named = {plan_id.lower(): plan_id for plan_id in ids}  # plan ids in any case, as elsewhere

    def plan_of(value: str) -> str | None:
        return named.get(value.strip().lower())

    base = plan_of(query.get("base", "")) or (ids[1] if len(ids) > 1 else ids[0])
    by_section = {
        k[2:]: p for k, v in query.items() if k.startswith("s.") and (p := plan_of(v)) and p != base
    }
    by_case = {k[2:]: p for k, v in query.items() if k.startswith("c.") and (p := plan_of(v))}
    page = ComposePage(served, base, by_section, by_case)
    folder = plans[base].memo.get("path")
    page.composed_id = free_plan_id(ids, Path(folder).parent if folder else None)
    if len(served) < 2:
        page.error = "Der skal være mindst to planer at sammensætte fra."
        return page
    drafts = diff(*served)
    words = Words(drafts)
    titles = {section: title for section, title in drafts.legend.sections.items()}
    grouped: dict[str, list[ComposeRow]] = {}
    for change in drafts.changes:
        section = change.section or ""
        chosen = by_case.get(change.case_type) or by_section.get(section) or base
        grouped.setdefault(section, []).append(
            ComposeRow(
                case_id=change.case_type,
                title=change.title,
                answers={plan_id: _answers(change, plan_id, words) for plan_id in ids},
                chosen=chosen,
                differs=change.change != "unchanged",
            )
        )
    page.sections = [(section, titles.get(section, section), rows) for section, rows in grouped.items()]
    # A row chosen like its list (or the base) needs no parameter of its own: shorter links.
    page.by_case = {
        case_id: value
        for case_id, value in by_case.items()
        if value != (by_section.get(_section_of(page, case_id)) or base)
    }
    try:
        page.composition = compose(
            plans[base], [(plans[p], ids) for p, ids in page.taken().items()], plan_id=page.composed_id
        )
        page.diff = diff(*served, page.composition.plan)
    except DelegationError as error:
        page.error = error.problems[0].message if error.problems else str(error)
    return page


def _section_of(page: ComposePage, case_id: str) -> str:
    for section, _, rows in page.sections:
        if any(row.case_id == case_id for row in rows):
            return section
    return ""


def _download(content: str, media: str, name: str) -> Response:
    return Response(
        content,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def add_compose_routes(router: APIRouter, plans: Callable[[], dict[str, Plan]], page: Renderer) -> None:
    """GET /sammensaet and its downloads (.dlg, examples, plan document, HTML diff)."""

    def build(request: Request) -> ComposePage:
        return compose_page(plans(), dict(request.query_params))

    @router.get("/sammensaet")
    def compose_view(request: Request) -> HTMLResponse:
        return page("sammensaet.html", request, page=build(request))

    def composed(request: Request) -> ComposePage:
        built = build(request)
        if built.composition is None:
            raise InputError(Problem("compose.failed", {"reason": built.error or "-"}))
        return built

    # The composed plan's id is in the file names (plan_d.dlg, or plan_e.dlg where the folder has
    # a plan D); the examples' route comes first, as "plan_{id}.dlg" would match it too.
    @router.get("/sammensaet/plan_{plan_id}_test.dlg")
    def download_examples(request: Request, plan_id: str) -> Response:
        built = composed(request)
        assert built.composition is not None
        return _download(built.composition.tests, "text/plain; charset=utf-8", f"{built.file_stem}_test.dlg")

    @router.get("/sammensaet/plan_{plan_id}.dlg")
    def download_rules(request: Request, plan_id: str) -> Response:
        built = composed(request)
        assert built.composition is not None
        return _download(built.composition.text, "text/plain; charset=utf-8", built.composition.file_name)

    @router.get("/sammensaet/plan_{plan_id}.html")
    def download_document(request: Request, plan_id: str) -> Response:
        from ..presentation.render_plan import render_plan

        built = composed(request)
        assert built.composition is not None
        return _download(
            render_plan(built.composition.plan, "html"), "text/html; charset=utf-8", f"{built.file_stem}.html"
        )

    @router.get("/sammensaet/sammenligning.html")
    def download_diff(request: Request) -> Response:
        from ..presentation.report_html import render_html

        built = composed(request)
        assert built.diff is not None and built.composition is not None
        name = "sammenligning_" + "".join(plan.id for plan in (*built.plans, built.composition.plan)).lower()
        return _download(render_html(built.diff), "text/html; charset=utf-8", f"{name}.html")
