"""Many texts resolved in a row (a case file): the resolver's steps memoised per text, word and weighed words."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from ..model import CaseType, Plan
from .abbreviations import written_out
from .danish import affirmed, fold, lowered_words, stem
from .denials import without_denied
from .facts import facts_used
from .index import Index, _content, index_of
from .mailtext import mail_body
from .quantities import TextQuantity, quantities, without_dates
from .rank import Alternatives, Match, Slot, _alternatives, score, slots_of, unlike
from .resolve import (
    CLEAR_LEAD,
    MAX_CLOSE,
    MAX_TEXT,
    Resolution,
    _confidence,
    _kle_in,
    _named_elsewhere,
    by_question,
    names_what_it_lacks,
    resolve_case,
    without_departments,
)
from .textfacts import (
    agreed,
    bounds,
    cut_quantities,
    fact_of,
    fact_units,
    quantity_cut,
    unitless_fact,
    value_of,
)
from .words import read

# A text's own steps are kept for the last few texts only: a batch asks every plan about one text
# before the next (analysis/workload.py), so more would only hold memory.
_RECENT = 64
_MEMO = 50_000  # texts' words and rankings kept per plan: bounded, as a file's texts are not


class Batch:
    """Memos for `resolve_case(..., batch=)`, answers identical to resolving each text alone.

    Per text (shared by the plans): its words, normalised form and quantities. Per plan: each
    word's stem and alternatives, and the ranking per *weighed words*: the text's slots, where a
    slot no case type's stem can meet (an unknown word, a project name) stands only for its
    weight, since that is all it changes in `rank`. Case titles are made of the plan's own words
    around such words, so distinct titles share rankings (a case file of 100.000 distinct titles
    against three plans: 108-110 s of CPU without these memos, 8-11 s with them).
    """

    def __init__(self) -> None:
        self._texts: dict[str, _Text] = {}
        self._kinds: dict[str, bool] = {}  # lower-cased word -> whether it is a content word
        self._folded: dict[str, str] = {}
        self._plans: dict[int, _PlanMemo] = {}
        self._companions: dict[int, list[Plan]] = {}

    def plan(self, plan: Plan) -> _PlanMemo:
        memo = self._plans.get(id(plan))
        if memo is None:
            memo = self._plans[id(plan)] = _PlanMemo(plan)
        return memo

    def companions(self, plan: Plan) -> list[Plan]:
        """registry.companions(plan), asked once a batch: it looks at the rules folder each time."""
        found = self._companions.get(id(plan))
        if found is None:
            from .registry import companions

            found = self._companions[id(plan)] = companions(plan)
        return found

    def fold(self, word: str) -> str:
        """fold(word) of a lower-cased word (itself, when ASCII)."""
        if word.isascii():
            return word
        folded = self._folded.get(word)
        if folded is None:
            if len(self._folded) >= _MEMO:
                self._folded.clear()
            folded = self._folded[word] = fold(word)
        return folded

    def text(self, query: str) -> _Text:
        """A text's steps that no plan changes: its normalised form, content words, quantities."""
        found = self._texts.get(query)
        if found is None:
            if len(self._texts) >= _RECENT:
                self._texts.clear()
            body = mail_body(query)
            text = body[:MAX_TEXT]
            lowered = lowered_words(text)
            # normalise(text), from the text's words: the folded words of the casefolded text are
            # the casefolded words folded, since casefolding is idempotent and folding maps
            # letters to letters (tests/test_resolve_batch.py holds the two equal).
            joined = " ".join(lowered)
            normalised = (joined if joined.isascii() else fold(joined)).replace("-", " ")
            found_ = tuple(quantities(text))
            units = tuple(quantity.units for quantity in found_)
            found = self._texts[query] = _Text(
                query.strip(),
                text,
                len(body) > MAX_TEXT,
                normalised,
                self._content_of(affirmed(lowered)),
                found_,
                units,
            )
        return found

    def content(self, text: str) -> tuple[str, ...]:
        """The text's words, lower-cased, that may say which case type is meant (no numbers)."""
        found = self._texts.get(text)
        return found.content if found is not None else self._content_of(affirmed(lowered_words(text)))

    def _content_of(self, lowered: list[str]) -> tuple[str, ...]:
        kinds = self._kinds
        known = [kinds.get(word) for word in lowered]
        if None in known:  # a word not met before: a number (not kept, numbers are many), or new
            _room(kinds)
            for at, word in enumerate(lowered):
                if known[at] is None:
                    if word.isascii() and word.isdigit():
                        known[at] = False
                    else:
                        known[at] = kinds[word] = _content(self.fold(word))
        return tuple([word for word, keep in zip(lowered, known) if keep])


class _Text(NamedTuple):
    stripped: str  # the query stripped, as an id is looked up
    text: str  # the part of the query read (MAX_TEXT)
    truncated: bool
    normalised: str
    content: tuple[str, ...]
    quantities: tuple[TextQuantity, ...]  # a tuple: Resolution.quantities is this object
    units: tuple[tuple[str, ...], ...]  # each quantity's unit words


class Ranking:
    """The best case types for some weighed words, and the answer they give when the text states
    no facts (kept here, not in a dict keyed by the words: hashing them cost 6 % of a batch)."""

    __slots__ = ("ranked", "answer")

    def __init__(self, ranked: list[Match]) -> None:
        self.ranked = ranked
        self.answer: Resolution | None = None


class _PlanMemo:
    """One plan's memos: per word, per weighed words (the ranking and its answer), per unit words."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan  # kept: the memo is found by the plan's id
        self.index = index = index_of(plan)
        # Stems a slot must hold to change a score: posted ones, and the parts of posted compounds
        # (a name's compound is covered by its parts, rank._covered).
        self.meaningful = frozenset(index.postings) | {p for parts in index.parts.values() for p in parts}
        self.phrase_starts = frozenset(phrase[0] for phrase in index.synonyms)
        self.words: dict[str, tuple[str, str, str]] = {}
        self.alternatives: dict[str, Alternatives] = {}
        self.weighed: dict[tuple[str, ...], Ranking] = {}  # content words -> their ranking
        self.ranked: dict[tuple[object, ...], Ranking] = {}  # weighed words -> their ranking
        # (unit words, the word after the unit) -> a fact they may state, or ""; per case type too
        self.facts: dict[tuple[str | None, tuple[tuple[str, ...], str]], str | None] = {}
        self.fitting: dict[tuple[tuple[str, ...], str], str] = {}
        self.used: dict[str | None, set[str]] = {}
        self.cuts: dict[tuple[str, ...], tuple[bool, bool]] = {}
        self.silent: dict[tuple[tuple[str, ...], ...], bool] = {}  # a text's unit words -> no fact
        self.lacking: dict[tuple[str, ...], bool] = {}  # content words -> see `lacked`
        self.units = fact_units(index, plan)

    def word(self, batch: Batch, shown: str) -> tuple[str, str, str]:
        """(shown, folded, stem) of a content word, as `rank._slots` makes it."""
        found = self.words.get(shown)
        if found is None:
            w = batch.fold(shown)
            found = (shown, w, stem(w))
            if len(self.words) >= _MEMO:
                self.words.clear()
                self.alternatives.clear()
            self.words[shown] = found
        return found

    def resolve(
        self, batch: Batch, query: str, facts: Mapping[str, float] | None, elsewhere: bool
    ) -> Resolution:
        """`resolve_case(plan, query, facts, elsewhere)`, step by step as it takes them, from the
        memos (tests/test_resolve_batch.py holds the answers equal). A text the plan has as a
        title or bullet is left to `resolve_case`: it ranks nothing, and its answer names the
        text as typed."""
        plan = self.plan
        prepared = batch.text(query)
        exact = plan.case_types.get(prepared.stripped)
        if exact is not None:
            return Resolution(exact, (), "id")
        text = prepared.text
        if not prepared.normalised:
            return Resolution(None, how="empty")
        index = self.index
        if prepared.normalised in index.exact:  # a title as the plan writes it: resolved alone
            return resolve_case(plan, query, facts, elsewhere)
        found = prepared.quantities
        silent = self.silent.get(prepared.units)
        if silent is None:
            _room(self.silent)
            silent = self.silent[prepared.units] = not any(
                self.text_facts(None, (quantity,)) or self._cut(quantity.units)[0] for quantity in found
            )
        if silent:  # no number of the text states a fact: the text and facts as they are
            known = dict(facts) if facts else {}
        else:
            known = dict(facts or {})
            for name, value in self.text_facts(None, found).items():
                known.setdefault(name, value)
            text = self.without_quantities(text, found)
        # as resolve_case reads a text
        text, sender = without_departments(plan, index, without_dates(text, index.postings))
        text = written_out(index, text)
        if index.kle:
            kle = _kle_in(plan, text)
            if kle is not None:
                return kle._replace(quantities=found, truncated=prepared.truncated, sender=sender)
        ranking = self.rank(batch, text)
        ranked = without_denied(index, text, ranking.ranked, CLEAR_LEAD)
        # the memoised answer is the ranking's as it stands: not one a denial of this text changed
        if known or ranked is not ranking.ranked:
            resolution = _confidence(plan, index, ranked, known)
        else:  # the answer, too, depends on nothing else then
            answer = ranking.answer
            if answer is None:
                answer = ranking.answer = _confidence(plan, index, ranking.ranked, known)
            resolution = answer
        case, candidates, how, detail, _, _, _ = by_question(plan, index, prepared.text, resolution)
        if (
            case is None
            and elsewhere
            and self.lacked(batch, text)
            and _named_elsewhere(plan, text, query, known, batch)
        ):
            candidates, how, detail = (), "elsewhere", ""
        return Resolution(case, candidates, how, detail, found, prepared.truncated, sender)

    def lacked(self, batch: Batch, text: str) -> bool:
        """Whether a word of the text names a case type another plan has and this one lacks: the
        first test of `_named_elsewhere`, per content words (no other word is in an index)."""
        content = batch.content(text)
        found = self.lacking.get(content)
        if found is None:
            _room(self.lacking)
            found = self.lacking[content] = any(
                names_what_it_lacks(self.plan, other, content) for other in batch.companions(self.plan)
            )
        return found

    def rank(self, batch: Batch, text: str) -> Ranking:
        """`rank(plan, index, text)` memoised by the text's weighed words, as far as
        `resolve._confidence` reads it (the first MAX_CLOSE)."""
        content = batch.content(text)
        known = self.weighed.get(content)
        if known is not None:
            return known
        words = read(self.index, [self.word(batch, shown) for shown in content])
        slots = slots_of(self.index, words, self._alternatives, self.phrase_starts)
        excluded = unlike(self.index, [batch.fold(word) for word in content], slots)
        weighed = (tuple(self._weighed(slot) for slot in slots), excluded)
        ranking = self.ranked.get(weighed)
        if ranking is None:
            if len(self.ranked) >= _MEMO:
                self.ranked.clear()
            ranking = self.ranked[weighed] = Ranking(
                score(self.plan, self.index, slots, excluded)[:MAX_CLOSE]
            )
        if len(self.weighed) >= _MEMO:
            self.weighed.clear()
        self.weighed[content] = ranking
        return ranking

    def _alternatives(self, index: Index, word: str, key: str) -> Alternatives:
        found = self.alternatives.get(word)
        if found is None:
            found = self.alternatives[word] = _alternatives(index, word, key)
        return found

    def _weighed(self, slot: Slot) -> object:
        """The slot, or for a slot no case type can meet only what fixes its weight in `rank` (its
        stems' count per alternative: each weighs the unknown word's IDF)."""
        meaningful = self.meaningful
        if any(key in meaningful for stems, _ in slot.alternatives for key in stems):
            return slot
        return slot.asker, tuple(len(stems) for stems, _ in slot.alternatives)

    def text_facts(self, case: CaseType | None, found: Sequence[TextQuantity]) -> dict[str, float]:
        """`text_facts(plan, case, found)`, the facts per unit words memoised."""
        return agreed(self._stated(case, found))

    def _stated(self, case: CaseType | None, found: Sequence[TextQuantity]) -> Iterator[tuple[str, float]]:
        read = [(fact, quantity) for quantity in found if (fact := self._fact(case, quantity))]
        for (fact, quantity), bound in zip(read, bounds(read)):
            if bound is None:
                value = value_of(self.plan, fact, quantity, case)
                if value is not None:
                    yield fact, value
            elif not bound:  # a bound the figure lies outside of: a second value (textfacts.bounds)
                yield fact, quantity.value

    def _fact(self, case: CaseType | None, quantity: TextQuantity) -> str | None:
        """The fact a quantity states, as `read_facts` finds it, per unit words memoised."""
        words = (quantity.units, quantity.then)
        fitting = self.fitting.get(words)
        if fitting is None:
            _room(self.fitting)
            fitting = self.fitting[words] = fact_of(self.plan, self.index, set(), *words) or ""
        if not fitting:  # the common case: a year, a case number
            return unitless_fact(self.plan, case, quantity)
        key = (case.id if case else None, words)
        if key in self.facts:
            return self.facts[key]
        _room(self.facts)
        fact = self.facts[key] = fact_of(self.plan, self.index, self._used(case), *words)
        return fact

    def _used(self, case: CaseType | None) -> set[str]:
        key = case.id if case else None
        used = self.used.get(key)
        if used is None:
            used = self.used[key] = set(facts_used(self.plan, case)) if case else set()
        return used

    def without_quantities(self, text: str, found: Sequence[TextQuantity]) -> str:
        """`without_quantities(index, plan, text, found)`, the cut per unit words memoised."""
        if not found:
            return text
        return cut_quantities(text, found, self._cut)

    def _cut(self, words: tuple[str, ...]) -> tuple[bool, bool]:
        cut = self.cuts.get(words)
        if cut is None:
            _room(self.cuts)
            cut = self.cuts[words] = quantity_cut(self.index, self.units, words)
        return cut


def _room(memo: dict[Any, Any]) -> None:
    """Empty a memo that has reached its bound (the words around a file's numbers are not few)."""
    if len(memo) >= _MEMO:
        memo.clear()
