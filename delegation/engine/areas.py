"""A suggestion, never an answer: the department whose styrelsesvedtægt area a case text fits."""

from __future__ import annotations

from ..model import Body, Plan
from .danish import normalise
from .distance import ratio
from .resolve import MAX_TEXT

AREA_SCORE = 70.0

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
    """The department whose styrelsesvedtægt area best fits the query, with that area."""
    areas = [(body, area) for body in plan.bodies.values() if not body.relative for area in body.areas]
    if not areas:
        return None
    wanted = normalise(query[:MAX_TEXT])
    scores = [_area_score(wanted, normalise(area)) for _, area in areas]
    # A case system's title often leads with the department's short name ("ABC 2025-0121 Lukning
    # af dagtilbud"): that names the department better than any area's words.
    named = {body.id for body, _ in areas if body.short and _names(query[:MAX_TEXT], body.short)}
    if len(named) == 1:
        own = [index for index, (body, _) in enumerate(areas) if body.id in named]
        return areas[max(own, key=lambda index: scores[index])]
    best = max(range(len(areas)), key=lambda index: scores[index])
    return areas[best] if scores[best] >= AREA_SCORE else None


def _names(text: str, short: str) -> bool:
    """Whether the text holds the short name as a word of its own, as written ("ABC", not "abc")."""
    at = text.find(short)
    while at >= 0:
        end = at + len(short)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(short, end)
    return False


def _area_score(query: str, area: str) -> float:
    """Word-level match that understands Danish compounds: "affaldsordning" fits "Affald og varme"."""
    best = 0.0
    for word in (w for w in query.split() if len(w) >= 4 and w not in _AREA_FILLER):
        for other in (w for w in area.split() if len(w) >= 4 and w not in _AREA_FILLER):
            if word.startswith(other) or other.startswith(word):
                return 100.0
            best = max(best, ratio(word, other))
    return best
