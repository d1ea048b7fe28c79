"""The history of a case type: how its competence changed from plan to plan of one municipality."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from pydantic import Field

from ..engine.decision import AdoptionRef
from ..engine.outcomes import adoption_ref
from ..engine.registry import by_municipality
from ..engine.resolve import resolve_case
from ..errors import InputError, Problem
from ..messages import Message
from ..model import Plan, PlanStatus
from .contract import Contract
from .diffing import DiffBand, compare_case

HISTORY_SCHEMA: Final = "delegation.history/1"
Step = Literal["first", "added", "removed", "changed", "unchanged", "absent"]


class PlanStep(Contract):
    """One plan in the history: its place in time, and what it changed for the case type against
    the plan before it (`compared_with`). `bands` are the bands that changed (every band of the
    first plan that lists the case type), each with both plans' outcomes."""

    plan: str
    title: str | None = None
    date: str | None = None
    status: PlanStatus
    in_force_from: str | None = None
    in_force_until: str | None = None
    adoption: AdoptionRef | None = None
    listed: bool
    change: Step
    compared_with: str | None = None
    bands: tuple[DiffBand, ...] = ()


class CaseHistory(Contract):
    """delegation.history/1: a case type across one municipality's plans, oldest first (adopted
    plans by the day they came into force, then the drafts by date)."""

    schema_: Literal["delegation.history/1"] = Field(default=HISTORY_SCHEMA, alias="schema")
    case_type: str
    title: str
    municipality: str | None
    steps: tuple[PlanStep, ...]

    def to_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


def in_order(plans: Sequence[Plan]) -> list[Plan]:
    """Adopted (and repealed) plans by the day they came into force, then drafts by date and id."""
    return sorted(
        plans,
        key=lambda p: (
            p.status is PlanStatus.draft,
            (p.in_force_from or "") if p.status is not PlanStatus.draft else (p.date or ""),
            p.id,
        ),
    )


def history(plans: Sequence[Plan], case: str, lang: str = "da") -> CaseHistory:
    """How the competence for `case` (an id or words) changed across its municipality's plans."""
    if not case.strip():
        raise InputError(Problem("request.no_case", field="case"))
    ordered = in_order(plans)
    resolutions = [(plan, resolve_case(plan, case)) for plan in reversed(ordered)]
    found = next(((plan, resolution.case) for plan, resolution in resolutions if resolution.case), None)
    if found is None:
        # The words fit several case types (as `decide` lists them), or none: said apart
        candidates = next(
            (resolution.candidates for _, resolution in resolutions if resolution.candidates), ()
        )
        if candidates:
            named = ", ".join(f"{match.case.id} ({match.case.title})" for match in candidates)
            raise InputError(
                Problem(
                    "history.ambiguous",
                    {"case": case, "candidates": named},
                    hint=Message("history.ambiguous.hint"),
                    field="case",
                )
            )
        raise InputError(Problem("history.none", {"case": case}, field="case"))
    owner, case_type = found
    group = in_order(by_municipality(ordered)[owner.municipality or ""])
    steps = []
    for index, plan in enumerate(group):
        previous = group[index - 1] if index else None
        listed = case_type.id in plan.case_types
        change: Step
        bands: tuple[DiffBand, ...] = ()
        if previous is None or case_type.id not in previous.case_types:
            change = ("first" if previous is None else "added") if listed else "absent"
            bands = compare_case([plan], case_type.id, lang).bands if listed else ()
        else:
            compared = compare_case([previous, plan], case_type.id, lang)
            change = compared.change
            # A plan that drops the case type has no outcome of its own to show: its bands were
            # the previous plan's, worded under this plan's heading.
            bands = tuple(band for band in compared.bands if band.changed) if listed else ()
        steps.append(
            PlanStep(
                plan=plan.id,
                title=plan.title,
                date=plan.date,
                status=plan.status,
                in_force_from=plan.in_force_from,
                in_force_until=plan.in_force_until,
                adoption=adoption_ref(plan),
                listed=listed,
                change=change,
                compared_with=previous.id if previous is not None and change != "first" else None,
                bands=bands,
            )
        )
    return CaseHistory(
        case_type=case_type.id, title=case_type.title, municipality=owner.municipality, steps=tuple(steps)
    )
