"""The front door: realistic queries resolved to the case type the seed gives (tests/golden/resolution.json).

Expectations were written from the seed's bullets and the plans' case lists: a case type id, null
("the plan does not list it") or "?" (asking back is the right answer). bench/resolution.py prints
the same set per kind with timings.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from conftest import golden_cases
from hypothesis import given
from hypothesis import strategies as st

import delegation
from delegation.engine.quantities import quantities
from delegation.errors import InputError
from delegation.numbers import format_quantity

ROWS = golden_cases("resolution")
# A second set, written by a reviewer from the seed and the case list alone, without the engine.
# Its misses were read, and the classes behind them mended (English filler, compound heads, typos
# the stemmer cuts short); one answer stays wrong: "takster" (the reviewer asks back, the engine
# takes "Budget, herunder takster"). A negation ("... (ikke en chefstilling)") now asks back.
REVIEW = golden_cases("resolution_review")
# A third, from two audits of the answers against the seed: the queries that were confidently wrong
# or missed (a search word as broad as "fond", "merforbrug på driften" read as an overrun of a
# construction appropriation, "600,000 DKK" read as 600 kr., the first of two amounts taken, the
# matters a bullet lists in parentheses or after "herunder"), with the facts each should read from
# its text ("read"). It was written from the misses, so it guards them; it measures nothing new.
AUDIT = golden_cases("resolution_audit")
# The floor per kind of query (share answered correctly); none may be confidently wrong.
FLOORS = {
    "exact": 1.0,
    "short": 0.95,
    "typo": 0.9,
    "question": 0.9,
    "facts": 0.95,
    "casesystem": 0.9,
    "uncovered": 0.95,
    "english": 0.9,
}


def outcome(row: dict) -> str:
    decision = delegation.load(row["plan"]).decide(row["query"], **row["facts"])
    expect = row["expect"]
    if decision.candidates:
        return "correct" if expect == "?" else "asked"
    found = decision.case_type.id if decision.case_type else None
    if found == expect or (expect == "?" and found is None and not decision.covered):
        return "correct"
    return "missed" if found is None else "wrong"


def test_the_set_is_large_and_covers_every_kind_and_plan():
    assert len(ROWS) >= 200
    assert set(FLOORS) == {row["kind"] for row in ROWS}
    assert {row["plan"] for row in ROWS} == {"A", "B", "C"}


def test_each_kind_meets_its_floor_and_nothing_is_confidently_wrong():
    table: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for row in ROWS:
        result = outcome(row)
        table[row["kind"]][result] += 1
        if result == "wrong":
            wrong.append((row["plan"], row["query"], row["expect"]))
    assert not wrong
    for kind, counts in table.items():
        assert counts["correct"] / sum(counts.values()) >= FLOORS[kind], (kind, dict(counts))


def test_the_reviewers_set_meets_its_floor():
    counts = Counter(outcome(row) for row in REVIEW)
    assert len(REVIEW) >= 150
    assert counts["correct"] / len(REVIEW) >= 0.95 and counts["wrong"] <= 1, dict(counts)


@pytest.mark.parametrize("row", AUDIT, ids=lambda row: f"{row['plan']}:{row['query']}")
def test_the_audit_set_is_answered_as_the_seed_reads(row):
    assert outcome(row) == "correct"
    if "read" in row:
        decision = delegation.load(row["plan"]).decide(row["query"], **row["facts"])
        assert {name: decision.facts[name] for name in decision.facts_from_text} == row["read"]


@pytest.mark.parametrize(
    "text, denied",
    [
        ("Mødediæter til medlemmer, der ikke er byrådsmedlemmer", "byrådsmedlemmer"),
        ("Orlov uden løn til en chef", "løn"),
        ("Åremålsansættelse af en programleder (ikke en chefstilling)", "chefstilling"),
        ("a fixed-term post, not a management post", "management"),
        ("not the budget procedure", "budget"),
        ("ikke den nye chefstilling", "chefstilling"),
    ],
)
def test_a_word_a_negation_denies_is_no_evidence(text, denied):
    """The first word after "ikke", "uden", "not" (past articles and "er") says what the case is
    not: it neither finds a case type nor is shown as a matched word."""
    from delegation.engine.danish import affirmed, lowered_words

    assert denied in lowered_words(text) and denied not in affirmed(lowered_words(text))
    plan = delegation.load("A")
    assert all(denied not in match.words for match in plan_matches(plan, text))
    # what stands before the negation, or past the word it denies, still counts
    assert (
        affirmed(["ikke", "magistraten", "der", "beslutter", "om", "erhvervspuljen"])[-1] == "erhvervspuljen"
    )


def plan_matches(plan, text):
    from delegation.engine.index import index_of
    from delegation.engine.rank import rank

    return rank(plan, index_of(plan), text)


def test_two_amounts_in_a_text_are_not_guessed_between():
    decision = delegation.load("A").decide(
        "anlægsregnskab på 60 mio. kr. med en overskridelse på 300.000 kr."
    )
    assert decision.depends_on == ("amount",) and decision.decides is None
    assert decision.explanation[-1] == (
        "Teksten nævner flere værdier for beløb (60 mio. kr. og 300.000 kr.); ingen af dem er brugt. "
        "Angiv den, der gælder for sagen, som faktum «amount»."
    )
    given = delegation.load("A").decide(
        "anlægsregnskab på 60 mio. kr. med en overskridelse på 300.000 kr.", amount=300_000
    )
    assert given.decides == "afdelingen" and given.facts == {"amount": 300_000}


@pytest.mark.parametrize(
    "plan, text, department",
    [
        ("A", "MBU 2025-0121 Lukning af dagtilbud Regnbuen", "mbu"),
        ("C", "MKB 2025-0333 Lån af kunstværk", "mkb"),
    ],
)
def test_a_case_systems_department_prefix_is_the_suggestion(plan, text, department):
    # The words alone suggested MSB and BA: the prefix names the department.
    decision = delegation.load(plan).decide(text)
    assert not decision.covered and decision.decides is None
    assert decision.suggested_department == department


@pytest.mark.parametrize(
    "plan, text, department",
    [
        # a word of one area outweighs a word two areas share ("drift": MSB's and MTM's)
        ("A", "Ny driftsaftale med Aarhus Symfoniorkester 2026-2029", "mkb"),
        # the department named by its name, not its short name
        ("C", "Hej. Teknik og Miljø overvejer at ændre navnet på Bispetorv", "mtm"),
        ("A", "Navngivning af den nye skole i Lisbjerg", "mbu"),  # "skole" ends "folkeskoler"
        ("A", "Der skal gives bevilling til at bygge en ny daginstitution i Lisbjerg", "mbu"),
        # no area fits: better no suggestion than one from a word's first letters or a word
        # every department could use ("særlige" is no "særudstilling", "tid" no "fritid")
        ("A", "Tilskud på 2,5 mio. kr. til ARoS' særudstilling", None),
        ("B", "Eftergivelse af kommunal fordring på 80.000 kr. over for tidligere ansat", None),
        ("C", "Udpegning af ny databeskyttelsesrådgiver (DPO) for Aarhus Kommune", None),
    ],
)
def test_the_suggested_department_is_the_one_whose_areas_the_text_names(plan, text, department):
    decision = delegation.load(plan).decide(text)
    assert not decision.covered and decision.decides is None
    assert decision.suggested_department == department


def test_an_uncovered_case_is_not_decided_by_a_guess():
    decision = delegation.load("C").decide("ny affaldsordning")
    assert (decision.covered, decision.decides, decision.basis) == (False, None, None)
    assert decision.suggested_department == "mtm"
    given = delegation.load("C").decide("ny affaldsordning", department="mtm")
    assert (given.decides, given.basis, given.suggested_department) == ("mtm", "default", None)


def test_a_case_type_another_draft_lists_is_named_with_its_answer_there():
    decision = delegation.load("B").decide("Ansættelsesforhold for forvaltningschefer")
    assert not decision.covered and not decision.candidates and decision.decides is None
    assert [(k.plan, k.case_type.id, k.decides) for k in decision.known_in] == [
        ("A", "ansaettelsesforhold_forvaltningschefer", "magistraten"),
        ("C", "ansaettelsesforhold_forvaltningschefer", "magistraten"),
    ]
    assert "Plan A: Magistraten beslutter" in decision.explanation[1]


def test_facts_in_the_text_are_read_and_said():
    decision = delegation.load("B").decide("Anlægsregnskab på 75 mio. kr.")
    assert decision.case_type.id == "anlaegsregnskaber"
    assert (decision.facts, decision.facts_from_text) == ({"amount": 75_000_000}, ("amount",))
    assert decision.decides == "magistraten"
    assert "Fakta læst i teksten: beløb = 75 mio. kr." in decision.explanation


def test_a_fact_given_twice_with_different_values_is_refused():
    with pytest.raises(InputError) as error:
        delegation.load("B").decide("Anlægsregnskab på 75 mio. kr.", amount=40_000_000)
    assert error.value.problems[0].field == "facts.amount"
    assert "75 mio. kr." in str(error.value) and "40 mio. kr." in str(error.value)
    same = delegation.load("B").decide("Anlægsregnskab på 75 mio. kr.", amount="75 mio.")
    assert same.facts_from_text == ()


@pytest.mark.parametrize(
    "plan, text, decides, note",
    [
        # the whole range in one band: decided, and said so
        ("A", "Bevillinger fra Erhvervspuljen på mellem 600.000 og 800.000 kr.", "byraadet", "hele spændet"),
        ("B", "Bevillinger fra Erhvervspuljen på 1-3 mio. kr.", "magistraten", "dvs. 1-3 mio. kr.;"),
        (
            "A",
            "Udmøntning fra innovationspuljen på omkring 2,1 mio. kr.",
            "byraadet",
            "dvs. 2.050.000-2.150.000 kr.;",
        ),
        (
            "A",
            "Bevillinger fra Erhvervspuljen på ca. 480.000 kr.",
            "magistraten",
            "dvs. 475.000-485.000 kr.;",
        ),
        # a threshold inside the span: no decider, every band shown, the exact figure asked for
        ("A", "Bevillinger fra Erhvervspuljen på 300.000-600.000 kr.", None, "Angiv det præcise tal"),
        (
            "A",
            "Udmøntning fra innovationspuljen på ca. 2 mio. kr.",
            None,
            "kun beløb som «ca. 2 mio. kr.», dvs. 1,5-2,5 mio. kr.,",
        ),
        ("A", "Bevillinger fra Erhvervspuljen på ca. 500.000 kr.", None, "en grænse i planen"),
        # "knap" is under the number, "godt" past it
        ("A", "Bevillinger fra Erhvervspuljen på godt 500.000 kr.", "byraadet", "500.000,01 kr."),
        ("A", "Udmøntning fra innovationspuljen på knap 2 mio. kr.", "ba", "1.999.999,99 kr."),
    ],
)
def test_a_range_or_an_approximation_is_decided_only_when_the_bands_agree(plan, text, decides, note):
    decision = delegation.load(plan).decide(text)
    assert decision.decides == decides
    assert (decision.depends_on == ("amount",)) is (decides is None)
    assert any(note in line for line in decision.explanation), decision.explanation
    [quantity] = quantities(text)
    if quantity.spread:  # a figure in the span given as a fact counts, and the span is not mentioned
        given = delegation.load(plan).decide(text, amount=quantity.spread[1])
        assert given.decides is not None and not any("spænd" in line for line in given.explanation)
        with pytest.raises(InputError) as error:  # one outside it is refused, the span named
            delegation.load(plan).decide(text, amount=quantity.spread[1] + 1)
        assert f"-{format_quantity(quantity.spread[1], 'kr.')}" in str(error.value)


@pytest.mark.parametrize(
    "text, deciders",
    [
        ("Bevilling fra Erhvervspuljen på over 300.000 kr.", ["magistraten", "byraadet"]),
        ("Erhvervspuljen under en halv million", ["ba", "magistraten"]),
        ("Grants from the business pool above DKK 300,000", ["magistraten", "byraadet"]),
        ("Erhvervspuljen, mellem 100.000 og 200.000 kr.", None),  # one band holds it all: answered
    ],
)
def test_a_range_across_thresholds_lists_only_the_bands_it_meets(text, deciders):
    """All three of Erhvervspuljen's bands were listed for "over 300.000 kr.", the default under
    250.000 kr. among them (audit, 2026-11-28)."""
    decision = delegation.load("A").decide(text)
    if deciders is None:
        assert decision.decides == "ba" and not decision.outcomes
        return
    assert [band.decides for band in decision.outcomes] == deciders
    assert set(decision.bodies) == set(deciders)
    everything = delegation.load("A").decide("Bevillinger fra Erhvervspuljen")
    assert len(everything.outcomes) == 3  # without a figure, every band


def test_the_numbers_of_a_pasted_bullet_are_not_facts():
    decision = delegation.load("A").decide(
        "Udmøntninger fra innovationspuljen over 2 mio. kr. efter indstilling fra Direktørgruppen"
    )
    assert decision.case_type.id == "innovationspuljen" and decision.facts == {}
    assert decision.depends_on == ("amount",)


SIBLINGS = """
plan S { municipality "Søskende Kommune" }
thesaurus { ignore "over" "på" }
fact amount "beløb" unit "kr."
body raadet { name "Kommunalbestyrelsen" kind council }
body udvalget { name "Økonomiudvalget" kind committee }
body afd { name "Forvaltningen" kind department }
section s "Sager" owner afd
case regnskaber {
  title "Anlægsregnskaber"
  section s
  rule { decides raadet basis lovbestemt cite "h": "Anlægsregnskaber" }
}
case regnskaber_store {
  title "Anlægsregnskaber over 50 mio."
  section s
  rule when amount > 50 mio. kr. { decides udvalget basis byraadsbestemt cite "h": "Anlægsregnskaber over 50 mio." }
}
"""


def test_facts_choose_between_siblings(tmp_path):
    path = tmp_path / "s.dlg"
    path.write_text(SIBLINGS, encoding="utf-8")
    plan = delegation.load(path)
    # A title typed as the plan writes it, with a fact only its sibling has a threshold for.
    chosen = plan.decide("Anlægsregnskaber", amount="75 mio.")
    assert (chosen.case_type.id, chosen.decides) == ("regnskaber_store", "udvalget")
    assert "de oplyste fakta" in chosen.explanation[0]
    assert plan.decide("anlægsregnskab på 75 mio. kr.").case_type.id == "regnskaber_store"
    assert plan.decide("anlægsregnskab på 20 mio. kr.").case_type.id == "regnskaber"
    # Without the fact the answer depends on it: both, each with its threshold.
    depends = plan.decide("Anlægsregnskaber")
    assert [(c.id, c.condition) for c in depends.candidates] == [
        ("regnskaber", None),
        ("regnskaber_store", "beløb: over 50 mio. kr."),
    ]


DISTINCT = """
plan V { municipality "Valg Kommune" }
thesaurus {
  ignore "over" "af" "til"
  distinct "kommunalvalg" "byrådsvalg" "folketingsvalg" "folketinget" "ungebyråd"
  distinct "køb" "salg"
}
body raadet { name "Kommunalbestyrelsen" kind council }
body afd { name "Forvaltningen" kind department }
section s "Sager" owner afd
case valgklage {
  title "Klage over kommunalvalg"
  alias "valgklage" "klage over byrådsvalget"
  section s
  rule { decides raadet basis lovbestemt cite "h": "Klage over kommunalvalg" }
}
case koeb { title "Køb af jord" section s rule { decides afd basis praksis cite "h": "Køb af jord" } }
case salg { title "Salg af jord" section s rule { decides raadet basis praksis cite "h": "Salg af jord" } }
case skoede {
  title "Skøder ved køb og salg af jord"
  section s
  rule { decides afd basis praksis cite "h": "Skøder ved køb og salg af jord" }
}
"""


@pytest.mark.parametrize(
    "text, found",
    [
        ("Klage over kommunalvalget", "valgklage"),
        ("valgklage", "valgklage"),
        # another election, named in a compound, by its body, or by a body in its own right
        ("Klage over folketingsvalget", None),
        ("Klage over valget til Folketinget", None),
        ("Klage over valget til Ungebyrådet", None),
        # ... unless the text names the case type's own term too, whichever of its own
        ("Klage over kommunalvalget og folketingsvalget", "valgklage"),
        # a case type named by both terms is about either
        ("Skøder ved salg af jord", "skoede"),
        ("Salg af jord", "salg"),
        ("Køb af jord", "koeb"),
    ],
)
def test_a_distinct_term_keeps_a_text_from_the_case_types_another_term_names(tmp_path, text, found):
    """The thesaurus's `distinct` groups: a text naming one term is not about a case type that
    another term names, unless the text names that one too; alone and in a batch, from the
    parsed plan and from its compiled cache."""
    from delegation.engine.batch import Batch
    from delegation.engine.index import index_from_data, index_of, index_to_data
    from delegation.engine.resolve import resolve_case

    path = tmp_path / "v.dlg"
    path.write_text(DISTINCT, encoding="utf-8")
    plan = delegation.load(path)
    assert plan.thesaurus.distinct[0][:3] == ("kommunalvalg", "byrådsvalg", "folketingsvalg")
    decision = plan.decide(text)
    assert (decision.case_type.id if decision.case_type else None) == found
    assert all(c.id != "valgklage" for c in decision.candidates) or found == "valgklage"
    assert resolve_case(plan, text, batch=Batch()) == resolve_case(plan, text)
    assert index_from_data(index_to_data(index_of(plan))).distinct == index_of(plan).distinct


def test_a_former_id_resolves_to_the_case_type_it_became():
    decision = delegation.load("B").decide("anlaegsregnskaber_over_50_mio", amount="60 mio.")
    assert (decision.case_type.id, decision.decides) == ("anlaegsregnskaber", "magistraten")
    assert "tidligere id anlaegsregnskaber_over_50_mio" in decision.explanation[0]
    assert (
        delegation.load("A").decide("anlaegsregnskaber_over_50_mio", amount="50 mio.").decides == "byraadet"
    )


@pytest.mark.parametrize(
    "text",
    [
        "hvem skal godkende det?",
        "2025 2026",
        "x" * 10_000,
        "\x00\x1b[31m\u202e",
        "🙂🙂 budget 🙂",
        "a" * 300 + " årsregnskab",
    ],
)
def test_bad_text_gets_a_clear_answer(text):
    decision = delegation.load("A").decide(text)
    assert decision.explanation
    assert decision.case_type is None or decision.covered


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_no_text_is_refused_as_no_case(text):
    """No words at all is no case (as the command line and the service say), not one the plan lacks."""
    with pytest.raises(InputError) as error:
        delegation.load("A").decide(text)
    assert (error.value.problems[0].key, error.value.field) == ("request.no_case", "case")


def test_long_text_is_cut_and_the_answer_says_so():
    decision = delegation.load("A").decide("årsregnskab " + "bla " * 200)
    assert any("første 300 tegn" in line for line in decision.explanation)


# Every case type id main shipped before the front door (case systems store them).
SHIPPED_IDS = {"anlaegsregnskaber_over_50_mio": "anlaegsregnskaber"}


def test_every_shipped_case_type_id_still_resolves():
    for plan in delegation.plans():
        for case_id in [*plan.case_types, *SHIPPED_IDS]:
            assert plan.decide(case_id).case_type.id == SHIPPED_IDS.get(case_id, case_id)


def test_no_memo_grows_with_what_users_type(tmp_path):
    plan = delegation.load("A")
    plan.decide("erhvervspuljen", amount=1)
    plan.decide("hvem godkender årsregnskabet")
    before = len(plan.memo)
    for number in range(500):
        plan.decide(f"hvem godkender årsregnskabet {number} gange")
        plan.decide(f"årsregnskab{'x' * (number % 7)}")
        plan.decide("x", kle=f"{number % 100:02d}.{number // 100:02d}.00")
    assert len(plan.memo) - before <= 5


def test_a_fact_the_case_type_does_not_use_is_named_with_the_one_it_needs():
    decision = delegation.load("A").decide("resultatløn", amount=40_000)
    assert decision.depends_on == ("annual_amount",)
    assert any(
        "bruger ikke beløb (40.000 kr.), men samlet årligt beløb" in line for line in decision.explanation
    )
    assert any("--fact annual_amount=" in line for line in decision.explanation)


def test_a_fact_the_case_type_reads_is_never_said_to_be_unused():
    # Its rule reads both amounts ("over 25.000 kr. eller i alt årligt over 450.000 kr."): given
    # one, the answer depends on the other, and neither is a fact the case type "does not use".
    decision = delegation.load("B").decide("integrationspolitikken_stoette", amount=1)
    assert decision.depends_on == ("annual_amount",)
    assert not any("bruger ikke" in line for line in decision.explanation), decision.explanation


def test_bands_for_any_value_of_a_given_fact_keep_the_memo_as_small_as_the_plan():
    plan = delegation.load("B")
    plan.decide("integrationspolitikken_stoette", amount=1)
    before = len(plan.memo)
    for amount in range(0, 5_000_000, 997):
        decision = plan.decide("integrationspolitikken_stoette", amount=amount)
        assert decision.depends_on == (() if amount > 25_000 else ("annual_amount",))
    assert len(plan.memo) - before <= 3  # the rule's decision, its receipt and its explanation


def test_a_department_decides_by_its_head_and_is_involved_by_its_name():
    from delegation.engine.wording import outcome_sentence

    plan = delegation.load("A")
    involved = plan.decide("ansaettelsesforhold_direktoerer")
    assert outcome_sentence(plan, involved) == "Byrådet beslutter. Borgmesterens Afdeling (BA) inddrages."
    deciding = plan.decide("generationsskifteordninger")
    assert outcome_sentence(plan, deciding).startswith("Borgmesteren (BA) beslutter.")
    assert delegation.diff("A", "B").legend.administrations["ba"] == "Borgmesterens Afdeling (BA)"


_LETTERS = st.text(alphabet="abeklnorsæø", min_size=0, max_size=9)


@given(_LETTERS, _LETTERS, st.integers(0, 3))
def test_within_is_levenshtein_at_most(one, other, edits):
    """distance.within (rapidfuzz's import kept off the command's path) against rapidfuzz itself."""
    from rapidfuzz.distance import Levenshtein

    from delegation.engine.distance import within

    assert within(one, other, edits) == (Levenshtein.distance(one, other) <= edits)


@given(
    st.text(alphabet="abeklnors", min_size=4, max_size=9), st.lists(_LETTERS.map("a".__add__), max_size=30)
)
def test_a_typo_is_read_as_rapidfuzz_would_read_it(key, vocabulary):
    """The stem a typo stands for: the fewest edits, then the vocabulary's order, as extractOne."""
    from types import SimpleNamespace

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from delegation.engine.rank import _typo

    key = "a" + key
    index = SimpleNamespace(vocabulary=list(dict.fromkeys(vocabulary)))
    limit = 1 if len(key) <= 6 else 2
    found = process.extractOne(key, index.vocabulary, scorer=Levenshtein.distance, score_cutoff=limit)
    assert _typo(index, key) == (found[0] if found else None)


@given(st.text(alphabet="abdeforsæå", max_size=25), st.text(alphabet="abdeforsæå", max_size=25))
def test_an_areas_word_is_scored_as_rapidfuzz_scores_it(one, other):
    from rapidfuzz import fuzz

    from delegation.engine.distance import ratio

    assert ratio(one, other) == pytest.approx(fuzz.ratio(one, other))


@pytest.mark.parametrize(
    "text",
    ["pr. 1. juli 2025", "den 31. marts", "1. januar 2026", "fra 1 July 2025", "on July 1, 2025"],
)
def test_a_date_written_with_its_month_is_no_amount_and_finds_no_case_type(text):
    """A date says when, not what: its numbers are no quantity, and its words ("juli", read as a
    typo of the "juni" of "Forventet regnskab pr. ultimo juni") weigh nothing in the ranking."""
    assert quantities(f"Ændring af affaldstakster {text}") == []
    amount = quantities(f"Tilskud {text} på 300.000 kr.")
    assert [q.value for q in amount] == [300000.0]
    for plan_id in "ABC":
        decision = delegation.load(plan_id).decide(f"Ændring af affaldstakster {text}")
        assert decision.case_type is not None and decision.case_type.id == "takstaendringer_i_budgetaaret"


def test_an_english_month_needs_its_year_to_be_a_date():
    assert [q.value for q in quantities("if 5 may be moved")] == [5.0]
    assert [q.value for q in quantities("maj 5 personer")] == [5.0]


@pytest.mark.parametrize(
    "text, amount",
    [
        ("Tilskud pr. 1. maj 2500 kr.", 2500.0),  # not a year: no 19xx or 20xx
        ("Tilskud den 3. december 2000 kr.", 2000.0),  # a year-like number that is an amount
        ("Grant on July 1, 2025 DKK 5,000", 5000.0),  # a currency before a number is that number's
        ("Tilskud pr. 1. januar 2026 kr. 300.000", 300000.0),
        ("Bevilling 2025/26 kr. 300.000", 300000.0),  # a fiscal year: two years, no amount, no range
        ("Budget 2025-2026 på 300.000 kr.", 300000.0),
    ],
)
def test_an_amount_after_a_date_is_read(text, amount):
    assert [q.value for q in quantities(text)] == [amount]


def test_two_numbers_that_are_not_consecutive_years_stay_numbers():
    assert [q.value for q in quantities("Bevilling 2025/27 kr. 300.000")] == [2025.0, 27.0, 300000.0]


def test_one_likely_case_type_under_the_answering_score_is_asked_about():
    """One case type far ahead of the rest but not clearly named is offered as the one candidate
    (exit 3, covered false), not answered "not in the plan" with it named only in a sentence; a
    lone weak one (under ASK_SCORE) is not offered."""
    from delegation.engine.resolve import ASK_SCORE

    for plan_id in "ABC":
        plan = delegation.load(plan_id)
        for text, case in [
            ("kommunplan revision", "kommuneplan"),
            ("Ny bestyrelse i selvejende daginstitution", "dispositioner_selvejende_institutioner"),
        ]:
            decision = plan.decide(text)
            assert [c.id for c in decision.candidates] == [case], (plan_id, text)
            assert decision.ambiguous and not decision.covered and decision.case_type is None
            assert ASK_SCORE <= decision.candidates[0].score
            assert decision.explanation == (
                "Teksten passer måske på sagstypen nedenfor, men ikke tydeligt nok til, at den er valgt; "
                "bekræft den med dens id, eller skriv en mere præcis tekst.",
            )
        for text in ("boligstøtte", "Tilskud til kunstnere", "Takster for plejehjem"):
            # under ASK_SCORE; or found by a word that finds other case types too ("tilskud")
            weak = plan.decide(text)
            assert not weak.candidates and not weak.covered, (plan_id, text)
    english = delegation.load("A").decide("kommunplan revision", lang="en")
    assert english.explanation[0].startswith("The text may fit the case type below")


def test_a_department_naming_itself_first_is_who_has_the_case_not_what_it_is():
    """ "Teknik og Miljø ønsker at ..." as "MTM ønsker at ...": the sender's name at the start of a
    subject or a mail is left out of the ranking; further in, the plan's own words count. The
    sender has the case: it is the plan's "the department" (plan B's Udlicitering), where the
    caller names none; a name after "Hej" is whom the mail is written to, no sender."""
    senders = {  # how the text opens -> whether it names the sender (a prefix set apart)
        "Teknik og Miljø ønsker at": False,  # who acts in the sentence, not a subject's prefix
        "SV: MTM - ønsker at": True,
        "Teknik og Miljø: vi ønsker at": True,
        "Hej, Magistratsafdelingen for Teknik og Miljø - vi ønsker at": False,  # whom it is written to
        "MTM/MBU - vi ønsker at": False,  # another department named: whose case is it?
    }
    for plan_id, decides in [("A", "byraadet"), ("B", "mtm"), ("C", "byraadet")]:
        plan = delegation.load(plan_id)
        for opening, named in senders.items():
            decision = plan.decide(f"{opening} udlicitere vejservice med 25 ansatte")
            assert decision.case_type is not None and decision.case_type.id == "udlicitering", opening
            relative = plan_id == "B"
            assert decision.decides == ("afdelingen" if relative and not named else decides), opening
            assert decision.facts == {"persons": 25}
            assert decision.department_from_text == ("mtm" if relative and named else None)
            noted = "Den afdeling, der har sagen, er læst i tekstens begyndelse: Rådmanden (MTM)."
            assert (noted in decision.explanation) is (relative and named)
    # A sender the plan involves in the case is that party, not its department: "Borgmesterens
    # Afdeling skal inddrages i sager om uansøgt afskedigelse af øvrige personale".
    involved = delegation.load("A").decide("BA/Jura - forlig i sag om uansøgt afskedigelse af en pædagog")
    assert (involved.decides, involved.department_from_text, involved.involve) == (
        "afdelingen",
        None,
        ("ba",),
    )
    told = delegation.load("B").decide("MTM - udlicitering af vejservice med 25 ansatte", department="mkb")
    assert told.decides == "mkb" and told.department_from_text is None  # the caller's department wins
    from delegation.engine.index import index_of
    from delegation.engine.resolve import without_departments

    plan = delegation.load("A")
    index = index_of(plan)
    assert without_departments(plan, index, "Tilskud til børn og unge") == ("Tilskud til børn og unge", None)
    assert without_departments(plan, index, "Hej, MBU her. Skal BA inddrages?") == (
        "Hej,   her. Skal BA inddrages?",
        None,
    )
    assert without_departments(plan, index, "Fra MBU: lukning af dagtilbud") == (
        "Fra  : lukning af dagtilbud",
        "mbu",
    )
    assert without_departments(plan, index, "MTM") == ("MTM", None)  # nothing else to read


@pytest.mark.parametrize(
    "text, written",
    [
        ("vedr. anlægsbevill. cykelsti", "vedr. anlægsbevillinger cykelsti"),  # "vedr.": too short
        ("Udlic. af parkdrift", "Udlicitering af parkdrift"),
        ("takstændr. svømmehaller", "takstændringer svømmehaller"),
        ("ans. af direktør", "ans. af direktør"),  # too short: ansættelse, ansøgning, ansvar
        ("ny lokal byggesag", "ny lokal byggesag"),  # no full stop: a word of its own
        ("bevil. til projekt", "bevil. til projekt"),  # begins words of several stems
        ("om takster.", "om takster."),  # a plan word at a sentence's end
        ("Ansøgning om tillæg. ny cykelsti", "Ansøgning om tillæg. ny cykelsti"),  # begins tillægs|bevilling
        ("Ny cykelsti i Aarhus.", "Ny cykelsti i Aarhus."),  # a sentence's end
    ],
)
def test_a_word_cut_short_is_written_out_as_the_plan_word_it_begins(text, written):
    from delegation.engine.abbreviations import written_out
    from delegation.engine.index import index_of

    assert written_out(index_of(delegation.load("A")), text) == written


def test_a_department_name_with_a_dotless_i_is_no_crash():
    """Under IGNORECASE "i" matches "ı": the name's casefold was no key of the departments (500)."""
    for text in ("Kultur og Borgerservıce: lukning af bibliotek", "MBU İ: udlicitering"):
        decision = delegation.load("A").decide(text)
        assert decision.department_from_text is None


@pytest.mark.parametrize(
    "text, body",
    [
        (
            "Hej Anne,\nHvem godkender årsregnskabet?\n\nMvh\nPer Hansen\nTlf. 8940 2000",
            "Hvem godkender årsregnskabet?\n",
        ),
        (  # a greeting running on into the question stays: its words are ignored
            "Dear colleagues, who approves the annual accounts? Kind regards, John",
            "Dear colleagues, who approves the annual accounts?",
        ),
        ("Hej, hvem beslutter om erhvervspuljen? Mvh Anna", "Hej, hvem beslutter om erhvervspuljen?"),
        ("Kære Borgmesterens Afdeling,\nskal BA inddrages?", "skal BA inddrages?"),
        ("Mvh Anna", "Mvh Anna"),  # nothing else: the text as it is
        ("Bevillinger fra Erhvervspuljen", "Bevillinger fra Erhvervspuljen"),
        # a greeting line with its subject stays; what follows a signature goes on with the case
        (
            "Hej Jens, angående personalepolitikken\nSkal den i byrådet?",
            "Hej Jens, angående personalepolitikken\nSkal den i byrådet?",
        ),
        (
            "Kort spørgsmål\nMvh Peter\nPS: Skal anlægsregnskabet i byrådet?",
            "Kort spørgsmål\nPS: Skal anlægsregnskabet i byrådet?",
        ),
        (
            "Se nedenfor.\nMvh Anna\n\nFra: Jens\nEmne: Kommuneplantillæg",
            "Se nedenfor.\nFra: Jens\nEmne: Kommuneplantillæg",
        ),
        # "hilsen" with more on its line is no sign-off
        (
            "Festuge. Hilsen fra byrådet indgår i erhvervspuljen",
            "Festuge. Hilsen fra byrådet indgår i erhvervspuljen",
        ),
    ],
)
def test_a_mails_greeting_and_signature_are_not_its_case(text, body):
    """The signature's name, title, department and telephone number lowered a clear text to "not
    in the plan" (audit of 2026-11-28); a greeting alone on its line, with its addressee, goes too.
    A sixth audit found the first cut too wide (a subject on the greeting's line, a PS or a quoted
    mail after the signature, "Hilsen fra ..." in a sentence): each is read again."""
    from delegation.engine.mailtext import mail_body

    assert mail_body(text) == body


def test_the_question_of_a_text_of_two_matters_says_which_it_is_about():
    """ "... søge en tillægsbevilling på 4 mio. kr. Hvem bevilger tillægsbevillingen?" asked back
    between the half-year accounts and the supplementary appropriation: the last question, ranked
    alone, tells them apart. Only between the case types the whole text found, and only when one
    clearly leads; a text of one sentence is left as it is."""
    from delegation.engine.index import index_of
    from delegation.engine.question import asked_about

    plan = delegation.load("A")
    index = index_of(plan)
    both = ("halvaarsregnskab", "tillaegsbevillinger")
    text = "Halvårsregnskabet viser merforbrug, og vi søger en tillægsbevilling. Hvem bevilger tillægsbevillingen?"
    assert asked_about(plan, index, text, both, 8.0) == ("tillaegsbevillinger", ("tillægsbevillingen",))
    assert asked_about(plan, index, "Halvårsregnskab og tillægsbevilling?", both, 8.0) is None  # one sentence
    assert asked_about(plan, index, "Halvårsregnskab og tillægsbevilling. Hvem beslutter?", both, 8.0) is None
    # a question of fact is not what the text asks the plan
    fact = (
        "Halvårsregnskabet viser merforbrug, og vi søger en tillægsbevilling. Hvad koster tillægsbevillingen?"
    )
    assert asked_about(plan, index, fact, both, 8.0) is None


@pytest.mark.parametrize(
    "text, expect",
    [
        ("Åremålsansættelse af en programleder (ikke en chefstilling)", "?"),  # asked: øvrige
        ("Årsregnskabet er endnu ikke godkendt. Hvem skal behandle det?", "aarsregnskab"),
        ("Byrådet er ikke orienteret om rentehenstanden på 2 mio. kr.", "rentehenstand"),
        ("Tillægsbevilling på 2 mio. kr. – ikke drift, men anlæg – hvem bevilger?", "tillaegsbevillinger"),
    ],
)
def test_a_denial_chooses_between_close_candidates_and_takes_out_nothing_else(text, expect):
    """A denied word takes out a case type only where another, found by the same words, was close
    behind it: taking out every case type whose name held the word made 23 of 61 texts "not in the
    plan" or another case ("ikke orienteret", "ikke godkendt": a denial about something else)."""
    decision = delegation.load("A").decide(text)
    if expect == "?":
        assert [c.id for c in decision.candidates] == ["aaremaal_oevrige"]
    else:
        assert decision.case_type is not None and decision.case_type.id == expect


def _answer(decision) -> str | None:
    if decision.candidates:
        return "?"
    return decision.case_type.id if decision.case_type else None


@pytest.mark.parametrize("plan_id", "ABC")
def test_a_compound_written_apart_names_its_case_type(plan_id):
    """Every one-word name of a case type that is a compound of two plan words, written as two
    ("kommune plan", "tillægs bevilling", "handicap politik"), names the case type as it does whole."""
    from delegation.engine.danish import fold, split_compound
    from delegation.engine.index import index_of

    plan = delegation.load(plan_id)
    index = index_of(plan)
    tried = []
    for case in plan.case_types.values():
        for name in (case.title, *case.aliases):
            parts = (
                split_compound(fold(name.lower()), index.known)
                if " " not in name and "-" not in name
                else None
            )
            if parts and len(parts) == 2:
                text = f"{name[: len(parts[0])]} {name[len(parts[0]) :]}"
                tried.append((text, case.id, _answer(plan.decide(text))))
    assert len(tried) >= 40
    assert [(text, want) for text, want, got in tried if got != want] == []


@pytest.mark.parametrize(
    "text, expect",
    [
        ("Forhøjelse af taksten for SFO fra 1. august", "takstaendringer_i_budgetaaret"),  # a takstforhøjelse
        ("styrelses vedtægt", "aendring_af_styrelsesvedtaegten"),
        ("kasse og regnskabs regulativ", "kasse_og_regnskabsregulativ"),
        ("der er uenighed i direktørgruppen", "it_puljen_tilskud_ved_uenighed"),  # "der er" is no "derer"
    ],
)
def test_two_words_that_make_a_plan_word_are_read_as_it(text, expect):
    assert _answer(delegation.load("A").decide(text)) == expect


@pytest.mark.parametrize(
    "text, expect",
    [
        ("Direktøren for Sundhed og Omsorg søger tillægsbevilling til hjemmeplejen", "tillaegsbevillinger"),
        ("Forvaltningschefen i MTM indstiller anlægsbevilling til ny bro over Åen", "anlaegsbevillinger"),
        ("Direktøren indstiller afskedigelse af forvaltningschef", "ansaettelsesforhold_forvaltningschefer"),
        # the words before the verb still count, less: here they are the matter
        ("Tillægsbevilling MSO søger om 2 mio. til hjemmepleje", "tillaegsbevillinger"),
    ],
)
def test_who_asks_for_a_case_is_not_what_it_is(text, expect):
    """The words before "søger", "indstiller" (a title and its department) say who asks: a
    director's title in them is no director's appointment or pay."""
    assert _answer(delegation.load("A").decide(text)) == expect


def test_a_month_the_plan_names_is_kept_with_its_date():
    """A date's month is dropped (its numbers are no amount, "juli" no typo of "juni"), unless the
    plan itself names that month: it tells the June and September bullets apart."""
    plan = delegation.load("A")
    assert _answer(plan.decide("Forventet regnskab pr. 30. september – MSO's indstilling")) == (
        "forventet_regnskab_september"
    )
    assert _answer(plan.decide("Forventet regnskab pr. 30. juni")) == "forventet_regnskab_juni"
    assert _answer(plan.decide("Takstændring pr. 1. juli 2025")) == "takstaendringer_i_budgetaaret"


def test_under_before_a_word_is_not_under_the_amount_that_follows_it():
    """ "støtte under integrationspolitikken 100.000 kr." is 100.000 kr. (the bullet's own words);
    a unit word before the number still takes the mark: "over løntrin 52" is past step 52."""
    decision = delegation.load("A").decide(
        "Sociale Forhold og Beskæftigelse: støtte til projekt under integrationspolitikken 100.000 kr."
    )
    assert decision.case_type.id == "integrationspolitikken_stoette"
    assert decision.facts["amount"] == 100_000 and decision.decides == "byraadet"
    (quantity,) = quantities("under integrationspolitikken 100.000 kr.")
    assert quantity.past == 0 and quantity.spread is None
    (step,) = quantities("ansættelse over løntrin 52")
    assert step.past == 1


@pytest.mark.parametrize("plan_id", "ABC")
def test_weak_candidates_found_by_one_word_are_not_offered(plan_id):
    """The plan's two complaints, found by "klage" alone and under the asking score, are no
    choice to offer for a complaint about home care: the plan does not list it."""
    decision = delegation.load(plan_id).decide("Klage over afgørelse om hjemmehjælp")
    assert decision.candidates == () and decision.case_type is None and not decision.covered


@pytest.mark.parametrize(
    "text",
    [
        "Stadsdirektøren skal have en individuel seniorordning, så hun kan gå ned i tid de sidste to år. "
        "Hvem godkender seniorordningen?",
        "Havnedirektøren har fået tilbudt en fratrædelsesordning efter uenighed med bestyrelsen. "
        "Hvem skal godkende ordningen, og hvem skal orienteres forinden?",
    ],
)
def test_a_compound_names_its_last_part_in_a_case_type_that_names_the_compound(text):
    """A havnedirektør is a direktør of "fratrædelsesordning for direktør", in the case type whose
    title names havnedirektøren: a long question's context no longer drowns it (answered, or
    offered as the one candidate). In plan B, which has no forvaltningschefer bullet, a
    forvaltningschef is still no chef of "andre chefer"."""
    for plan_id in "ABC":
        decision = delegation.load(plan_id).decide(text)
        found = [decision.case_type.id] if decision.case_type else [c.id for c in decision.candidates]
        assert found == ["ansaettelsesforhold_direktoerer"], plan_id
    assert delegation.load("B").decide("afskedigelse af forvaltningschef").case_type is None


def test_neither_nor_denies_both():
    """ "hverken på åremål eller på kontrakt" is neither: no contract hire of a school head."""
    from delegation.engine.danish import affirmed, denied

    words = "er hverken på åremål eller på kontrakt men fast".split()
    assert denied(words) == ["åremål", "kontrakt"] and affirmed(words) == ["er", "men", "fast"]
    decision = delegation.load("B").decide(
        "Børn og Unge skal ansætte en ny skoleleder på Tilst Skole. Stillingen er en almindelig "
        "lederstilling på overenskomst og er hverken på åremål eller på kontrakt. Hvem ansætter skolelederen?"
    )
    assert decision.case_type is None and decision.candidates == ()
