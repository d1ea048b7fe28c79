"""A case the plan does not list: said first, the department's area offered as a suggestion only."""

from __future__ import annotations

from collections.abc import Mapping

from ..hints import TYPE_CHECKING
from ..i18n import text
from ..model import Basis, Plan
from .areas import suggest_department
from .decision import Decision, KnownIn
from .evaluate import decide_resolved
from .resolve import Resolution, content_words, names_what_it_lacks, resolve_case
from .templates import case_ref
from .wording import body_label, labelled

if TYPE_CHECKING:
    from .evaluate import DecisionBase


def uncovered(
    plan: Plan,
    query: str,
    resolution: Resolution,
    base: DecisionBase,
    values: Mapping[str, float],
    department: str | None,
    lang: str,
) -> Decision:
    """No case type of the plan fits: say so first; the default competence applies only to a
    department the caller names; the area that fits is a suggestion, never the answer."""
    explanation = [text(lang, "uncovered", plan=plan.id)]
    known = _known_elsewhere(plan, query, values, department, lang)
    if known:
        explanation.append(
            text(
                lang,
                "uncovered.known",
                places="; ".join(
                    f"{text(lang, 'plan')} {k.plan}: {_known_answer(plan, k, lang)}" for k in known
                ),
            )
        )
    elif resolution.candidates:
        nearest = resolution.candidates[0]
        explanation.append(
            text(lang, "uncovered.nearest", title=nearest.case.title, words=", ".join(nearest.words))
        )
    suggested = None
    if department:
        explanation.append(text(lang, "uncovered.department", body=body_label(plan, department)))
    else:
        suggestion = suggest_department(plan, query)
        if suggestion:
            suggested = suggestion[0].id
            explanation.append(
                text(lang, "uncovered.suggested", body=body_label(plan, suggested), area=suggestion[1])
            )
        else:
            explanation.append(text(lang, "uncovered.unknown"))
    if plan.preamble.default:
        explanation.append(text(lang, "default", text=plan.preamble.default))
    explanation.extend(text(lang, "caveat", text=caveat) for caveat in plan.preamble.caveats)
    decision = Decision(
        **base,
        covered=False,
        decides=department,
        basis=Basis.default if department else None,
        suggested_department=suggested,
        known_in=known,
        explanation=tuple(explanation),
    )
    if not known:
        return labelled(plan, decision, lang)
    from .registry import companions  # the bodies another plan's answer names are named from it

    return labelled(plan, decision, lang, companions(plan))


def _known_answer(plan: Plan, known: KnownIn, lang: str) -> str:
    """How another plan answers, short: "Magistraten beslutter", with the plan's condition if any."""
    if not known.decides:
        return text(lang, "known.depends")
    body = body_label(plan, known.decides)
    if known.decides_if:
        return text(lang, "decides.when", body=body, condition=known.decides_if)
    return text(lang, "decides", body=body).rstrip(".")


def _known_elsewhere(
    plan: Plan, query: str, values: Mapping[str, float], department: str | None, lang: str
) -> tuple[KnownIn, ...]:
    """The other plans of the municipality that list the case type (e.g. one this draft removes).

    A plan is asked only when the text holds a word of a case type it lists and this one does not:
    asking each for a text of 44 made-up words took two thirds of the 11 ms of its answer.
    """
    from .registry import companions  # here: only a case the plan does not list needs them

    found = []
    content = content_words(query)
    for other in companions(plan):
        if not names_what_it_lacks(plan, other, content):
            continue
        resolution = resolve_case(other, query, values, elsewhere=False)
        if resolution.case is None or resolution.case.id in plan.case_types:
            continue
        decision = decide_resolved(other, query, resolution, dict(values), department, lang)
        found.append(
            KnownIn(
                plan=other.id,
                case_type=case_ref(other, resolution.case),
                decides=decision.decides,
                decides_if=decision.decides_if,
                basis=decision.basis,
                depends_on=decision.depends_on,
            )
        )
    return tuple(found)
