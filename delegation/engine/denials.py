"""Case types a text says it is not ("ikke en chefstilling"), taken out of its ranking."""

from __future__ import annotations

from .danish import NEGATIONS, affirmed, denied, fold, lowered_words, stem
from .index import Index, worked_out
from .rank import Match


def without_denied(index: Index, text: str, ranked: list[Match]) -> list[Match]:
    """The ranking less the case types whose name holds a word the text denies: "tilskud fra
    IT-puljen, hvor der ikke er uenighed i direktørgruppen" was answered as the plan's "... ved
    uenighed i direktørgruppen" (audit, 2026-11-28), the one case the text says it is not."""
    lowered = text.lower()  # most texts deny nothing: looked for first (a scan of the words: 8 µs)
    if not any(word in lowered for word in NEGATIONS):
        return ranked
    said = denied(lowered_words(text))
    if not said:
        return ranked
    # A word the text also says, itself or through the thesaurus, is not denied ("ikke ansættelse,
    # appointment of a head of department").
    affirmed_keys = set()
    for word in affirmed(lowered_words(text)):
        key = stem(fold(word))
        affirmed_keys.add(key)
        affirmed_keys.update(k for stems in index.synonyms.get((key,), ()) for k in stems)
    named = worked_out(index, "_named_by", _named_by)
    excluded = {
        case_id
        for word in said
        if (key := stem(fold(word))) not in affirmed_keys
        for case_id in named.get(key, ())
    }
    if not excluded or not any(match.case.id in excluded for match in ranked):
        return ranked
    # A case type found by the same words as one the text denies is what the denial tells apart
    # ("Åremålsansættelse af en programleder (ikke en chefstilling)": the other fixed-term posts,
    # which scored under the chef posts only by their longer name): it takes the denied one's score.
    lead: dict[frozenset[str], float] = {}
    for match in ranked:
        if match.case.id in excluded:
            lead.setdefault(frozenset(match.words), match.score)
    kept = [match for match in ranked if match.case.id not in excluded]
    kept = [m._replace(score=max(m.score, lead.get(frozenset(m.words), 0.0))) for m in kept]
    return sorted(kept, key=lambda match: -match.score)


def _named_by(index: Index) -> dict[str, frozenset[str]]:
    """Stem -> the case types whose title or alias holds it."""
    found: dict[str, set[str]] = {}
    for case_id, names in index.names.items():
        for name in names:
            for key in name:
                found.setdefault(key, set()).add(case_id)
    return {key: frozenset(ids) for key, ids in found.items()}
