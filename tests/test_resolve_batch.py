"""A batch (engine/batch.py) resolves every text exactly as `resolve_case` alone does: case type,
candidates with their scores and words, how, detail, quantities."""

from __future__ import annotations

import random

import pytest
from conftest import golden_cases
from test_resolution import SIBLINGS

import delegation
from delegation.engine import batch as batch_module
from delegation.engine.batch import Batch
from delegation.engine.danish import lowered_words, normalise, words
from delegation.engine.mailtext import mail_body
from delegation.engine.quantities import TextQuantity, _numerals, _quantity, _quantity_of
from delegation.engine.resolve import resolve_case
from delegation.engine.textfacts import text_facts
from delegation.model import Plan

# What case systems and users write around a case type's name: projects, years, journal numbers,
# amounts and other facts, words no plan uses, questions.
FORMS = (
    "{name}",
    "{name} - projekt {project}",
    "Ansøgning: {name} - {year}",
    "{name} vedr. {project} - sag {number}",
    "Sag om {name}",
    "{name} på {amount} mio. kr.",
    "hvem godkender {name}?",
    "{name} for {persons} medarbejdere, løntrin {number}",
    "{name} {number}/{year} Søndergade {project}",
    "Vedr. {name} (j.nr. 27.00.00-G01)",
    "{name} {name}",
    "{name} kr. {number}.000",
)
NOISE = ("Aarhus", "Søndergade", "Kvalitetsløft", "Østbyen", "Åby", "projekt", "høringssvar", "Ærø")


def _typo(rng: random.Random, text: str) -> str:
    """One letter dropped, doubled or swapped, or the Danish letters written out."""
    if not text:
        return text
    at = rng.randrange(len(text))
    kind = rng.randrange(4)
    if kind == 0:
        return text[:at] + text[at + 1 :]
    if kind == 1:
        return text[:at] + text[at] + text[at:]
    if kind == 2 and at + 1 < len(text):
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text.replace("å", "aa").replace("ø", "oe").replace("æ", "ae")


def texts(plans: list[Plan], count: int, seed: int = 19) -> list[str]:
    """Varied texts: the plans' titles, aliases, cited bullets and words in case-system forms, with
    noise, numbers and typos, and the evaluation sets' queries."""
    rng = random.Random(seed)
    names: list[str] = []
    for plan in plans:
        for case in plan.case_types.values():
            names += [case.title, *case.aliases, case.id.replace("_", " ")]
            names += [c.text for rule in case.rules for c in rule.citations][:2]
    found = [
        row["query"]
        for name in ("resolution", "resolution_review", "resolution_audit")
        for row in golden_cases(name)
    ]
    while len(found) < count:
        name = rng.choice(names)
        if rng.random() < 0.3:
            words = name.split()
            name = " ".join(rng.sample(words, max(1, len(words) // 2)))
        if rng.random() < 0.25:
            name = _typo(rng, name)
        if rng.random() < 0.2:
            name = f"{name} {rng.choice(NOISE)}"
        text = rng.choice(FORMS).format(
            name=name,
            project=rng.choice(NOISE) + " " + rng.choice("ABCDEFGH") * 2,
            year=rng.choice((2023, 2024, 2025)),
            number=rng.randrange(1, 100_000),
            amount=rng.choice((2, 20, 50, 75, "1,5")),
            persons=rng.randrange(1, 40),
        )
        found.append(text.upper() if rng.random() < 0.05 else text)
    return found


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return [delegation.load(p) for p in ("A", "B", "C")]


def _same(plan: Plan, text: str, facts: dict[str, float] | None, batch: Batch) -> None:
    fast = resolve_case(plan, text, facts, batch=batch)
    plain = resolve_case(plan, text, facts)
    assert fast == plain, (plan.id, text, facts)
    # Equal Matches hold equal case types, scores and words; the same objects, too.
    assert [(m.case.id, m.score, m.words) for m in fast.candidates] == [
        (m.case.id, m.score, m.words) for m in plain.candidates
    ]
    # The facts the workload reads from the text for the case type found (or for none).
    assert batch.plan(plan).text_facts(fast.case, fast.quantities) == text_facts(
        plan, plain.case, plain.quantities
    )


def test_a_batch_answers_as_each_text_alone_row_by_row(plans):
    batch = Batch()
    for text in texts(plans, 2500):
        for plan in plans:
            _same(plan, text, None, batch)


def test_a_batch_answers_as_each_text_alone_plan_by_plan_with_facts(plans):
    batch = Batch()
    rng = random.Random(7)
    for plan in plans:
        for text in texts(plans, 700, seed=ord(plan.id[0])):
            facts = {"amount": rng.choice((1e5, 2e6, 6e7))} if rng.random() < 0.3 else None
            _same(plan, text, facts, batch)
            _same(plan, text, None, batch)  # the same text again, now from the memos


def test_small_memos_cleared_on_the_way_give_the_same_answers(plans, monkeypatch):
    monkeypatch.setattr(batch_module, "_MEMO", 50)
    monkeypatch.setattr(batch_module, "_RECENT", 2)
    batch = Batch()
    for text in texts(plans, 400, seed=3):
        for plan in plans:
            _same(plan, text, None, batch)


def test_siblings_and_facts_in_the_text(tmp_path):
    path = tmp_path / "s.dlg"
    path.write_text(SIBLINGS, encoding="utf-8")
    plan = delegation.load(path)
    batch = Batch()
    for text in (
        "Anlægsregnskaber",
        "anlægsregnskab på 75 mio. kr.",
        "anlægsregnskab på 20 mio. kr.",
        "Anlægsregnskaber over 50 mio.",
        "anlægsregnskab - sag 12",
        "regnskab",
    ):
        for facts in (None, {"amount": 6e7}, {"amount": 1e6}):
            _same(plan, text, facts, batch)


def test_the_normalised_form_is_normalise(plans):
    batch = Batch()
    odd = ["Ærø–Åby — KB-bevilling", "İstanbul ΣΊΣΥΦΟΣ straße", "ﬁnans ǅ ß ẞ", "x_y a--b -c- ½ ²", "a\u0301b"]
    for text in [*odd, *texts(plans, 300)]:
        assert batch.text(text).normalised == normalise(mail_body(text)), text  # a mail: its question
        assert [batch.fold(word) for word in lowered_words(text)] == words(text), text


def _reference_quantities(text: str) -> list[TextQuantity]:
    """The numerals quantities() finds, as it was first written: the pattern's own finditer over
    the whole text (each match read as _numerals reads it)."""
    return [q for match in _quantity().finditer(text) if (q := _quantity_of(match)) is not None]


def test_quantities_are_found_where_the_whole_pattern_finds_them(plans):
    rng = random.Random(5)
    alphabets = (
        "ab kr.mio,0123 9.\u00a0æø-_MIOKR",
        "a1 .,\u00a0\u202f5mio t.kr",
        "ab9 .,-\n\t٣x",
        "m2io. kr 10,.t ",
    )
    samples = [*texts(plans, 300, seed=11), "5 kr.abc 7", "12.5 og 1.000,50 kr", "løntrin54 og 3mio"]
    for alphabet in alphabets:
        samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(5000)]
    for text in samples:
        assert _numerals(text) == _reference_quantities(text), text


@pytest.mark.parametrize(
    "text",
    [
        "ikke ansættelse, appointment of a head of department",  # a negated word, then English
        "appointment of a head of department",
        "hiring a department head",
    ],
)
def test_both_paths_ask_the_other_drafts_of_the_same_words(plans, text):
    """Whether another draft is asked (a case type B removed) is decided from the same words on
    both paths: those a negation does not deny, with what the thesaurus has them stand for."""
    b = next(plan for plan in plans if plan.id == "B")
    _same(b, text, None, Batch())
    assert resolve_case(b, text).how == "elsewhere"
    assert [known.plan for known in b.decide(text, lang="en").known_in] == ["A", "C"]
