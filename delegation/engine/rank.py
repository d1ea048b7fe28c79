"""Ranking: a text's words as stems, synonyms, compound parts and typos, scored against every case type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set

from ..hints import NamedTuple
from ..model import CaseType, Plan
from .danish import split_compound, stem, tokens
from .distance import within
from .index import COMPOUND_PART, MAX_PHRASE, PART, Index, _content, worked_out
from .words import asking, read

# A word the plan never uses weighs this share of the rarest word's weight: enough that "ansættelse
# af en pædagog" is not read as a director's appointment, little enough that a case system's extra
# words ("projekt X", "høringssvar") do not drown the words that name the case type.
UNKNOWN = 0.6
SYNONYM = 0.9  # a word found through the thesaurus counts a little less than itself
TYPO = 0.8  # and a word found by correcting a typo less again
ASKER = 0.3  # a word of who asks, before "søger", "indstiller" (words.asking)
HEAD_PART = 0.7  # a word found as the last part of an unknown compound ("kontor|chefstilling")
MODIFIER_PART = 0.5  # ... or as its first part ("ligestillings|rapport")


class Match(NamedTuple):
    case: CaseType
    score: float
    words: tuple[str, ...] = ()  # the words of the text it matched, as typed
    named: bool = False  # the text holds one of its names whole (its title, an alias)


Alternatives = tuple[tuple[tuple[str, ...], float], ...]  # (stems, quality)


class Slot(NamedTuple):
    typed: tuple[str, ...]
    alternatives: Alternatives
    asker: bool = False  # a word of who asks for the case, not of what it is (ASKER)


def rank(plan: Plan, index: Index, text: str) -> list[Match]:
    """Case types scored 0-100 by how much of the text they explain (IDF- and field-weighted) and
    how much of their own name the text covers; best first, ties by title."""
    said = tokens(text)
    slots = _slots(index, said)
    return score(plan, index, slots, unlike(index, [w for _, w in said], slots))


def score(plan: Plan, index: Index, slots: list[Slot], excluded: Set[str] = frozenset()) -> list[Match]:
    """`rank` from the text's slots, less the `excluded` case types (engine/batch.py memoises this
    by what the slots weigh and what is excluded)."""
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
            * (ASKER if slot.asker else 1.0)
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
            # A word the text does not write itself (a synonym, a compound's part) does not reach
            # into a case type's compounds alone: "økonomichef" and "kontorchef" (a chef) are not
            # "forvaltningschef". It does when the text names the compound's other parts too
            # ("stilling som afdelingschef": chefstilling; "ligestillingsrapport": -redegørelsen).
            derived = len(stems) > 1 or quality < 1.0
            for key in stems:
                docs = postings.get(key, {})
                if len(docs) <= common:
                    for case_id, posting in docs.items():
                        if (
                            derived
                            and posting[1].endswith(PART)
                            and not _inside(index, key, case_id, query_keys)
                        ):
                            continue
                        part[case_id] = part.get(case_id, 0.0) + idf[key] * posting[0]
            for case_id, value in part.items():
                best[case_id] = max(best.get(case_id, 0.0), quality * value / norm)
        for case_id, value in best.items():
            explained[case_id] = explained.get(case_id, 0.0) + weight * value
            typed.setdefault(case_id, []).extend(slot.typed)
    for case_id in excluded:
        explained.pop(case_id, None)
    heads = _heads(index, query_keys)
    own = _own_words(index) if heads else {}
    ranked = []
    for case_id, value in explained.items():
        covering = query_keys
        if heads:
            # A compound of the text names its last part, a little less, in a case type that
            # names the compound itself: a havnedirektør is a direktør of "Ansættelsesforhold for
            # stadsdirektør, direktører og havnedirektør" ("fratrædelsesordning for direktør"),
            # but a forvaltningschef no chef of "andre chefer".
            extra = {part: quality for part, whole, quality in heads if whole in own[case_id]}
            if extra:
                covering = {**extra, **query_keys}
        named = max((_covered(index, name, covering) for name in index.names[case_id]), default=0.0)
        score = 100 * (0.5 * value / total + 0.5 * named)
        ranked.append(
            Match(
                plan.case_types[case_id],
                round(score, 1),
                tuple(dict.fromkeys(typed[case_id])),
                named >= 0.999,
            )
        )
    ranked.sort(key=lambda m: (-m.score, m.case.title))
    if ranked and not ranked[0].named:
        # A name typed with a typo is still held whole: the score counts what the corrected word is
        # worth, the flag only whether all of the name is there. Worked out for the leader alone, the
        # only one resolve asks ("tilægsbevilling til ældreområdet"). Not a synonym's words: "exceed
        # a construction appropriation" holds "anlægsbevilling", but is its overrun.
        held = {key: 1.0 for key, quality in query_keys.items() if quality in (1.0, TYPO)}
        top = ranked[0]
        if max((_covered(index, name, held) for name in index.names[top.case.id]), default=0.0) >= 0.999:
            ranked[0] = top._replace(named=True)
    return ranked


def unlike(index: Index, folded: Iterable[str], slots: list[Slot]) -> frozenset[str]:
    """The case types the text names a term distinct from theirs, and not their own (the
    thesaurus's `distinct` groups), from its `folded` words and what its slots stand for. Words
    that name a body count ("kultur politik" names no policy of the plan), and a compound names
    itself ("folketingsvalget" is matched through its parts, but is a folketingsvalg)."""
    if not index.distinct:
        return frozenset()
    said = {stem(word) for word in folded}
    said.update(key for slot in slots for stems, _ in slot.alternatives for key in stems)
    excluded = set()
    for key in said & index.distinct.keys():
        for case_id, other, owns in index.distinct[key]:
            if said.issuperset(other) and not any(said.issuperset(own) for own in owns):
                excluded.add(case_id)
    return frozenset(excluded)


def _heads(index: Index, query_keys: Mapping[str, float]) -> list[tuple[str, str, float]]:
    """(the plan's word that ends one of the text's compounds, the compound, the quality it names
    it with): ("direkto", "havnedirekto", 0.7)."""
    # A stem's last part, kept per index: users repeat their words (a search a word: 31.000
    # instructions of a resolution of 670.000, 9.000 when kept).
    ends: dict[str, str] = worked_out(index, "_ends", lambda _: {})
    found = []
    for key, quality in query_keys.items():
        if key in ends:
            part = ends[key]
        else:
            part = next((key[cut:] for cut in range(3, len(key) - 3) if key[cut:] in index.idf), "")
            if len(ends) >= 8192:
                ends.clear()
            ends[key] = part
        if part and part not in query_keys:
            found.append((part, key, quality * HEAD_PART))
    return found


def _own_words(index: Index) -> dict[str, frozenset[str]]:
    """Case type -> the stems of its names (made once per index)."""
    return worked_out(
        index,
        "_own_words",
        lambda index: {
            case: frozenset(k for name in names for k in name) for case, names in index.names.items()
        },
    )


def _inside(index: Index, key: str, case_id: str, query_keys: Mapping[str, float]) -> bool:
    """Whether the text names a compound of the case type that `key` is part of, by its other parts."""
    for compound in _containing(index).get(key, ()):
        if case_id in index.postings.get(compound, {}) and all(
            part in query_keys for part in index.parts[compound] if part != key
        ):
            return True
    return False


def _containing(index: Index) -> dict[str, tuple[str, ...]]:
    """Part stem -> the plan's compounds it is a part of (made once per index)."""
    return worked_out(index, "_containing", _compounds_by_part)


def _compounds_by_part(index: Index) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for compound, parts in index.parts.items():
        for part in parts:
            found.setdefault(part, []).append(compound)
    return {part: tuple(compounds) for part, compounds in found.items()}


def _mean(values: Iterable[float]) -> float:
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
        if quality is None and key in index.parts:  # a compound named by its parts, not by its last alone
            parts = [query_keys.get(part, 0.0) for part in index.parts[key]]
            quality = COMPOUND_PART * sum(parts) / len(parts) if any(parts[:-1]) else 0.0
        got += weight * (quality or 0.0)
    return got / total if total else 0.0


def _slots(index: Index, said: list[tuple[str, str]]) -> list[Slot]:
    """The text's content words (its `tokens`) as slots, each with the stems it may stand for:
    itself, its synonyms (phrases first), its compound parts, or the plan word it is a typo of."""
    return slots_of(
        index, read(index, [(shown, w, stem(w)) for shown, w in said if _content(w)]), _alternatives
    )


def slots_of(
    index: Index,
    pairs: Sequence[tuple[str, ...]],
    alternatives: Callable[[Index, str, str], Alternatives],
    starts: Set[str] | None = None,
) -> list[Slot]:
    """Slots from the text's (shown, folded, stem) words: phrases of the thesaurus first, else
    each word with its `alternatives` (memoised per word by engine/batch.py). `starts`, the first
    stems of the thesaurus's phrases, spares looking up phrases that cannot be there."""
    shown = [pair[0] for pair in pairs]
    typed = [pair[1] for pair in pairs]
    keys = [pair[2] for pair in pairs]
    asks = asking(typed)
    slots: list[Slot] = []
    position = guessed = 0
    while position < len(typed):
        asker = position <= asks
        longest = min(MAX_PHRASE, len(typed) - position) if starts is None or keys[position] in starts else 0
        for length in range(longest, 0, -1):
            phrase = tuple(keys[position : position + length])
            synonyms = index.synonyms.get(phrase)
            if synonyms:
                slots.append(
                    Slot(
                        tuple(shown[position : position + length]),
                        tuple((a, 1.0 if a == phrase else SYNONYM) for a in synonyms),
                        asker,
                    )
                )
                position += length
                break
        else:
            word, key = typed[position], keys[position]
            known = key in index.postings
            if known or guessed < MAX_GUESSED:  # a word the plan lacks: its parts, a typo, an end of it
                guessed += not known
                slots.append(Slot((shown[position],), alternatives(index, word, key), asker))
            else:
                slots.append(Slot((shown[position],), (((key,), 1.0),), asker))
            position += 1
    return slots


# Words of a text the plan lacks that are cut into compound parts or corrected as typos, the first
# ones the text has: each costs about a millisecond of the event loop (a comparison with every plan
# word of its first letter), and a 394-byte text of 44 made-up words took 45-61 ms a request.
# A question has a few such words; a case-system subject line a handful.
MAX_GUESSED = 12


# No Danish word is longer ("ansættelsesforholdsbekendtgørelse" is 33): a longer one is not cut into
# compound parts or corrected, each of which is a loop over the word (a run-together 300-letter
# "word" cost 5 ms of the event loop, as a light request).
MAX_WORD = 40


def _alternatives(index: Index, word: str, key: str) -> Alternatives:
    if key in index.postings or len(word) > MAX_WORD:
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
    """The plan's stem this one is a typo of: one edit away (two for long words), same first letter;
    the fewest edits first, then the vocabulary's order (rapidfuzz's extractOne, tested equal).

    Compared in Python (distance.within; a length out of reach is refused first), not by
    rapidfuzz, whose import took 18-22 ms of a `delegation decide` with a word the plan lacks.
    Answers are kept per index, bounded, since users type the same words again.
    """
    if len(key) < 4:
        return None
    memo = _typo_memo(index)
    if key in memo:
        return memo[key]
    limit = 1 if len(key) <= 6 else 2
    shapes = _by_shape(index)
    found = None
    for edits in range(limit + 1):
        # Only the plan's words of a length within reach, in the vocabulary's order: a 394-byte
        # text of 44 made-up words compared each with every plan word of its first letter, thrice.
        near = sorted(
            placed
            for size in range(len(key) - edits, len(key) + edits + 1)
            for placed in shapes.get((key[0], size), ())
        )
        found = next((stem for _, stem in near if within(key, stem, edits)), None)
        if found is not None:
            break
    if len(memo) >= 4096:
        memo.clear()
    memo[key] = found
    return found


def _typo_memo(index: Index) -> dict[str, str | None]:
    return worked_out(index, "_typos", lambda _: {})


def _by_shape(index: Index) -> dict[tuple[str, int], tuple[tuple[int, str], ...]]:
    return worked_out(index, "_shapes", _stems_by_shape)


def _stems_by_shape(index: Index) -> dict[tuple[str, int], tuple[tuple[int, str], ...]]:
    """The plan's stems by first letter and length, each with its place in the vocabulary."""
    grouped: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for place, key in enumerate(index.vocabulary):
        grouped.setdefault((key[0], len(key)), []).append((place, key))
    return {shape: tuple(keys) for shape, keys in grouped.items()}
