"""A plan's search index: what the plan says about each case type, as stems ranked by IDF and field."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

from ..hints import TYPE_CHECKING, NamedTuple, TypeVar, cast
from ..model import CaseType, Plan
from .danish import fold, included, normalise, split_compound, stem, words

if TYPE_CHECKING:
    from typing import Any

# How much a word found in each field says about the case type (the title and aliases name it;
# the cited bullet describes it; headings, lists and departments only place it).
FIELD_WEIGHTS = {
    "title": 1.0,
    "alias": 1.0,
    "id": 0.9,
    "cite": 0.8,
    "heading": 0.3,
    "section": 0.3,
    "category": 0.3,
    "department": 0.4,
}
COMPOUND_PART = 0.85  # a word found as part of a compound ("regnskab" in "anlægsregnskab")
PART = ":part"  # marks the field of a posting found inside a compound
MAX_SIBLINGS = 8  # case types that are thresholds of one matter
MAX_PHRASE = 4  # the longest thesaurus phrase, in words
_HOW = {"id": "id", "title": "title", "alias": "title", "cite": "cite"}


class Index:
    """Stems -> case types (with the field they were found in), names as stems, IDF per stem.

    Plain dicts, tuples and strings: built once per plan (about 10 ms for Aarhus), kept with the
    plan in the compiled cache.
    """

    def __init__(self, plan: Plan):
        cases = list(plan.case_types.values())
        thesaurus = plan.thesaurus
        # Ignored as typed (not by stem): "afgøre" says nothing, "afgørelse" may.
        self.ignore = frozenset(w for term in thesaurus.ignore for w in words(term))
        texts = [text for case in cases for _, text in _fields(plan, case)]
        texts += [term for group in thesaurus.synonyms for term in group]
        texts += [area for body in plan.bodies.values() for area in body.areas]
        texts += [name for body in plan.bodies.values() for name in (body.name, body.short or "")]
        vocabulary = {w for w in words(" ".join(texts)) if _content(w)}
        self.known = frozenset(vocabulary | {stem(w) for w in vocabulary})
        # stem -> {case id: (weight, field)}: plain tuples, 200.000 of them on 10.000 case types.
        self.postings: dict[str, dict[str, tuple[float, str]]] = {}
        self._words: dict[str, tuple[str, tuple[str, ...], float] | None] = {}  # while building
        self._texts: dict[str, tuple[tuple[str, tuple[str, ...], float], ...]] = {}
        self._whole: set[str] = set()  # stems of words the plan writes (ids are not writing)
        # A compound's stem -> its parts' stems, as its words were cut ("ligestillingsredegør" ->
        # "lig", "stilling", "redegoer"): the same stems the postings of its parts have.
        self.parts: dict[str, tuple[str, ...]] = {}
        self.names: dict[str, tuple[tuple[str, ...], ...]] = {}
        # Normalised id, title, alias, cited bullet and former id -> (case id, how it was named).
        self.exact: dict[str, tuple[tuple[str, str], ...]] = {}
        for case in cases:
            names = []
            for field, text in _fields(plan, case):
                keys = self._add(case.id, text, field)
                if field in ("title", "alias", "id") and keys:
                    names.append(keys)
                if field == "title":  # "..., herunder vederlagsfastsættelse, inhabilitet og orlov"
                    names += [keys for item in included(text) if (keys := self._keys(item))]
                if field in _HOW:
                    self._exact(normalise(text), case.id, _HOW[field])
            for former in case.formerly:
                self._exact(normalise(former.replace("_", " ")), case.id, "former")
            self.names[case.id] = tuple(dict.fromkeys(names))
        self.siblings = _siblings(plan, self.names)
        count = len(cases)
        self.kle = any(case.kle for case in cases)  # a KLE number in a text is looked up
        self.unknown_idf = math.log(1 + (count + 0.5) / 0.5)
        self.idf = {
            key: math.log(1 + (count - len(docs) + 0.5) / (len(docs) + 0.5))
            for key, docs in self.postings.items()
        }
        self.synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for group in thesaurus.synonyms:
            phrases = tuple(dict.fromkeys(k for k in (self.keys(term) for term in group) if k))
            for phrase in phrases:
                known = self.synonyms.get(phrase, ())
                self.synonyms[phrase] = tuple(dict.fromkeys((*known, *phrases)))
        # One-word terms of each group, ignored words included: units such as "kr." and "kroner".
        self.same_word: dict[str, set[str]] = {}
        for group in thesaurus.synonyms:
            single = {stem(fold(term).rstrip(".")) for term in group if len(words(term)) == 1}
            for key in single:
                self.same_word.setdefault(key, set()).update(single)
        self.distinct = _distinct(self, thesaurus.distinct)
        self.vocabulary = sorted(self.postings)
        # Stems the plan uses as words of their own, not only inside compounds ("chefstilling",
        # but not "pulje": the plans name only particular pools).
        self.whole = frozenset(self._whole)
        # What a typed compound may be named by: a word of the plan's own, or a synonym's.
        self.heads = self.whole | {key for phrase in self.synonyms for key in phrase}
        # Words that name a body ("MSO", "Teknik og Miljø") and no case type, nor stand for a word
        # of one ("economic" in "Economic Affairs Committee" and "economic policy"): in a case
        # title they say whose case it is, not which.
        self.body_words = frozenset(
            stem(w)
            for body in plan.bodies.values()
            for name in (body.name, body.short or "", *body.aliases)
            for w in words(name)
            if stem(w) not in self.postings and stem(w) not in self.heads
        )
        del self._words, self._texts, self._whole

    def keys(self, text: str) -> tuple[str, ...]:
        """The stems of a text's content words, in order (ignored words and numbers left out)."""
        return tuple(stem(w) for w in words(text) if _content(w) and w not in self.ignore)

    def _exact(self, text: str, case_id: str, how: str) -> None:
        known = self.exact.get(text, ())
        if text and all(case_id != other for other, _ in known):
            self.exact[text] = (*known, (case_id, how))

    def _add(self, case_id: str, text: str, field: str) -> tuple[str, ...]:
        """Post a text's stems (and compound parts) for a case type; the stems, in order.

        A text's analysis is memoised for the build: headings and list titles repeat across every
        case type (on 10.000 case types this and plain tuples as postings halve the build).
        """
        analysed = self._text_analysis(text)
        weight = FIELD_WEIGHTS[field]
        postings = self.postings
        part_of = field + PART  # a posting from inside a compound: "chef" of "forvaltningschef"
        for key, parts, factor in analysed:
            if parts:
                self.parts[key] = parts
            for stem_, score, where in (
                (key, weight, field),
                *((part, weight * factor, part_of) for part in parts),
            ):
                docs = postings.get(stem_)
                if docs is None:
                    docs = postings[stem_] = {}
                known = docs.get(case_id)
                if known is None:
                    docs[case_id] = (score, where)
                elif known[0] < score or (known[1].endswith(PART) and not where.endswith(PART)):
                    # the best weight, marked as a part only while the case type writes the word
                    # nowhere whole ("chef" of a title's "forvaltningschef", and a cited "chefer")
                    best = (score, where) if known[0] < score else known
                    whole = not (known[1].endswith(PART) and where.endswith(PART))
                    docs[case_id] = (best[0], best[1].removesuffix(PART) if whole else best[1])
        keys = tuple(found[0] for found in analysed)
        if field != "id":
            self._whole.update(keys)
        return keys

    def _text_analysis(self, text: str) -> tuple[tuple[str, tuple[str, ...], float], ...]:
        analysed = self._texts.get(text)
        if analysed is None:
            analysed = self._texts[text] = tuple(
                found for word in words(text) if (found := self._analyse(word)) is not None
            )
        return analysed

    def _keys(self, text: str) -> tuple[str, ...]:
        """A text's stems, in order, as a name (posted by its whole text already)."""
        return tuple(found[0] for found in self._text_analysis(text))

    def _analyse(self, word: str) -> tuple[str, tuple[str, ...], float] | None:
        """A word's stem and its compound parts' stems, or None for a word that says nothing."""
        memo = self._words
        if word in memo:
            return memo[word]
        memo[word] = found = self._analysed(word)
        return found

    def _analysed(self, word: str) -> tuple[str, tuple[str, ...], float] | None:
        if not _content(word) or word in self.ignore:
            return None
        parts = split_compound(word, self.known) or ()
        # A hyphen splits for certain ("KB-bevillinger"); a found cut is a guess.
        return stem(word), tuple(stem(part) for part in parts), 1.0 if "-" in word else COMPOUND_PART


_DIGIT = re.compile(r"\d").search


# How each attribute of an index is written as JSON and read back (cache files hold no pickle).
_SETS = ("ignore", "known", "whole", "heads", "body_words")
_FIELDS = {
    *_SETS,
    "postings",
    "names",
    "exact",
    "siblings",
    "kle",
    "unknown_idf",
    "idf",
    "parts",
    "synonyms",
    "same_word",
    "vocabulary",
    "distinct",
}


T = TypeVar("T")


def worked_out(index: Index, name: str, make: Callable[[Index], T]) -> T:
    """A table the resolver derives from the index (typo memo, initials, compound parts, sibling
    families): made on first use and kept on the index for the process. Its name starts with "_",
    so index_to_data never writes it to the cache."""
    table = index.__dict__.get(name)
    if table is None:
        table = index.__dict__[name] = make(index)
    return cast(T, table)


def index_to_data(index: Index) -> dict[str, object]:
    """The index as JSON-ready data (sets as sorted lists, tuple keys as pairs)."""
    data: dict[str, object] = {}
    for name, value in vars(index).items():
        if name.startswith("_"):  # memos of one process (typos, initials)
            continue
        if name in _SETS:
            data[name] = sorted(value)
        elif name == "synonyms":
            data[name] = [
                [list(phrase), [list(a) for a in alternatives]] for phrase, alternatives in value.items()
            ]
        elif name == "same_word":
            data[name] = {key: sorted(keys) for key, keys in value.items()}
        else:
            data[name] = value
    return data


def index_from_data(data: dict[str, object]) -> Index:
    """The index `index_to_data` wrote; KeyError/TypeError/ValueError for data of another shape."""
    index = Index.__new__(Index)
    values = dict(data)
    for name in _SETS:
        values[name] = frozenset(values[name])  # type: ignore[call-overload]
    values["synonyms"] = {
        tuple(phrase): tuple(tuple(a) for a in alternatives)
        for phrase, alternatives in values["synonyms"]  # type: ignore[attr-defined]
    }
    values["same_word"] = {key: set(keys) for key, keys in values["same_word"].items()}  # type: ignore[attr-defined]
    values["postings"] = {
        key: {case: tuple(posting) for case, posting in docs.items()}
        for key, docs in values["postings"].items()  # type: ignore[attr-defined]
    }
    for name in ("names", "exact"):
        values[name] = {key: tuple(tuple(item) for item in items) for key, items in values[name].items()}  # type: ignore[attr-defined]
    for name in ("parts", "siblings"):
        values[name] = {key: tuple(items) for key, items in values[name].items()}  # type: ignore[attr-defined]
    values["distinct"] = {
        key: tuple(
            (case_id, tuple(other), tuple(tuple(own) for own in owns)) for case_id, other, owns in items
        )
        for key, items in values["distinct"].items()  # type: ignore[attr-defined]
    }
    if set(values) != _FIELDS:
        raise KeyError(f"index fields: {sorted(set(values) ^ _FIELDS)}")
    vars(index).update(values)
    return index


# A case type a text is not about: (its id, the other term's stems, its own term's stems).
# A case type a text is not about: (its id, the other term's stems, its own terms' stems).
Unlike = tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]


def _distinct(index: Index, groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[Unlike, ...]]:
    """For each distinct group of the thesaurus, the case types its terms name (in a title or
    alias), filed under the first stem of each other term: a text holding that other term and none
    of the case type's own is not about the case type ("Klage over folketingsvalget" is no "Klage
    over kommunalvalg"; "... kommunalvalget og folketingsvalget" still is)."""
    found: dict[str, dict[tuple[str, tuple[str, ...]], list[tuple[str, ...]]]] = {}
    for group in groups:
        terms = [keys for keys in dict.fromkeys(index.keys(term) for term in group) if keys]
        for case_id, names in index.names.items():
            owns = [own for own in terms if any(set(own) <= set(name) for name in names)]
            for other in terms:
                if owns and other not in owns:  # "køb og salg af fast ejendom" is named by both
                    found.setdefault(other[0], {}).setdefault((case_id, other), []).extend(owns)
    return {
        key: tuple((case_id, other, tuple(dict.fromkeys(owns))) for (case_id, other), owns in entries.items())
        for key, entries in found.items()
    }


def _siblings(plan: Plan, names: dict[str, tuple[tuple[str, ...], ...]]) -> dict[str, tuple[str, ...]]:
    """Case types that are thresholds of another one's matter: the same name less the words of a
    quantity ("Anlægsregnskaber" and "Anlægsregnskaber over 50 mio."), with a rule on facts where
    the other has none. Facts choose between them; without the facts the answer depends on them."""
    from ..numbers import MULTIPLIERS

    amounts = {stem(w) for fact in plan.facts.values() for w in words(fact.unit or "")}
    amounts |= {stem(w) for multiplier in MULTIPLIERS for w in words(multiplier)}

    def core(name: tuple[str, ...]) -> frozenset[str]:
        return frozenset(key for key in name if key not in amounts)

    conditional = {case.id for case in plan.case_types.values() if any(r.when for r in case.rules)}
    by_core: dict[frozenset[str], list[str]] = {}
    for case_id in conditional:
        for name in names[case_id]:
            by_core.setdefault(core(name), []).append(case_id)
    # A name shared by many case types ("sag 12" on 10.000 synthetic ones) names no single matter:
    # siblings are a handful, and looking further made building the index quadratic.
    shared = {key: ids for key, ids in by_core.items() if key and len(ids) <= MAX_SIBLINGS}
    found = {}
    for case_id, case_names in names.items():
        if case_id in conditional:
            continue
        others = tuple(dict.fromkeys(other for name in case_names for other in shared.get(core(name), ())))
        if others:
            found[case_id] = others
    return found


def _content(word: str) -> bool:
    """A word that can say which case type is meant: two letters or more, no digits."""
    return len(word) > 1 and not _DIGIT(word)


def _fields(plan: Plan, case: CaseType) -> Iterator[tuple[str, str]]:
    """(field, text) for everything the plan says about a case type."""
    yield "title", case.title
    for alias in case.aliases:
        yield "alias", alias
    yield "id", case.id.replace("_", " ")
    headings: set[str] = set()
    for rule in case.rules:
        for citation in rule.citations:
            yield "cite", citation.text
            headings.update(citation.path)
    for heading in sorted(headings):
        yield "heading", heading
    section = plan.sections.get(case.section or "")
    if section:
        yield "section", section.title
    category = plan.categories.get(case.category or "")
    if category:
        yield "category", category.title
    department = plan.bodies.get(case.department or "")
    if department:
        yield "department", department.name


def index_of(plan: Plan) -> Index:
    """The plan's index: kept with the plan object, read from the compiled cache, or built (and
    then stored in the cache) on first use."""
    memo = plan.memo
    index = memo.get("index")
    if index is None:
        from . import cache

        main = memo.get("path")
        index = cache.read_index(main, plan, "index", index_from_data) if main else None
        if index is None:
            index = Index(plan)
            if main:
                cache.write_index(main, plan, "index", index_to_data(index))
        memo["index"] = index
    return index


class Names(NamedTuple):
    """What a title or an id typed as the plan writes it needs of the index (resolve_case): the
    plan's normalised names, and the case types that are thresholds of the same matter."""

    exact: dict[str, tuple[tuple[str, str], ...]]
    siblings: dict[str, tuple[str, ...]]


def names_of(plan: Plan) -> Names:
    """The index's names: of the index when it is at hand, else read from their own cache entry
    (a `delegation decide` by title: 0,3 ms against the whole index's 7 ms for Aarhus plan B),
    written here when it is missing (whatever left it so: a killed process, a full disk)."""
    memo = plan.memo
    names = memo.get("names")
    if names is None:
        main, index = memo.get("path"), memo.get("index")
        if index is None and main:
            from . import cache

            names = cache.read_index(main, plan, "names", _names_from_data)
            if names is None:
                index = index_of(plan)
                cache.write_index(main, plan, "names", _names_to_data(index))
        if names is None:
            index = index or index_of(plan)
            names = Names(index.exact, index.siblings)
        memo["names"] = names
    return names


def _names_to_data(index: Index) -> dict[str, object]:
    return {"exact": index.exact, "siblings": index.siblings}


def _names_from_data(data: dict[str, Any]) -> Names:
    exact, siblings = data["exact"], data["siblings"]
    return Names(
        {key: tuple(tuple(item) for item in items) for key, items in exact.items()},
        {key: tuple(items) for key, items in siblings.items()},
    )
