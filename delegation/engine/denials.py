"""Case types a text says it is not ("ikke en chefstilling"), taken out of its ranking."""

from __future__ import annotations

from .danish import NEGATIONS, affirmed, denied, fold, lowered_words, stem
from .index import Index, worked_out
from .rank import Match


def without_denied(index: Index, text: str, ranked: list[Match], lead_to_answer: float) -> list[Match]:
    """The ranking less a case type whose name holds a word the text denies, where another was
    found by the same words: the denial tells the two apart ("Åremålsansættelse af en
    programleder (ikke en chefstilling)" is an øvrig åremålsansættelse, found by the same word as
    the chef posts, which scored above it only by their longer name; it takes their score).

    Only then: a denial is often about something else than the case ("Byrådet er ikke orienteret
    om rentehenstanden", "Årsregnskabet er endnu ikke godkendt", "køb (ikke salg) af fast
    ejendom"), and taking out every case type whose name held the word made 23 of 61 such texts
    "not in the plan" or another case (audit, 2026-11-28)."""
    lowered = text.lower()  # most texts deny nothing: looked for first (a scan of the words: 8 µs)
    if not any(word in lowered for word in NEGATIONS):
        return ranked
    lowered_text = lowered_words(text)
    said = denied(lowered_text)
    if not said:
        return ranked
    # A word the text also says, itself or through the thesaurus, is not denied ("ikke ansættelse,
    # appointment of a head of department").
    affirmed_keys = set()
    for word in affirmed(lowered_text):
        key = stem(fold(word))
        affirmed_keys.add(key)
        affirmed_keys.update(k for stems in index.synonyms.get((key,), ()) for k in stems)
    named = worked_out(index, "_named_by", _named_by)
    denying = {
        case_id
        for word in said
        if (key := stem(fold(word))) not in affirmed_keys
        for case_id in named.get(key, ())
    }
    # The other, found by the same words, close behind (within the lead that answers a text): the
    # two were the text's candidates (`lead_to_answer`: resolve.CLEAR_LEAD), and the denial chooses.
    close: dict[frozenset[str], float] = {}
    for match in ranked:
        if match.case.id not in denying:
            close.setdefault(frozenset(match.words), match.score)
    lead: dict[frozenset[str], float] = {}
    for match in ranked:
        words = frozenset(match.words)
        if match.case.id in denying and words in close and match.score - close[words] < lead_to_answer:
            lead.setdefault(words, match.score)
    if not lead:
        return ranked
    excluded = {m.case.id for m in ranked if m.case.id in denying and frozenset(m.words) in lead}
    rest = [m for m in ranked if m.case.id not in excluded]
    rest = [m._replace(score=max(m.score, lead.get(frozenset(m.words), 0.0))) for m in rest]
    return sorted(rest, key=lambda match: -match.score)


def _named_by(index: Index) -> dict[str, frozenset[str]]:
    """Stem -> the case types whose title or alias holds it."""
    found: dict[str, set[str]] = {}
    for case_id, names in index.names.items():
        for name in names:
            for key in name:
                found.setdefault(key, set()).add(case_id)
    return {key: frozenset(ids) for key, ids in found.items()}
