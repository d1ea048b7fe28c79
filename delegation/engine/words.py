"""A text's words as the ranking reads them: two that make one of the plan's words joined into
it, and the words of who asks told from those of what is asked."""

from __future__ import annotations

from .danish import ASKING, stem
from .index import Index

MAX_ASKER = 5  # who asks is within a text's first content words: a title and its department


def read(index: Index, words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The (shown, folded, stem) content words that may say which case type is meant: `joined`,
    less those the thesaurus ignores and the bodies' names."""
    return [
        word
        for word in joined(index, words)
        if word[1] not in index.ignore and word[2] not in index.body_words
    ]


def asking(typed: list[str]) -> int:
    """The place of the verb by which the text's first words ask for the case ("Direktøren for
    MSO søger tillægsbevilling"), -1 when none does: the verb must have words before and after it."""
    for position, word in enumerate(typed[1 : MAX_ASKER + 1], start=1):
        if word in ASKING:
            return position if position < len(typed) - 1 else -1
    return -1


# The words between the two halves of "B of A" ("forhøjelse af taksten": a takstforhøjelse).
_OF = frozenset({"af", "of"})


def joined(index: Index, words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The (shown, folded, stem) words, two that are one of the plan's words (or the thesaurus's)
    as a compound joined into it, shown as written: written apart ("handicap politik", "tillægs
    bevilling", "kommune plan": a common slip in Danish), or as "B af A" ("forhøjelse af
    taksten"). Before the thesaurus's ignored words are dropped: "kommune" is one of them."""
    result: list[tuple[str, str, str]] = []
    position = 0
    while position < len(words):
        first = words[position][1]
        taken, compound = 1, None
        if position + 1 < len(words):
            taken, compound = 2, _compound(index, first, words[position + 1][1])
        if compound is None and position + 2 < len(words) and words[position + 1][1] in _OF:
            head = words[position + 2][2]
            taken, compound = 3, _compound(index, head, first) or _compound(index, head + "s", first)
        if compound is None:
            result.append(words[position])
            position += 1
        else:
            shown = " ".join(word[0] for word in words[position : position + taken])
            result.append((shown, *compound))
            position += taken
    return result


def _compound(index: Index, first: str, second: str) -> tuple[str, str] | None:
    """(the word, its stem) of `first` + `second` when it is one of the plan's or the
    thesaurus's, and longer than either: "der er" is no "derer", whose stem is "der"."""
    word = first + second
    key = stem(word)
    if len(key) <= max(len(first), len(second)) or "-" in word:
        return None
    return (word, key) if key in index.postings or (key,) in index.synonyms else None
