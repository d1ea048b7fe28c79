"""Helpers shared by the web pages: plan and body labels, body colours, the plan's own words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast
from urllib.parse import quote, urlencode

from ..engine.facts import facts_used
from ..i18n import date_text, text
from ..model import Body, CaseType, Plan
from ..presentation import palette
from ..presentation.render_plan import bullet_anchors


def plan_subtitle(plan: Plan) -> str:
    """ "Bilag 2.1.1 · 8. april 2025": where the plan comes from, for column headers."""
    return " · ".join(part for part in (plan.source, date_text(plan.date)) if part)


def capitalised(value: str) -> str:
    return value[:1].upper() + value[1:]


def all_bodies(plans: Sequence[Plan]) -> dict[str, Body]:
    """Every body of the plans, in the order the rules declare them (the first plan wins)."""
    found: dict[str, Body] = {}
    for plan in plans:
        for body_id, body in plan.bodies.items():
            found.setdefault(body_id, body)
    return found


def body_colours(plans: Sequence[Plan]) -> dict[str, str]:
    """A colour per body, stable for a rules folder (declaration order): the pictures' colours."""
    return palette.body_colours(all_bodies(plans))


def case_facts(plan: Plan, case: CaseType) -> list[str]:
    """The facts a case type's rules depend on, in the order the rules folder declares facts."""
    used = set(facts_used(plan, case))
    return [name for name in plan.facts if name in used]


def rule_bodies(plan: Plan, case: CaseType) -> set[str]:
    bodies = cast("set[str]", {plan.owner_of(case)} - {None})
    for rule in case.rules:
        bodies.update(filter(None, (rule.decides, *rule.involve, *rule.recommends)))
        bodies.update(inform.body for inform in rule.inform)
    return bodies


def needs_department(plan: Plan, case: CaseType) -> bool:
    """Whether naming the owning department changes the answer (a relative body takes part)."""
    return any(plan.bodies[body].relative for body in rule_bodies(plan, case) if body in plan.bodies)


@dataclass(frozen=True)
class Quote:
    """One bullet of the plan, verbatim, with the headings it stands under."""

    path: str
    text: str
    href: str = ""  # the bullet in the plan document page


def plan_url(plan: Plan, anchor: str = "") -> str:
    return f"/plan/{quote(plan.id, safe='')}" + (f"#{anchor}" if anchor else "")


def quotes(plan: Plan, case_id: str | None, file: str | None, line: int | None) -> list[Quote]:
    """The plan's own words for the rule written at file:line of a case type."""
    case = plan.case_types.get(case_id or "")
    if case is None:
        return []
    rule = next((r for r in case.rules if r.span.file == file and r.span.line == line), None)
    if rule is None:
        return []
    section = plan.sections.get(case.section or "")
    prefix = (section.title,) if section else ()
    anchors = bullet_anchors(case)
    return [
        Quote(
            " › ".join((*prefix, *citation.path)),
            citation.text,
            plan_url(plan, anchors[(tuple(citation.path), citation.text)]),
        )
        for citation in rule.citations
    ]


def match_plans(served: Mapping[str, Plan], asked: Sequence[str]) -> tuple[list[str], list[str]]:
    """The served plan ids asked for, in any case ("b" is plan B), and the values naming no plan."""
    by_key = {plan_id.casefold(): plan_id for plan_id in served}
    found: list[str] = []
    unknown: list[str] = []
    for value in (value.strip() for value in asked):
        plan_id = value if value in served else by_key.get(value.casefold())
        if plan_id is not None:
            found.append(plan_id)
        elif value:
            unknown.append(value)
    return list(dict.fromkeys(found)), list(dict.fromkeys(unknown))


def printed_at(moment: datetime, lang: str = "da") -> str:
    """ "27. november 2026 kl. 17.05": when a page was made, for its printout."""
    return text(
        lang,
        "web.time",
        date=date_text(moment.date().isoformat(), lang),
        hour=f"{moment.hour:02d}",
        minute=f"{moment.minute:02d}",
    )


def basis_text(basis: str | None) -> str:
    return capitalised(text("da", f"basis.{basis}")) if basis else ""


def channel_text(channel: str) -> str:
    return text("da", f"channel.{channel}").strip()


def query_url(path: str, params: list[tuple[str, str]], **changes: object) -> str:
    """path?params with some parameters replaced (a value of None or "" removes the parameter)."""
    kept = [(key, value) for key, value in params if key not in changes]
    kept += [(key, str(value)) for key, value in changes.items() if value is not None and value != ""]
    return path + ("?" + urlencode(kept) if kept else "")
