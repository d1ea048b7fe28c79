"""Find the case type a user means (an id, a title or bullet, a KLE code, ranked words), or say none fits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

from ..bands import matches
from ..model import Body, CaseType, Plan
from ..numbers import TextQuantity, quantities
from .danish import fold, normalise, split_compound, stem, tokens
from .index import COMPOUND_PART, MAX_PHRASE, Index, _content, index_of

# The resolver reads at most this much of a text: a case title or a question is far shorter, and
# the work grows with the text (a 10.000-character paste must not cost the service seconds).
MAX_TEXT = 300
ANSWER_SCORE = 62.0  # the best case type is taken when it scores this ...
CLEAR_LEAD = 8.0  # ... and leads the next by this much
CANDIDATE_SCORE = 50.0  # below this a case type is not offered at all
# A word the plan never uses weighs this share of the rarest word's weight: enough that "ansættelse
# af en pædagog" is not read as a director's appointment, little enough that a case system's extra
# words ("projekt X", "høringssvar") do not drown the words that name the case type.
UNKNOWN = 0.6
SYNONYM = 0.9  # a word found through the thesaurus counts a little less than itself
TYPO = 0.8  # and a word found by correcting a typo less again
HEAD_PART = 0.7  # a word found as the last part of an unknown compound ("kontor|chefstilling")
MODIFIER_PART = 0.5  # ... or as its first part ("ligestillings|rapport")
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
_KLE_IN_TEXT = r"(?<![\d.])(\d{2}\.\d{2}(?:\.\d{2})?(?:-[A-Z]\d{2})?)"


class Match(NamedTuple):
    case: CaseType
    score: float
    words: tuple[str, ...] = ()  # the words of the text it matched, as typed


class Resolution(NamedTuple):
    # A named tuple, not a dataclass: one is made on every decide, and a frozen dataclass's
    # __init__ costs a microsecond.
    case: CaseType | None
    candidates: tuple[Match, ...] = ()
    how: str = ""
    detail: str = ""  # the KLE code, former id or matched words behind `how`
    quantities: tuple[TextQuantity, ...] = ()
    truncated: bool = False


class _Slot(NamedTuple):
    typed: tuple[str, ...]
    alternatives: tuple[tuple[tuple[str, ...], float], ...]  # (stems, quality)


def resolve_case(
    plan: Plan, query: str, facts: Mapping[str, float] | None = None, elsewhere: bool = True
) -> Resolution:
    """The case type meant by query; candidates when several fit about equally well.

    `facts` (already parsed) choose between sibling case types that differ only by thresholds.
    With `elsewhere`, a text this plan does not clearly name is tried on the other plans of the
    municipality: one that names it clearly there is "not in this plan" (how="elsewhere").
    """
    exact = plan.case_types.get(query.strip())
    if exact is not None:
        return Resolution(exact, (), "id")  # positional: keywords cost a third of a µs here
    text = query[:MAX_TEXT]
    truncated = len(query) > MAX_TEXT
    wanted = normalise(text)
    if not wanted:
        return Resolution(None, how="empty")
    index = index_of(plan)
    hits = index.exact.get(wanted)
    if hits and len(hits) == 1:
        # A title or bullet typed as the plan writes it: its numbers are the plan's thresholds
        # ("over 2 mio. kr."), not facts of the case.
        case_id, how = hits[0]
        case = plan.case_types[case_id]
        siblings = _siblings(plan, index, case, Match(case, 100.0, (text.strip(),)), facts)
        if siblings is not None:
            return siblings._replace(truncated=truncated)
        return Resolution(case, (), how, query.strip() if how == "former" else "", (), truncated)
    found = quantities(text)
    known = dict(facts or {})
    for name, value in text_facts(plan, None, found).items():
        known.setdefault(name, value)
    text = _without_quantities(index, plan, text, found)
    if hits:
        ranked = [Match(plan.case_types[case_id], 100.0) for case_id, _ in hits]
    else:
        kle = _kle_in(plan, text)
        if kle is not None:
            return kle._replace(quantities=tuple(found), truncated=truncated)
        ranked = rank(plan, index, text)
    resolution = _confidence(plan, index, ranked, known)
    if resolution.case is None and elsewhere and _named_elsewhere(plan, query, known):
        resolution = Resolution(None, how="elsewhere")
    return resolution._replace(quantities=tuple(found), truncated=truncated)


def _named_elsewhere(plan: Plan, query: str, facts: Mapping[str, float]) -> bool:
    """Another plan of the municipality names the case clearly, with a case type this plan does
    not list (one a draft removes): better said than asking back with this plan's look-alikes."""
    from .registry import companions  # here: only an unclear text needs the other plans

    for other in companions(plan):
        found = resolve_case(other, query, facts, elsewhere=False)
        if found.case is not None and found.case.id not in plan.case_types:
            return True
    return False


def _confidence(plan: Plan, index: Index, ranked: list[Match], facts: Mapping[str, float]) -> Resolution:
    """Answer when one case type clearly leads; ask back when several are close; else none."""
    if not ranked or ranked[0].score < CANDIDATE_SCORE:
        return Resolution(None, ranked[:1], how="none")
    top = ranked[0]
    siblings = _siblings(plan, index, top.case, top, facts)
    if siblings is not None:
        return siblings
    close = [m for m in ranked if m.score >= max(top.score - CLEAR_LEAD, CANDIDATE_SCORE)][:8]
    if len(close) == 1:
        if top.score >= ANSWER_SCORE:
            return Resolution(top.case, (), "words", ", ".join(top.words))
        return Resolution(None, (top,), how="none")  # one weak candidate: never ask back with it
    chosen = _by_facts(close, facts)
    if chosen is not None:
        return Resolution(chosen.case, (), "facts", ", ".join(chosen.words))
    return Resolution(None, tuple(close), how="ambiguous")


def _by_facts(close: list[Match], facts: Mapping[str, float]) -> Match | None:
    """Among siblings (close candidates found by the same words as the best, such as
    "Anlægsregnskaber" and "Anlægsregnskaber over 50 mio."), the one whose threshold the facts meet."""
    if not facts:
        return None
    siblings = [m for m in close if set(m.words) == set(close[0].words)]
    fitting = [m for m in siblings if _threshold_met(m.case, facts)]
    return fitting[0] if len(fitting) == 1 else None


def _threshold_met(case: CaseType, facts: Mapping[str, float]) -> bool:
    return any(rule.when is not None and matches(rule.when, facts) is True for rule in case.rules)


def _siblings(
    plan: Plan, index: Index, case: CaseType, match: Match, facts: Mapping[str, float] | None
) -> Resolution | None:
    """A case type whose thresholds are siblings of their own ("Anlægsregnskaber" and
    "Anlægsregnskaber over 50 mio."): the facts choose the sibling whose threshold they meet; with
    no facts, the answer depends on them, and the siblings are offered with their thresholds."""
    others = [plan.case_types[other] for other in index.siblings.get(case.id, ())]
    if not others:
        return None
    if not facts:
        return Resolution(None, (match, *(Match(o, match.score, match.words) for o in others)), "ambiguous")
    fitting = [other for other in others if _threshold_met(other, facts)]
    if len(fitting) == 1:
        return Resolution(fitting[0], (), "facts", ", ".join(match.words))
    return None


def rank(plan: Plan, index: Index, text: str) -> list[Match]:
    """Case types scored 0-100 by how much of the text they explain (IDF- and field-weighted) and
    how much of their own name the text covers; best first, ties by title."""
    slots = _slots(index, text)
    if not slots:
        return []
    idf, unknown = index.idf, index.unknown_idf * UNKNOWN
    postings = index.postings
    weights = []
    query_keys: dict[str, float] = {}
    for position, slot in enumerate(slots):
        # A Danish (or English) title leads with what the case is ("Ansættelse af en pædagog"):
        # the words after the first qualify it, and count a little less.
        weights.append(
            max(_mean(idf.get(k, unknown) for k in stems) for stems, _ in slot.alternatives)
            * (1.0 - 0.08 * min(position, 5))
        )
        for stems, quality in slot.alternatives:
            for key in stems:
                query_keys[key] = max(query_keys.get(key, 0.0), quality)
    total = sum(weights)
    # A stem found in most case types cannot say which is meant: it only adds to the score of
    # case types that rarer stems found. Without this a plan of 10.000 look-alike titles scores
    # every case type for every query (140 ms a query; with it, well under one).
    common = max(50, len(plan.case_types) // 20)
    explained: dict[str, float] = {}
    typed: dict[str, list[str]] = {}
    for slot, weight in zip(slots, weights):
        best: dict[str, float] = {}
        for stems, quality in slot.alternatives:
            norm = sum(idf.get(k, unknown) for k in stems)
            part: dict[str, float] = {}
            for key in stems:
                docs = postings.get(key, {})
                if len(docs) <= common:
                    for case_id, posting in docs.items():
                        part[case_id] = part.get(case_id, 0.0) + idf[key] * posting[0]
            for case_id, value in part.items():
                best[case_id] = max(best.get(case_id, 0.0), quality * value / norm)
        for case_id, value in best.items():
            explained[case_id] = explained.get(case_id, 0.0) + weight * value
            typed.setdefault(case_id, []).extend(slot.typed)
    ranked = []
    for case_id, value in explained.items():
        named = max((_covered(index, name, query_keys) for name in index.names[case_id]), default=0.0)
        score = 100 * (0.5 * value / total + 0.5 * named)
        ranked.append(Match(plan.case_types[case_id], round(score, 1), tuple(dict.fromkeys(typed[case_id]))))
    ranked.sort(key=lambda m: (-m.score, m.case.title))
    return ranked


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def _covered(index: Index, name: tuple[str, ...], query_keys: Mapping[str, float]) -> float:
    """How much of a name (its stems, IDF-weighted) the text's stems cover, 0-1."""
    idf, unknown = index.idf, index.unknown_idf
    got = total = 0.0
    for key in name:
        weight = idf.get(key, unknown)
        total += weight
        quality = query_keys.get(key)
        if quality is None and key in index.parts:  # a compound named by its parts
            parts = [query_keys.get(part, 0.0) for part in index.parts[key]]
            quality = COMPOUND_PART * sum(parts) / len(parts)
        got += weight * (quality or 0.0)
    return got / total if total else 0.0


def _slots(index: Index, text: str) -> list[_Slot]:
    """The text's content words as slots, each with the stems it may stand for: itself, its
    synonyms (phrases first), its compound parts, or the plan word it is a typo of."""
    pairs = [(shown, w) for shown, w in tokens(text) if _content(w) and w not in index.ignore]
    pairs = [(shown, w, key) for shown, w in pairs if (key := stem(w)) not in index.body_words]
    shown = [pair[0] for pair in pairs]
    typed = [pair[1] for pair in pairs]
    keys = [pair[2] for pair in pairs]
    slots: list[_Slot] = []
    position = 0
    while position < len(typed):
        for length in range(min(MAX_PHRASE, len(typed) - position), 0, -1):
            phrase = tuple(keys[position : position + length])
            alternatives = index.synonyms.get(phrase)
            if alternatives:
                slots.append(
                    _Slot(
                        tuple(shown[position : position + length]),
                        tuple((a, 1.0 if a == phrase else SYNONYM) for a in alternatives),
                    )
                )
                position += length
                break
        else:
            word, key = typed[position], keys[position]
            slots.append(_Slot((shown[position],), _alternatives(index, word, key)))
            position += 1
    return slots


def _alternatives(index: Index, word: str, key: str) -> tuple[tuple[tuple[str, ...], float], ...]:
    if key in index.postings:
        return (((key,), 1.0),)
    parts = split_compound(word, index.known, heads=index.heads)
    if parts:
        return ((tuple(_posted(index, stem(part)) for part in parts), SYNONYM),)
    # The stemmer may cut a misspelt ending differently ("revisionsberetnig" -> "revisionsberetn"),
    # so the word as typed is compared too.
    fixed = _typo(index, key) or _typo(index, word)
    if fixed:
        return (((fixed,), TYPO),)
    return _part_known(index, word) or (((key,), 1.0),)


def _posted(index: Index, key: str) -> str:
    """A stem the plan uses: itself, or a one-word synonym that a case type uses ("rapport" for
    the "redegørelse" of "ligestillingsrapport")."""
    if key in index.postings:
        return key
    return next(
        (
            alternative[0]
            for alternative in index.synonyms.get((key,), ())
            if len(alternative) == 1 and alternative[0] in index.postings
        ),
        key,
    )


def _part_known(index: Index, word: str) -> tuple[tuple[tuple[str, ...], float], ...]:
    """A compound of which only one end is a plan word: a Danish compound is named by its last
    part ("kontorchefstilling" is a chefstilling) and only qualified by its first
    ("ligestillingsrapport" is about ligestilling)."""
    found: list[tuple[tuple[str, ...], float]] = []
    for cut in range(3, len(word) - 4):
        tail = stem(word[cut:])
        if tail in index.whole:
            found.append(((tail,), HEAD_PART))
            break
    for cut in range(len(word) - 3, 3, -1):
        head = stem(word[:cut].rstrip("s") if cut < len(word) - 4 else word[:cut])
        if head in index.whole:
            found.append(((head,), MODIFIER_PART))
            break
    return tuple(found)


def _typo(index: Index, key: str) -> str | None:
    """The plan's stem this one is a typo of: one edit away (two for long words), same first letter.

    rapidfuzz compares against every stem of that letter in C (a Python loop cost 1-2 ms a word);
    answers are kept per index, bounded, since users type the same words again.
    """
    if len(key) < 4:
        return None
    memo = _typo_memo(index)
    if key in memo:
        return memo[key]
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    limit = 1 if len(key) <= 6 else 2
    found = process.extractOne(
        key, _by_initial(index).get(key[0], ()), scorer=Levenshtein.distance, score_cutoff=limit
    )
    if len(memo) >= 4096:
        memo.clear()
    memo[key] = found[0] if found else None
    return memo[key]


def _typo_memo(index: Index) -> dict[str, str | None]:
    memo = getattr(index, "_typos", None)
    if memo is None:
        memo = index._typos = {}  # type: ignore[attr-defined]
    return memo


def _by_initial(index: Index) -> dict[str, tuple[str, ...]]:
    table = getattr(index, "_initials", None)
    if table is None:
        grouped: dict[str, list[str]] = {}
        for key in index.vocabulary:
            grouped.setdefault(key[0], []).append(key)
        table = {initial: tuple(keys) for initial, keys in grouped.items()}
        index._initials = table  # type: ignore[attr-defined]
    return table


def text_facts(
    plan: Plan, case: CaseType | None, found: tuple[TextQuantity, ...] | list[TextQuantity]
) -> dict[str, float]:
    """The facts a text states ("75 mio. kr.", "8 medarbejdere", "løntrin 54"): each number whose
    unit word names a fact's unit (or a synonym of it), given to the fact the case type uses."""
    if not found:
        return {}
    index = index_of(plan)
    used = set().union(*(_facts_of(rule.when) for rule in case.rules)) if case else set()
    values: dict[str, float] = {}
    for quantity in found:
        units = {key for word in quantity.units for key in _unit_keys(index, word)}
        fitting = [fact for fact in plan.facts.values() if fact.unit and _unit_keys(index, fact.unit) & units]
        if not fitting:
            continue
        fact = next((f for f in fitting if f.id in used), fitting[0])
        values.setdefault(fact.id, quantity.value)
    return values


def _without_quantities(index: Index, plan: Plan, text: str, found: list[TextQuantity]) -> str:
    """The text less the quantities read as facts ("75 mio. kr.", "løntrin 54"): their words say
    how much, not which case type."""
    units = {key for fact in plan.facts.values() if fact.unit for key in _unit_keys(index, fact.unit)}
    for quantity in reversed(found):
        if not any(_unit_keys(index, word) & units for word in quantity.units):
            continue
        start, end = quantity.rest
        text = text[:start] + " " + text[end:]
        if quantity.before and _unit_keys(index, quantity.units[-1]) & units:
            start, end = quantity.before
            text = text[:start] + " " + text[end:]
    return text


def _facts_of(condition) -> set[str]:
    from ..bands import facts_in

    return set(facts_in(condition))


def _unit_keys(index: Index, word: str) -> set[str]:
    key = stem(fold(word).rstrip("."))
    return {key, *index.same_word.get(key, ())}


def _kle_in(plan: Plan, text: str) -> Resolution | None:
    """A KLE number written in the text, when the plan gives case types KLE patterns."""
    if not index_of(plan).kle:
        return None
    for code in re.findall(_KLE_IN_TEXT, text):
        found = resolve_kle(plan, code)
        if found.case is not None:
            return found._replace(detail=code)
    return None


def suggest_department(plan: Plan, query: str) -> tuple[Body, str] | None:
    """The department whose styrelsesvedtægt area best fits the query, with that area."""
    areas = [(body, area) for body in plan.bodies.values() if not body.relative for area in body.areas]
    if not areas:
        return None
    wanted = normalise(query[:MAX_TEXT])
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
            best = max(best, _fuzz().ratio(word, other))
    return best


@cache
def _fuzz():
    # A cached import: an import statement in _area_score costs a microsecond on each call.
    from rapidfuzz import fuzz

    return fuzz


def search_cases(plan: Plan, search: str) -> list[CaseType]:
    """Case types whose names or text fit the search words, best first."""
    text = search[:MAX_TEXT]
    index = index_of(plan)
    hits = index.exact.get(normalise(text), ())
    ranked = [plan.case_types[case_id] for case_id, _ in hits]
    ranked += [m.case for m in rank(plan, index, text) if m.score >= CANDIDATE_SCORE and m.case not in ranked]
    return ranked


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
        if wanted[: len(literal)] != literal or len(wanted) <= len(literal):
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
        return Resolution(best[0][0], how="kle", detail=code)
    return Resolution(None, candidates=tuple(Match(case, 100.0) for case, _ in best), how="ambiguous")
