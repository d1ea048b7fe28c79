"""How an outcome is said: a department deciding by its head, involved by its name; the one-line answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..hints import cast
from ..i18n import inform_phrase, listing, text
from ..model import BodyKind, Plan
from .decision import BodyRef, Decision, InformOut, Outcome, copied_with


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
    return (
        inform_phrase(body_label(plan, inform.body), inform.when, inform.channel, lang, inform.frequency)
        + "."
    )


def outcome_sentence(plan: Plan, outcome: Outcome | Decision, lang: str = "da") -> str:
    """The one-line answer: "<decider> beslutter. <committee> orienteres før beslutningen på møde."."""
    if outcome.decides_if:
        when = text(
            lang, "decides.when", body=body_label(plan, outcome.decides), condition=outcome.decides_if
        )
        parts = [text(lang, "decides.if", when=when)]
    elif outcome.decides:
        parts = [text(lang, "decides", body=body_label(plan, outcome.decides))]
    else:
        parts = [text(lang, "decides.none")]
    parts.extend(_inform_sentence(plan, inform, lang) for inform in outcome.inform)
    if outcome.involve:
        key, condition = ("involve.if", outcome.involve_if) if outcome.involve_if else ("involve", "")
        parts.append(text(lang, key, bodies=_bodies(plan, outcome.involve, lang), condition=condition))
    if outcome.recommends:
        parts.append(text(lang, "recommends", bodies=_bodies(plan, outcome.recommends, lang)))
    return " ".join(parts)


def band_answer(plan: Plan, key: tuple[str | None, ...], outcome: Outcome, lang: str) -> str:
    """A band's one-line answer, made once per (case type, rule, department, language) `key`: a
    decision that depends on a missing fact lists every band on every call."""
    memo = plan.memo
    if ("band answer", key) not in memo:
        memo[("band answer", key)] = outcome_sentence(plan, outcome, lang)
    return cast(str, memo[("band answer", key)])


def body_ref(plan: Plan, body_id: str) -> BodyRef | None:
    """A body's names for a case system (the decision's `bodies`, GET /plans/{id}/bodies); made
    once per plan, so that labelling an answer costs a lookup."""
    memo = plan.memo
    key = ("bodyref", body_id)
    if key not in memo:
        body = plan.bodies.get(body_id)
        memo[key] = (
            None
            if body is None
            else BodyRef(
                id=body.id,
                name=body.name,
                short=body.short,
                kind=body.kind,
                head=body.head,
                relative=body.relative,
                label=body_label(plan, body.id),
            )
        )
    return cast("BodyRef | None", memo[key])


def body_refs(plan: Plan) -> tuple[BodyRef, ...]:
    """Every body of the plan with its names, in the order the rules declare them."""
    return tuple(ref for body_id in plan.bodies if (ref := body_ref(plan, body_id)) is not None)


def outcome_bodies(outcomes: Iterable[Outcome | Decision]) -> list[str]:
    """The ids of every body the outcomes name, in the order they name them, each once."""
    ids: list[str] = []
    for outcome in outcomes:
        if outcome.decides:
            ids.append(outcome.decides)
        ids.extend(inform.body for inform in outcome.inform)
        ids.extend(outcome.involve)
        ids.extend(outcome.recommends)
    return list(dict.fromkeys(ids))


def named_bodies(decision: Decision) -> list[str]:
    """The ids of every body a decision names: in its outcome and bands, the department it
    suggests, and who decides in the other plans that list the case."""
    ids = outcome_bodies((decision, *decision.outcomes))
    if decision.suggested_department:
        ids.append(decision.suggested_department)
    ids.extend(known.decides for known in decision.known_in if known.decides)
    return list(dict.fromkeys(ids))


def labels(plan: Plan, ids: Sequence[str], others: Sequence[Plan] = ()) -> dict[str, BodyRef]:
    """The names of these bodies, looked up in the plan (then in `others`, for a body that only
    another plan's answer names); an id no plan declares is left out. Kept per plan for each set
    of ids (the sets the rules give, a few per case type): decide asks on every call."""
    key = ("labels", tuple(ids)) if not others else None
    memo = plan.memo
    if key is not None and key in memo:
        return cast("dict[str, BodyRef]", memo[key])
    found: dict[str, BodyRef] = {}
    for body_id in ids:
        ref = next(filter(None, (body_ref(source, body_id) for source in (plan, *others))), None)
        if ref is not None:
            found[body_id] = ref
    if key is not None:
        memo[key] = found
    return found


def answer_line(plan: Plan, decision: Decision, lang: str = "da") -> str:
    """The whole answer as one line in the language: who decides and who is told; that the plan
    does not list the case; which fact it depends on; or that the text fits several case types."""
    if decision.candidates:
        return text(lang, "ambiguous" if len(decision.candidates) > 1 else "ambiguous.one")
    if not decision.covered:
        said = text(lang, "uncovered", plan=plan.id)
        return f"{said} {outcome_sentence(plan, decision, lang)}" if decision.decides else said
    if decision.depends_on:
        facts = f" {text(lang, 'and')} ".join(plan.facts[name].label for name in decision.depends_on)
        return text(lang, "answer.depends", facts=facts)
    return outcome_sentence(plan, decision, lang)


def labelled(plan: Plan, decision: Decision, lang: str, others: Sequence[Plan] = ()) -> Decision:
    """The decision with its one-line answer and the names of the bodies it names."""
    return copied_with(
        decision,
        {"answer": answer_line(plan, decision, lang), "bodies": labels(plan, named_bodies(decision), others)},
    )
