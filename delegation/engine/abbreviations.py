"""Words a case text cuts short ("udlic.", "anlægsbevill."), written out as the plan's word they begin."""

from __future__ import annotations

import re
from bisect import bisect_left

from .danish import fold, stem
from .index import Index, worked_out

# A word cut short is written with a full stop after it and the text goes on, in lower case or
# after a comma, as case systems and mails abbreviate ("vedr. anlægsbevill. cykelsti", "takstændr.
# svømmehaller", "Udlic. af parkdrift", "generationsskifteordn., indstilling"). A full stop at the
# end or before a capital ends a sentence ("Ny cykelsti i Aarhus." is no Aarhusmål); a word the
# plan or its thesaurus has is no abbreviation, nor a word that begins a compound of the plan's
# (_compound_start: "tillæg." of tillægsbevillinger), nor one of fewer letters than MIN_CUT ("ans."
# begins ansættelse, ansøgning and ansvar alike). Without the full stop a short word is a word of
# its own: "ny lokal byggesag" is no lokalplan.
_CUT = re.compile(r"(?<![\w.])([^\W\d_]+)\.(?=\s*[,;]|\s+[a-zæøåéü])")
# Its full stop and what follows, sought first: the whole pattern's lookbehind at every position
# cost 6-7 µs of a title's resolution, the full stop alone under 1.
_AFTER_CUT = re.compile(r"\.(?=\s*[,;]|\s+[a-zæøåéü])")
MIN_CUT = 5


def written_out(index: Index, text: str) -> str:
    """The text with each word it cuts short written out as the one plan word it begins (the
    plan's word whose stem a case type uses; a start of words of two or more stems is left)."""
    if _AFTER_CUT.search(text) is None:
        return text

    def whole(match: re.Match[str]) -> str:
        cut = fold(match[1])
        if len(cut) < MIN_CUT or cut in index.known or cut in index.ignore or stem(cut) in index.postings:
            return match[0]
        found = _completion(index, cut)
        if found is None or _compound_start(index, found[len(cut) :]):
            return match[0]
        # as typed, then the rest of the plan's word (folded): shown among the matched words
        return match[1] + found[len(cut) :]

    return _CUT.sub(whole, text)


def _compound_start(index: Index, rest: str) -> bool:
    """Whether the rest of the plan's word is a word of its own, after a linking "s" or "e": the
    cut is then a whole word that begins a compound ("tillæg." of "tillægs|bevillinger"), not an
    abbreviation ("Ansøgning om tillæg. ny cykelsti" was answered as Tillægsbevillinger)."""
    return any(len(part) > 2 and part in index.known for part in (rest, rest[1:] if rest[:1] in "se" else ""))


def _completion(index: Index, cut: str) -> str | None:
    """The shortest plan word that starts with `cut`, when every such word has one stem (a word
    as the plan writes it, folded, rather than a bare stem: it is shown as a matched word)."""
    known = worked_out(index, "_known_sorted", lambda _: sorted(index.known))
    key: str | None = None
    words = []
    for place in range(bisect_left(known, cut), len(known)):
        word = known[place]
        if not word.startswith(cut):
            break
        if (found := stem(word)) not in index.postings:
            continue
        if key not in (None, found):
            return None
        key = found
        words.append(word)
    if not words:
        return None
    return min(words, key=lambda word: (word == key, len(word)))
