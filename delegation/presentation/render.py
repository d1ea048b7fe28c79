"""Render decisions, case types and plans as text for people (Danish by default, or English)."""

from __future__ import annotations

from collections.abc import Callable

from ..engine.decision import BodyRef, Decision, FactValue, Receipt
from ..engine.outcomes import receipt
from ..engine.rulesfolder import RulesFolder
from ..engine.wording import outcome_sentence
from ..hints import TYPE_CHECKING
from ..i18n import date_text, text
from ..model import BodyKind, CaseType, Plan
from ..numbers import format_quantity

if TYPE_CHECKING:
    from .caseview import CaseView

Style = Callable[..., str]


def plain(value: str, **_: object) -> str:
    """The style that adds no colour (for files, pipes and tests)."""
    return value


def _indent(block: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in block.splitlines())


def render_decision(plan: Plan, decision: Decision, lang: str = "da", style: Style = plain) -> str:
    """A decision for a person: the answer first, then why, then the plan's own words."""
    lines: list[str] = []
    header = f"{text(lang, 'plan')} {plan.id}"
    if decision.case_type:
        header += f" · {decision.case_type.title}"
    if decision.receipt is not None and decision.receipt.in_force is not None:
        header += " · " + in_time(decision.receipt, lang)
    if decision.candidates:
        lines.append(style(header, dim=True))
        lines.append(
            style(text(lang, "candidates" if len(decision.candidates) > 1 else "candidates.one"), bold=True)
        )
        for candidate in decision.candidates:
            lines.append(f"  {candidate.id:<40} {candidate.title}")
            if candidate.condition:
                lines.append(f"  {'':<40} {text(lang, 'candidates.condition')}: {candidate.condition}")
            if candidate.matched:
                lines.append(
                    style(
                        f"  {'':<40} {text(lang, 'candidates.matched')}: " + ", ".join(candidate.matched),
                        dim=True,
                    )
                )
        lines.append(text(lang, "candidates.hint"))
        return "\n".join(lines)
    lines.append(style(header, dim=True))
    explanation = list(decision.explanation)
    if not decision.covered:
        # Lead with what is certain (the plan does not list it), never with a guessed decider.
        lines.append(style(explanation.pop(0), bold=True))
        if decision.decides:
            lines.append(outcome_sentence(plan, decision, lang))
    elif decision.depends_on:
        labels = f" {text(lang, 'and')} ".join(plan.facts[f].label for f in decision.depends_on)
        lines.append(style(text(lang, "depends.head", facts=labels), bold=True))
        for band in decision.outcomes:
            lines.append(f"  • {style(band.condition, bold=True)}: {outcome_sentence(plan, band, lang)}")
    else:
        lines.append(style(outcome_sentence(plan, decision, lang), bold=True))
        if decision.basis:
            lines.append(f"{text(lang, 'basis')}: {text(lang, 'basis.' + decision.basis)}")
    if explanation:
        lines.append(f"{text(lang, 'why')}:")
        lines.extend(f"  - {entry}" for entry in explanation)
    if decision.citation:
        lines.append(f"{text(lang, 'citation')}:")
        lines.append(style(_indent(decision.citation, "  » "), italic=True))
    if decision.rule:
        lines.append(style(f"{text(lang, 'rule')}: {decision.rule.file}:{decision.rule.line}", dim=True))
    return "\n".join(lines)


def plan_status(status: str, start: str | None, end: str | None, lang: str) -> str:
    """ "vedtaget, i kraft fra 1. januar 2026 til og med 30. juni 2026", or "udkast"."""
    said = text(lang, f"status.{status}")
    if start:
        key = "time.period.until" if end else "time.period"
        said += ", " + text(lang, key, start=date_text(start, lang), end=date_text(end, lang))
    return said


def in_time(receipt: Receipt, lang: str) -> str:
    """The plan's status and period, and whether it was in force on the day asked about (today)."""
    said = plan_status(receipt.status, receipt.in_force_from, receipt.in_force_until, lang)
    if receipt.as_of:
        key = "time.in_force_as_of" if receipt.in_force else "time.not_in_force_as_of"
        return f"{said} · {text(lang, key, date=date_text(receipt.as_of, lang))}"
    return f"{said} · {text(lang, 'time.in_force_today')}" if receipt.in_force else said


def render_case(
    plan: Plan, case: CaseType, lang: str = "da", style: Style = plain, department: str | None = None
) -> str:
    """Every band of a case type with its outcome and citation (`delegation show`)."""
    from .caseview import case_view  # here: a decision, the command's usual answer, needs no bands

    return render_case_view(case_view(plan, case, department, lang), lang, style)


def render_case_view(view: CaseView, lang: str = "da", style: Style = plain) -> str:
    """A case type's view as `delegation show` prints it (`show --json` prints view.to_dict())."""
    plan, case = view.plan, view.case
    section = plan.sections.get(case.section or "")
    category = plan.categories.get(case.category or "")
    lines = [
        style(f"{case.title}", bold=True),
        style(
            f"{text(lang, 'plan')} {plan.id} · {case.id}"
            + (f" · {section.title}" if section else "")
            + (f" · {category.title}" if category else ""),
            dim=True,
        ),
    ]
    if case.aliases:
        lines.append(style("  alias: " + ", ".join(case.aliases), dim=True))
    for band in view.bands:
        if view.depends_on:
            lines.append(
                f"• {style(band.condition, bold=True)} "
                f"({text(lang, 'example')} {_example(plan, band.example)})"
            )
            lines.append("  " + outcome_sentence(plan, band, lang))
            if band.basis:
                lines.append(f"  {text(lang, 'basis')}: {text(lang, 'basis.' + band.basis)}")
            if band.citation:
                lines.append(style(_indent(band.citation, "  » "), italic=True))
        else:  # one band per rule, as the plan writes it: every rule has a basis and a citation
            assert band.basis is not None  # validation gives every rule a basis
            lines.append("• " + band.condition)
            lines.append("  " + outcome_sentence(plan, band, lang))
            lines.append(f"  {text(lang, 'basis')}: {text(lang, 'basis.' + band.basis)}")
            lines.append(style(_indent(band.citation or "", "  » "), italic=True))
    lines.extend(text(lang, "note", text=note) for note in view.notes)
    return "\n".join(lines)


def _example(plan: Plan, example: dict[str, FactValue]) -> str:
    return ", ".join(
        f"{plan.facts[k].label} {format_quantity(v, plan.facts[k].unit)}" for k, v in example.items()
    )


def rules_footer(plan: Plan | None, chosen: RulesFolder | None = None, lang: str = "da") -> str:
    """Which rules answered, as the last line for people: "Regler: /path/rules (delegation.toml,
    sha256 0c57f2a1b69c…)"; why that folder only when the plan was read from it (not --plan PATH)."""
    stamp = receipt(plan) if plan is not None else None
    folder = stamp.rules_folder if stamp is not None else str(chosen.path) if chosen else None
    about = []
    if chosen is not None and folder == str(chosen.path):
        about.append(chosen.origin_text(lang))
    if stamp is not None:
        about.append(f"sha256 {stamp.rules_sha256[:12]}…")
    return text(lang, "rules.footer", folder=folder or "-", about=", ".join(about))


def render_bodies(plan: Plan, refs: tuple[BodyRef, ...], lang: str = "da", style: Style = plain) -> str:
    """The bodies of a plan with their names (`delegation bodies`): id, how a sentence names it,
    its full name, and its kind, head and whether it depends on the case."""
    lines = [style(text(lang, "bodies.title", plan=plan.id), bold=True)]
    width = max((len(ref.id) for ref in refs), default=0)
    label_width = max((len(ref.label) for ref in refs), default=0)
    for ref in refs:
        about = [text(lang, f"kind.{BodyKind(ref.kind).value}")]
        if ref.head:
            about.append(text(lang, "bodies.headed", head=ref.head))
        if ref.relative:
            about.append(text(lang, "bodies.relative"))
        name = ref.name if ref.name != ref.label else ""
        lines.append(
            f"  {style(ref.id.ljust(width), bold=True)}  {ref.label.ljust(label_width)}  "
            + "  ".join(part for part in (name, style("(" + ", ".join(about) + ")", dim=True)) if part)
        )
    return "\n".join(lines)
