"""Find the case type a user means: exact id, title or alias, then a fuzzy Danish match."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .model import Body, CaseType, Plan

RESOLVED_SCORE = 88.0    # a fuzzy match this good, clearly ahead of the next, is taken
CANDIDATE_SCORE = 62.0   # below this a case type is not offered as a candidate at all
RIVAL_SCORE = 75.0       # a runner-up this good makes the text ambiguous ...
CLEAR_LEAD = 15.0        # ... unless the best leads it by this much
AREA_SCORE = 70.0
# Filler words of the area lists that say nothing about which department a case belongs to.
_AREA_FILLER = {"herunder", "samt", "over", "eller", "efter", "kommunens", "mellem", "under",
                "andre", "personer", "borgere", "opgaver"}

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Lower-case, Danish letters folded (so "byraad" finds "byråd"), punctuation to spaces."""
    text = text.lower().translate(_FOLD)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


class Resolution(NamedTuple):
    # A named tuple, not a dataclass: one is made on every decide, and a frozen dataclass's
    # __init__ costs a microsecond.
    case: CaseType | None
    candidates: tuple[tuple[CaseType, float], ...] = ()
    how: str = ""


def _names(case: CaseType) -> list[str]:
    return [case.title, *case.aliases, case.id.replace("_", " ")]


def _lookup(plan: Plan) -> dict:
    """Normalised ids, titles and aliases of a plan, computed once per plan object."""
    memo = plan.memo
    if "lookup" not in memo:
        by_id = {normalise(case.id): case for case in plan.case_types.values()}
        by_name = {normalise(name): case for case in plan.case_types.values()
                   for name in (case.title, *case.aliases)}
        names = [(case, [normalise(name) for name in _names(case)]) for case in plan.case_types.values()]
        memo["lookup"] = {"id": by_id, "name": by_name, "names": names}
    return memo["lookup"]


def resolve_case(plan: Plan, query: str) -> Resolution:
    """The case type meant by query; candidates when several fit about equally well."""
    exact = plan.case_types.get(query.strip())
    if exact is not None:
        return Resolution(exact, (), "id")      # positional: keywords cost a third of a µs here
    wanted = normalise(query)
    if not wanted:
        return Resolution(None, how="empty")
    lookup = _lookup(plan)
    if wanted in lookup["id"]:
        return Resolution(lookup["id"][wanted], how="id")
    if wanted in lookup["name"]:
        return Resolution(lookup["name"][wanted], how="title")
    ranked = _ranked(plan, wanted)
    if not ranked:
        return Resolution(None, how="none")
    top_case, top_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top_score >= RESOLVED_SCORE and (runner_up < RIVAL_SCORE or top_score - runner_up >= CLEAR_LEAD):
        return Resolution(top_case, how="fuzzy")
    close = tuple(pair for pair in ranked if pair[1] >= top_score - 20)[:8]
    return Resolution(None, candidates=close, how="ambiguous")


# Danish function words: they say nothing about which case type is meant.
_FILLER = {"af", "og", "i", "til", "om", "for", "med", "fra", "paa", "en", "et", "den", "det", "de",
           "der", "som", "ved", "eller", "samt", "herunder", "ny", "nye", "nyt", "sag", "sager"}


def _ratio(left: str, right: str) -> float:
    """rapidfuzz's similarity, imported on first use: exact ids and titles never need it."""
    return _fuzz().ratio(left, right)


@cache
def _fuzz():
    # A cached import: an import statement in _ratio costs a microsecond on each of the
    # thousands of calls one fuzzy query makes.
    from rapidfuzz import fuzz
    return fuzz


def _word_score(word: str, other: str) -> float:
    if word == other:
        return 100.0
    if len(word) >= 4 and other.startswith(word):
        return 95.0          # a word typed short: "lokalplan" -> "lokalplaner"
    if len(word) >= 4 and word in other:
        return 90.0          # a Danish compound: "budget" in "aarsbudget"
    ratio = _ratio(word, other)
    return ratio if ratio >= 80 else 0.0   # a typo: "kommuneplam"


def _score(query: str, name: str) -> float:
    """How well the typed words are found in the name (compounds and typos allowed), 0-100."""
    words = [w for w in query.split() if w not in _FILLER] or query.split()
    others = name.split()
    coverage = sum(max((_word_score(w, o) for o in others), default=0.0) for w in words) / len(words)
    return max(coverage, _ratio(query, name))


def suggest_department(plan: Plan, query: str) -> tuple[Body, str] | None:
    """The department whose styrelsesvedtægt area best fits the query, with that area."""
    areas = [(body, area) for body in plan.bodies.values() if not body.relative
             for area in body.areas]
    if not areas:
        return None
    wanted = normalise(query)
    scores = [_area_score(wanted, normalise(area)) for _, area in areas]
    best = max(range(len(areas)), key=lambda index: scores[index])
    return areas[best] if scores[best] >= AREA_SCORE else None


def _area_score(query: str, area: str) -> float:
    """Word-level match that understands Danish compounds: "affaldsordning" fits "Affald og varme"."""
    best = 0.0
    for word in (w for w in query.split() if len(w) >= 4 and w not in _AREA_FILLER):
        for other in (w for w in area.split() if len(w) >= 4 and w not in _AREA_FILLER):
            if word.startswith(other) or other.startswith(word):
                return 100.0
            best = max(best, _ratio(word, other))
    return best


def search_cases(plan: Plan, search: str) -> list[CaseType]:
    """Case types whose title, alias or id fits the search text, best first."""
    return [case for case, _ in _ranked(plan, normalise(search))]


def _ranked(plan: Plan, wanted: str) -> list[tuple[CaseType, float]]:
    """The case types whose names fit the normalised words at least as a candidate, best first
    (ties by title); none for no words."""
    if not wanted:
        return []
    scored = [(case, max(_score(wanted, name) for name in names)) for case, names in _lookup(plan)["names"]]
    return sorted(((case, score) for case, score in scored if score >= CANDIDATE_SCORE),
                  key=lambda pair: (-pair[1], pair[0].title))


_KLE_QUERY = re.compile(r"^(?P<subject>\d{2}(?:\.\d{2}){0,2})(?:-(?P<facet>[A-Z]\d{2}))?$")


def kle_specificity(pattern: str, code: str) -> int | None:
    """How closely a case type's KLE pattern fits a code ("00.22.*" fits "00.22.05-G01"), or None.

    Patterns are SUBJECT[-FACET] where the subject's groups may end in "*"; a pattern without a
    facet fits any facet. More literal groups (and a facet) make a closer fit.
    """
    query = _KLE_QUERY.match(code.strip())
    if query is None:
        return None
    subject, _, facet = pattern.partition("-")
    wanted = query["subject"].split(".")
    groups = subject.split(".")
    literal = [group for group in groups if group != "*"]
    if groups[-1] == "*":
        if wanted[:len(literal)] != literal or len(wanted) <= len(literal):
            return None
    elif wanted != groups:
        return None
    if facet and facet != query["facet"]:
        return None
    return len(literal) * 2 + (1 if facet else 0)


def resolve_kle(plan: Plan, code: str) -> Resolution:
    """The case type whose KLE pattern fits the code most closely; candidates on a tie."""
    fits = []
    for case in plan.case_types.values():
        scores = [s for s in (kle_specificity(pattern, code) for pattern in case.kle) if s is not None]
        if scores:
            fits.append((case, max(scores)))
    if not fits:
        return Resolution(None, how="none")
    fits.sort(key=lambda pair: (-pair[1], pair[0].id))
    best = [pair for pair in fits if pair[1] == fits[0][1]]
    if len(best) == 1:
        return Resolution(best[0][0], how="kle")
    return Resolution(None, candidates=tuple((case, 100.0) for case, _ in best), how="ambiguous")
