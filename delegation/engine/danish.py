"""Danish words as the resolver compares them: case-folded, æ/ø/å spelled out, Snowball-stemmed."""

from __future__ import annotations

import re
from functools import lru_cache

from ..hints import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Protocol

    class _Stemmer(Protocol):
        def stemWord(self, word: str) -> str: ...


_FOLD = (
    ("æ", "ae"),
    ("ø", "oe"),
    ("å", "aa"),
    ("é", "e"),
    ("ü", "u"),
    ("ö", "oe"),
    ("ä", "ae"),
    ("–", "-"),
    ("—", "-"),
)
# A word: letters and digits (a hyphen joins "KB-bevilling" into one word, as the plans write it).
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def fold(text: str) -> str:
    """Lower-case with the Danish letters spelled out, so "aarsregnskab" finds "årsregnskab"."""
    # A chain of str.replace, not str.translate: a translate table of non-ASCII letters costs
    # 3 µs a call, a fifth of building a plan's index.
    text = text.casefold()
    if not text.isascii():
        for letter, spelled in _FOLD:
            text = text.replace(letter, spelled)
    return text


def normalise(text: str) -> str:
    """Folded words joined by single spaces, punctuation dropped: the form exact matches compare."""
    return " ".join(word.replace("-", " ") for word in _WORD.findall(fold(text)))


def tokens(text: str) -> list[tuple[str, str]]:
    """(word as typed, lower-cased; folded word) pairs of the words a negation does not deny, for
    showing a user which of their words matched ("lån", not "laan")."""
    return [(word, fold(word)) for word in affirmed(lowered_words(text))]


def lowered_words(text: str) -> list[str]:
    """The words of a text as typed, lower-cased (not folded): the first half of `tokens`."""
    return _WORD.findall(text.casefold().replace("–", "-").replace("—", "-"))


# Words that deny the word after them ("der ikke er byrådsmedlemmer", "uden løn", "not a chef post"),
# and the words that may stand between a negation and what it denies.
NEGATIONS = frozenset({"ikke", "ej", "uden", "not", "without", "hverken", "neither"})
# After "hverken" ("neither"), its "eller" ("nor", "or") denies the word after it too: "hverken på
# åremål eller på kontrakt" is neither.
_NOR = {"hverken": "eller", "neither": "nor"}
_BETWEEN = frozenset(
    "en et den det de er var være nogen noget længere ny nye nyt på som".split()
    + "a an the any is are be new".split()
)


# Verbs by which a text's first words say who asks ("Direktøren for Sundhed og Omsorg søger
# tillægsbevilling", "Forvaltningschefen i MTM indstiller anlægsbevilling", "The director requests
# ..."): those words name the sender, not the matter (engine/rank.py weighs them less). Folded.
ASKING = frozenset(
    {"soeger", "ansoeger", "indstiller", "anmoder", "foreslaar", "oensker", "beder"}
    | {"requests", "proposes", "asks", "applies", "seeks", "recommends"}
)


def affirmed(lowered: list[str]) -> list[str]:
    """The words less the negations and each word one denies: the first after "ikke", "uden",
    "not" ... past articles and "er". A denied word is no evidence of a case type: "Mødediæter til medlemmer af
    Handicaprådet, der ikke er byrådsmedlemmer" is no council member's remuneration, and "kræver
    ikke byrådsbehandling" no case the council must treat."""
    if NEGATIONS.isdisjoint(lowered):
        return lowered
    return [word for word, denied in _denials(lowered) if not denied]


def _denials(lowered: list[str]) -> Iterator[tuple[str, bool]]:
    """Each word but the negations, and whether one denies it: the first after "ikke", "uden",
    "not" ... past articles, "er" and the prepositions of _BETWEEN; after "hverken", also the
    first after its "eller"."""
    denying, nor = False, ""
    for word in lowered:
        if word in NEGATIONS or word == nor:  # itself no evidence either ("not" is no word of a plan)
            denying, nor = True, _NOR.get(word, "")
            continue
        if denying and word in _BETWEEN:
            continue
        yield word, denying
        denying = False


def denied(lowered: list[str]) -> list[str]:
    """The words `affirmed` leaves out as denied ("uenighed" of "hvor der ikke er uenighed")."""
    if NEGATIONS.isdisjoint(lowered):
        return []
    return [word for word, denied in _denials(lowered) if denied]


def words(text: str) -> list[str]:
    """The folded words of a text, hyphenated compounds kept whole ("kb-bevillinger")."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer() -> _Stemmer:
    # PyStemmer (the Snowball project's C stemmers): 1.5 ms to import, under a microsecond a word.
    import Stemmer

    return cast("_Stemmer", Stemmer.Stemmer("danish"))


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball Danish stem of a folded word ("oprettelse", "opretter" -> "opret").

    Stemmed after folding, on both sides of every comparison, so a user without æ/ø/å meets the
    same stems as the plan's text. Bounded: the words users type are not.
    """
    if "-" in word:
        return "-".join(stem(part) for part in word.split("-"))
    if len(word) <= 3:
        return word
    once = _stemmer().stemWord(word)
    # Snowball's Danish stemmer undoubles a consonant after it cuts an ending, and a stem it leaves
    # ending in "et" it would cut again: "budgettet" -> "budget", but "budget" -> "budg" ("takster i
    # budgettet" missed "Budget, herunder takster"). That "et" alone is cut a second time; stemming
    # every word twice cut too much ("interesse" and "interne" both became "int"), and so would an
    # "et" after a vowel, which is a folded letter's ("ansaet" of "ansættelse").
    if (
        once.endswith("et")
        and len(once) > 5
        and once[-3] not in _VOWELS
        and _stemmer().stemWord(once) == once[:-2]
    ):
        return once[:-2]
    return once


def split_compound(
    word: str, known: frozenset[str] | set[str], depth: int = 2, heads: frozenset[str] | None = None
) -> tuple[str, ...] | None:
    """A compound cut into known words ("budgetoverskridelse" -> budget, overskridelse), or None.

    Danish joins compounds with a linking "s" or "e" ("anlæg-s-regnskab"); every part must be a
    word (or stem) of the plan's own vocabulary of at least three letters. The longest first part
    wins, so the fewest parts are used.
    """
    if "-" in word:
        parts = tuple(word.split("-"))
        return parts if all(part in known or stem(part) in known for part in parts) else None
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        if head not in known:
            continue
        for rest in (tail, tail[1:]) if tail[0] in "se" and len(tail) > 3 else (tail,):
            if (rest in known or stem(rest) in known) and (heads is None or stem(rest) in heads):
                return head, rest
            if depth > 1:
                more = split_compound(rest, known, depth - 1, heads)
                if more:
                    return (head, *more)
    return None


@lru_cache(maxsize=1)
def _including() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # compiled when an index is built, not on every command's path
    return re.compile(r",?\s+herunder\s+(.+)$", re.IGNORECASE), re.compile(r",|\s+og\s+|\s+samt\s+")


def included(title: str) -> list[str]:
    """The matters a title names after "herunder", each with what it is part of ("Byrådets
    interne forhold, herunder vederlagsfastsættelse, inhabilitet og orlov": "Byrådets interne
    forhold vederlagsfastsættelse", ... "Byrådets interne forhold orlov"): each names the case type
    as well as its whole title does. Never alone: "orlov til en medarbejder" is no council matter."""
    including, listing = _including()
    found = including.search(title)
    if not found:
        return []
    head = title[: found.start()]
    return [f"{head} {item.strip()}" for item in listing.split(found.group(1)) if item.strip()]
