"""The page Historik: a case type across one municipality's plans, with the dates (analysis.history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..analysis.history import history
from ..engine.decision import Outcome
from ..engine.wording import outcome_sentence
from ..errors import InputError
from ..model import Plan
from ..presentation.render_history import step_heading, step_summary


def history_page(plans: Sequence[Plan], query: str) -> dict[str, Any]:
    """The page's data: the history of the case type asked about, or why there is none."""
    by_id = {plan.id: plan for plan in plans}

    def sentence(plan_id: str, outcome: Outcome) -> str:
        return outcome_sentence(by_id[plan_id], outcome)

    page: dict[str, Any] = {
        "status": 200,
        "query": query,
        "history": None,
        "message": None,
        "heading": lambda step: step_heading(step, "da"),
        "summary": lambda step: step_summary(step, "da"),
        "sentence": sentence,
    }
    if not query.strip():
        page["message"] = "Skriv en sagstype for at se, hvordan kompetencen har ændret sig fra plan til plan."
        return page
    try:
        page["history"] = history(plans, query)
    except InputError as error:
        page["status"], page["message"] = 404, error.message
    return page
