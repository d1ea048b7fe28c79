"""A suggestion, never an answer: the department whose styrelsesvedtægt area a case text fits."""

from __future__ import annotations

import math

from ..model import Body, Plan
from .danish import normalise, stem
from .distance import ratio
from .resolve import MAX_TEXT

# Filler words of the area lists that say nothing about which department a case belongs to.
_AREA_FILLER = {
    "herunder",
    "samt",
    "over",
    "eller",
    "efter",
    "kommunens",
    "mellem",
    "under",
    "andre",
    "personer",
    "borgere",
    "opgaver",
}


def suggest_department(plan: Plan, query: str) -> tuple[Body, str] | None:
    """The department whose styrelsesvedtægt area best fits the query, with that area; None when
    no area fits, or two departments fit as well.

    Each word of the text counts by the department's area word it fits best (itself, an inflection,
    or a part of a compound: "affaldsordning" holds "affald"), weighed by how few areas use that:
    "Ny driftsaftale med Aarhus Symfoniorkester" holds MKB's "Symfoniorkester" (one area) and MSB's
    "drift" (two).
    Before, the first area holding any word of the text won, and 27 of 59 of the audits' suggestions
    named a department the case does not belong to.
    """
    wanted = [
        (w, stem(w)) for w in normalise(query[:MAX_TEXT]).split() if len(w) >= 4 and w not in _AREA_FILLER
    ][:MAX_AREA_WORDS]
    # A department fits by each word of the text, by the best of its areas' words for it (one
    # word of the text ending three area compounds, "forvaltning", counts once); the area that
    # fits best is the one shown.
    fits: dict[str, list[float]] = {}
    shown: dict[str, tuple[float, Body, str]] = {}
    for body, area, words in _areas(plan):
        own = fits.setdefault(body.id, [0.0] * len(wanted))
        best = [max((weight * _fit(word, other) for other, weight in words), default=0.0) for word in wanted]
        for at, fit in enumerate(best):
            own[at] = max(own[at], fit)
        total = sum(best)
        if body.id not in shown or total > shown[body.id][0]:
            shown[body.id] = (total, body, area)
    if not shown:
        return None
    # A case system's title often leads with the department's short name ("ABC 2025-0121 Lukning
    # af dagtilbud"): that names the department better than any area's words.
    named = [found for found in shown.values() if _named(query[:MAX_TEXT], found[1])]
    if len(named) == 1:
        return named[0][1], named[0][2]
    ranked = sorted(((sum(own), department) for department, own in fits.items()), reverse=True)
    first, department = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if first < AREA_FIT or first - second < AREA_LEAD:
        return None
    return shown[department][1], shown[department][2]


MAX_AREA_WORDS = 12  # a text's first words that are compared with the areas' (a subject line has fewer)
AREA_FIT = 0.6  # a word of the text in an area's words, one that few areas use (one area's: 1)
AREA_LEAD = 0.15  # ... and fitting clearly better than any other department's


def _areas(plan: Plan) -> list[tuple[Body, str, tuple[tuple[tuple[str, str], float], ...]]]:
    """Each department's areas with their words, each weighted by how few areas use it (made once
    per plan)."""
    made = plan.memo.get("areas")
    if made is None:
        areas = [(body, area) for body in plan.bodies.values() if not body.relative for area in body.areas]
        words = [
            tuple(
                dict.fromkeys(
                    (w, stem(w)) for w in normalise(area).split() if len(w) >= 4 and w not in _AREA_FILLER
                )
            )
            for _, area in areas
        ]
        rarest = math.log(1 + len(areas))  # a word of one area weighs 1, whatever the plan's size
        used: dict[tuple[str, str], int] = {}
        for found in words:
            for word in found:
                used[word] = used.get(word, 0) + 1
        made = plan.memo["areas"] = [
            (body, area, tuple((word, math.log(1 + len(areas) / used[word]) / rarest) for word in found))
            for (body, area), found in zip(areas, words)
        ]
    return made


def _named(text: str, body: Body) -> bool:
    """Whether the text names the department: its short name as written ("MTM"), or its name or
    an alias ("Teknik og Miljø")."""
    if body.short and _names(text, body.short):
        return True
    said = f" {normalise(text)} "
    return any(f" {normalise(name)} " in said for name in (body.name, *body.aliases))


def _names(text: str, short: str) -> bool:
    """Whether the text holds the short name as a word of its own, as written ("ABC", not "abc")."""
    at = text.find(short)
    while at >= 0:
        end = at + len(short)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(short, end)
    return False


def _fit(word: tuple[str, str], other: tuple[str, str]) -> float:
    """How well a word of the text fits a word of an area, each as (folded, stem): 1 for the word
    itself or an inflection, a compound of it ("idrætspolitik", "idræt") or the last part of the
    area's compound ("skole", "folkeskoler"); a half for its first part ("grund", "grundkøb"),
    which only qualifies the compound ("borger" is no "borgerservice"); a typo's share of likeness
    (the same first letter); else 0. Parts shorter than four letters are no parts ("syg" of "sygdom", "tid" of "fritid")."""
    (typed, key), (written, root) = word, other
    if key == root or (len(written) >= 4 and typed.startswith(written)):
        return 1.0
    if len(key) >= 4 and root.endswith(key):
        return 1.0
    if len(key) >= 5 and root.startswith(key):
        return 0.5
    # A typo keeps the first letter, and a likeness of 85 needs the shorter word at least 0.74 of
    # the longer: others are not compared (comparing each of a text's words with each area word
    # was most of a 44-word text's 50 ms).
    if typed[0] != written[0] or 100 * min(len(typed), len(written)) < 74 * max(len(typed), len(written)):
        return 0.0
    likeness = ratio(typed, written)
    return likeness / 100 if likeness >= 85 else 0.0
