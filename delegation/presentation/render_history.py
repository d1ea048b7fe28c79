"""The history of a case type as text: each plan in time order, with what it changed."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.history import CaseHistory, PlanStep
from ..engine.wording import outcome_sentence
from ..i18n import date_text, text
from ..model import Plan
from .render import Style, plain, plan_status


def step_heading(step: PlanStep, lang: str) -> str:
    """ "K2026B · vedtaget, i kraft fra 1. juli 2026 · vedtaget 17. juni 2026 (møde, punkt 8)"."""
    parts = [step.plan, plan_status(step.status, step.in_force_from, step.in_force_until, lang)]
    if step.adoption:
        adoption = step.adoption
        parts.append(
            text(
                lang,
                "time.adoption",
                date=date_text(adoption.date, lang),
                meeting=adoption.meeting,
                item=adoption.item,
            )
        )
    elif step.date:
        parts.append(date_text(step.date, lang))
    return " · ".join(parts)


def step_summary(step: PlanStep, lang: str) -> str:
    """What the plan did to the case type, in a sentence."""
    if step.change == "first":
        return text(lang, "history.first")
    if step.change in ("absent", "removed"):
        return text(lang, "history.missing")
    if step.change == "unchanged":
        return text(lang, "history.unchanged", plan=step.compared_with)
    if step.change == "added":
        return text(lang, "history.added", plan=step.compared_with)
    return text(lang, "history.changed", plan=step.compared_with)


def render_history(
    history: CaseHistory, plans: Sequence[Plan], lang: str = "da", style: Style = plain
) -> str:
    by_id = {plan.id: plan for plan in plans}
    lines = [
        style(
            text(lang, "history.title", title=history.title, municipality=history.municipality or "-"),
            bold=True,
        )
    ]
    for step in history.steps:
        lines.append("")
        lines.append(style(step_heading(step, lang), bold=True))
        lines.append(f"  {step_summary(step, lang)}")
        for band in step.bands:
            said = [
                (key, outcome_sentence(by_id[key], outcome, lang))
                for key, outcome in band.outcomes.items()
                if outcome is not None
            ]
            # a band without a condition holds whatever the facts: worded as diff words it
            when = band.condition or text(lang, "diff.always")
            if len(said) == 1:
                lines.append(f"  • {when}: {said[0][1]}")
                continue
            lines.append(f"  • {when}:")
            lines.extend(f"      {key}: {sentence}" for key, sentence in said)
    return "\n".join(lines)
