"""A case type's bands as data: what `delegation show` prints, as JSON (delegation.case/1) and as text."""

from __future__ import annotations

from ..engine.decision import Band, Decision
from ..engine.evaluate import decide
from ..engine.facts import check_department, facts_used
from ..engine.outcomes import bands, rule_bands
from ..engine.resolve import resolve_case
from ..engine.wording import labels, outcome_bodies
from ..errors import InputError, Problem, error_body
from ..hints import TYPE_CHECKING, NamedTuple
from ..messages import Message
from ..model import CaseType, Plan
from ..plandata import as_data

if TYPE_CHECKING:
    from typing import Any

CASE_SCHEMA = "delegation.case/1"


class CaseView(NamedTuple):
    """Every band of a case type with its outcome and citation, for a department (None: as the plan
    writes it). The text of `show` and its JSON are both written from this, so they cannot part.
    A named tuple, not a dataclass: `delegation show` never imports dataclasses (12-20 ms)."""

    plan: Plan
    case: CaseType
    department: str | None
    depends_on: tuple[str, ...]  # the facts the bands range over; none: one band per rule
    bands: tuple[Band, ...]

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(rule.note for rule in self.case.rules if rule.note)

    def to_dict(self) -> dict[str, Any]:
        """The view as JSON data (delegation.case/1): the case type as GET /plans/{id}/cases lists
        it, the titles of its section and category, and each band as a decision's `outcomes`."""
        plan, case = self.plan, self.case
        section = plan.sections.get(case.section or "")
        category = plan.categories.get(case.category or "")
        return {
            "schema": CASE_SCHEMA,
            "plan": plan.id,
            "case_type": {
                "id": case.id,
                "title": case.title,
                "aliases": list(case.aliases),
                "section": case.section,
                "category": case.category,
            },
            "section_title": section.title if section else None,
            "category_title": category.title if category else None,
            "department": self.department,
            "depends_on": list(self.depends_on),
            "bands": [as_data(band) for band in self.bands],
            "notes": list(self.notes),
            "bodies": {
                body_id: as_data(ref) for body_id, ref in labels(plan, outcome_bodies(self.bands)).items()
            },
        }


def case_view(plan: Plan, case: CaseType, department: str | None = None, lang: str = "da") -> CaseView:
    """The bands of a case type: the ranges of the facts it uses (neighbours with one outcome
    merged), or, when it uses none, each rule as the plan writes it. An unknown department is an
    InputError, as in decide: "zzz beslutter." was shown for `--department zzz`."""
    department = check_department(plan, department)
    used = tuple(facts_used(plan, case))
    found = (
        bands(plan, case, {}, list(used), department, lang)
        if used
        else rule_bands(plan, case, department, lang)
    )
    return CaseView(plan, case, department, used, found)


class UnresolvedCase(InputError):
    """The text names no one case type of the plan: several fit (exit 3), or none does (exit 2).
    `decision` is decide's answer to the text, with the candidates or why none fits."""

    def __init__(self, plan: Plan, query: str, decision: Decision):
        self.decision = decision
        if decision.candidates:
            names = ", ".join(candidate.id for candidate in decision.candidates)
            problem = Problem(
                "show.ambiguous" if len(decision.candidates) > 1 else "show.ambiguous.one",
                {"case": query, "plan": plan.id, "candidates": names},
                hint=Message("show.ambiguous.hint"),
                field="case",
            )
            self.exit_code = 3
        else:
            problem = Problem(
                "show.unknown_case",
                {"case": query, "plan": plan.id},
                hint=Message("show.unknown_case.hint", plan=plan.id),
                field="case",
            )
        super().__init__(problem)

    @property
    def ambiguous(self) -> bool:
        return bool(self.decision.candidates)

    def body(self, lang: str) -> dict[str, object]:
        """The error object (errors.error_body) with the candidates as decide gives them."""
        problem = self.problems[0]
        kind = "ambiguous_case" if self.ambiguous else "unknown_case"
        found = error_body(kind, problem.key, problem.args, problem.field, lang, problem.hint)
        found["candidates"] = [as_data(candidate) for candidate in self.decision.candidates]
        return found


def show_case(plan: Plan, query: str, department: str | None = None, lang: str = "da") -> CaseView:
    """The view of the case type an id or words name (resolved as decide resolves them), or
    UnresolvedCase with decide's answer when they name none or several."""
    resolution = resolve_case(plan, query)
    if resolution.case is None:
        raise UnresolvedCase(plan, query, decide(plan, query, {}, department=department, lang=lang))
    return case_view(plan, resolution.case, department, lang)
