"""How an outcome is said: a department deciding by its head, involved by its name; the one-line answer."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import inform_phrase, listing, text
from ..model import BodyKind, Plan
from .decision import Decision, InformOut, Outcome


def body_label(plan: Plan, body_id: str | None) -> str:
    """How a body is named in a sentence: its short name, or "<Head> (<short name>)" for a department."""
    if body_id is None:
        return "-"
    body = plan.bodies.get(body_id)
    if body is None:
        return body_id
    if body.kind is BodyKind.department and body.head and not body.relative:
        return f"{body.head[0].upper()}{body.head[1:]} ({body.label})"
    return body.label


def administration_label(plan: Plan, body_id: str) -> str:
    """A department as the administration that is consulted or recommends ("Borgmesterens
    Afdeling (BA)"): the plans say "Borgmesterens Afdeling skal inddrages", not the mayor. A decision
    is the head's competence (body_label); every other body is named the same either way."""
    body = plan.bodies.get(body_id)
    if body is None or body.kind is not BodyKind.department or not body.head or body.relative:
        return body_label(plan, body_id)
    return f"{body.name} ({body.short})" if body.short else body.name


def _bodies(plan: Plan, ids: Sequence[str], lang: str) -> str:
    return listing([administration_label(plan, body) for body in ids], lang)


def _inform_sentence(plan: Plan, inform: InformOut, lang: str) -> str:
    return inform_phrase(body_label(plan, inform.body), inform.when, inform.channel, lang) + "."


def outcome_sentence(plan: Plan, outcome: Outcome | Decision, lang: str = "da") -> str:
    """The one-line answer: "<decider> beslutter. <committee> orienteres før beslutningen på møde."."""
    parts = [
        text(lang, "decides", body=body_label(plan, outcome.decides))
        if outcome.decides
        else text(lang, "decides.none")
    ]
    parts.extend(_inform_sentence(plan, inform, lang) for inform in outcome.inform)
    if outcome.involve:
        key, condition = ("involve.if", outcome.involve_if) if outcome.involve_if else ("involve", "")
        parts.append(text(lang, key, bodies=_bodies(plan, outcome.involve, lang), condition=condition))
    if outcome.recommends:
        parts.append(text(lang, "recommends", bodies=_bodies(plan, outcome.recommends, lang)))
    return " ".join(parts)
