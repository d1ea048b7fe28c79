"""`delegation.diff`: properties, golden changes between plans A, B and C, and the workload counts."""

from __future__ import annotations

import json
from itertools import permutations

import pytest
from conftest import golden_cases

import delegation
from delegation.analysis.diffing import PlanDiff
from delegation.plandata import as_data
from delegation.presentation.diff_words import Words

PLANS = ("A", "B", "C")
PAIRS = [("A", "B"), ("A", "C"), ("B", "C")]
GOLDEN = golden_cases("diff")
OUTCOME_KEYS = ("decides", "decides_if", "basis", "inform", "involve", "involve_if", "recommends")


@pytest.fixture(scope="module")
def diffs() -> dict[tuple[str, ...], PlanDiff]:
    """Every ordered pair of the Aarhus plans, and A, B, C together."""
    found = {pair: delegation.diff(*pair) for pair in permutations(PLANS, 2)}
    found[PLANS] = delegation.diff(*PLANS)
    return found


def _by_id(diff: PlanDiff) -> dict:
    return {change.case_type: change for change in diff.changes}


# --- properties ---------------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", PLANS)
def test_a_plan_against_itself_has_no_changes(plan_id):
    result = delegation.diff(plan_id, plan_id)
    assert result.plan_ids == [plan_id, f"{plan_id}#2"]
    assert len(result.changes) == len(delegation.load(plan_id).case_types)
    assert {c.change for c in result.changes} == {"unchanged"}
    assert not any(band.changed for c in result.changes for band in c.bands)
    assert not any(c.moves for c in result.changes)
    assert result.flows == ()
    assert result.workload[plan_id] == result.workload[f"{plan_id}#2"]
    assert delegation.diff(plan_id, plan_id, only_changed=True).changes == ()


@pytest.mark.parametrize("old, new", PAIRS)
def test_diff_b_a_is_the_mirror_of_diff_a_b(diffs, old, new):
    forward, backward = diffs[old, new], diffs[new, old]
    mirror = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}
    assert set(_by_id(forward)) == set(_by_id(backward))
    for case_id, there in _by_id(forward).items():
        back = _by_id(backward)[case_id]
        assert back.change == mirror[there.change], case_id
        assert (back.moves, back.placements) == (there.moves, there.placements), case_id
        assert [(b.condition, b.example, b.changed, b.outcomes, b.citations) for b in back.bands] == [
            (b.condition, b.example, b.changed, b.outcomes, b.citations) for b in there.bands
        ], case_id
    assert forward.workload == backward.workload
    assert {(f.to_plan, f.from_plan, f.to, f.from_, f.count) for f in forward.flows} == {
        (f.from_plan, f.to_plan, f.from_, f.to, f.count) for f in backward.flows
    }


@pytest.mark.parametrize("plans", [*PAIRS, PLANS], ids=lambda p: "".join(p))
def test_every_band_outcome_is_what_decide_answers_for_its_example(diffs, plans):
    loaded = {plan_id: delegation.load(plan_id) for plan_id in plans}
    checked = 0
    for change in diffs[plans].changes:
        for band in change.bands:
            for plan_id, outcome in band.outcomes.items():
                plan = loaded[plan_id]
                if outcome is None:
                    assert change.case_type not in plan.case_types
                    continue
                decision = plan.decide(change.case_type, **band.example).to_dict()
                assert not decision["depends_on"], (plan_id, change.case_type, band.condition)
                expected = {key: decision[key] for key in OUTCOME_KEYS}
                assert as_data(outcome) == expected, (
                    plan_id,
                    change.case_type,
                    band.condition,
                )
                assert band.citations[plan_id] == decision["citation"]
                checked += 1
    assert checked > 2 * 71


def test_bands_cover_each_case_type_once_and_merge_equal_neighbours(diffs):
    for change in diffs[PLANS].changes:
        outcomes = [tuple(b.outcomes.values()) for b in change.bands]
        if len(change.bands) == 1:
            assert change.bands[0].condition == ""
        one_fact = all(" og " not in b.condition for b in change.bands)
        if one_fact:
            assert all(a != b for a, b in zip(outcomes, outcomes[1:])), change.case_type


# --- golden changes -----------------------------------------------------------------------------


def _golden_id(case: dict) -> str:
    return "".join(case["plans"]) + ":" + case["case"]


@pytest.mark.parametrize("case", GOLDEN, ids=[_golden_id(c) for c in GOLDEN])
def test_golden_change(diffs, case):
    result = diffs[tuple(case["plans"])]
    change = _by_id(result)[case["case"]]
    words = Words(result)
    assert change.change == case["change"], case["seed"]
    assert list(change.moves) == case.get("moves", []), case["seed"]
    got = []
    for band, (_, expected) in zip(change.bands, case["bands"]):
        if isinstance(expected, dict):
            got.append([band.condition, {p: o.decides if o else None for p, o in band.outcomes.items()}])
        else:
            said = words.change(*band.outcomes.values()) if band.changed else "uændret"
            got.append([band.condition, said])
    assert len(change.bands) == len(case["bands"]), case["seed"]
    assert got == case["bands"], case["seed"]


def test_enough_golden_changes_over_all_pairs():
    changed = [c for c in GOLDEN if c["change"] != "unchanged"]
    assert len(changed) >= 10
    assert {tuple(c["plans"]) for c in GOLDEN} >= set(PAIRS)


# --- workload -----------------------------------------------------------------------------------
# Counting rule (docs/diff.md): per plan, a case type counts once for a body under "decides" if the
# body decides it in at least one band (the default competence included); under "briefed_before"
# if the body is told before the decision in at least one band; under "informed_after" if it is told
# afterwards or periodically in at least one band. Relative bodies (afdelingen, fagudvalg) count as
# themselves. Checked by hand against rules/plan_*.dlg (rule by rule, `decides` and `inform` lines).

COUNCIL_A = """overordnede_retningslinjer_revision klage_over_bevillingsnaevnets_afgoerelse
    klage_over_kommunalvalg aendring_af_styrelsesvedtaegten kommuneplan planstrategi
    forslag_til_aarsbudget kasse_og_regnskabsregulativ laanoptagelse_likviditet_kassebeholdning
    byraadets_interne_forhold erhvervsplan fortaellingen_om_aarhus oekonomisk_politik personalepolitik
    medborgerskabspolitik handicappolitik erhvervspuljen innovationspuljen integrationspolitikken_stoette
    budgetprocedure pris_og_loenskoen budget_herunder_takster takstaendringer_i_budgetaaret
    halvaarsregnskab aarsregnskab revisionsberetninger anlaegsbevillinger anlaegsregnskaber
    tillaegsbevillinger ansaettelsesforhold_direktoerer
    bemyndigelse_til_underskrift tilsynssager dispositioner_selvejende_institutioner udlicitering
    overskridelse_anlaegsbevilling kb_bevillinger""".split()
# B: the 16 statutory bullets and the procedurekrav on KB-bevillinger stay with the council.
MOVED_FROM_COUNCIL_IN_B = """erhvervsplan fortaellingen_om_aarhus oekonomisk_politik personalepolitik
    medborgerskabspolitik handicappolitik erhvervspuljen innovationspuljen integrationspolitikken_stoette
    budgetprocedure pris_og_loenskoen ansaettelsesforhold_direktoerer
    dispositioner_selvejende_institutioner udlicitering overskridelse_anlaegsbevilling""".split()
# C: as A, except Erhvervspuljen, innovationspuljen and Integrationspolitikken (Magistraten after ØEU).
MOVED_FROM_COUNCIL_IN_C = ["erhvervspuljen", "innovationspuljen", "integrationspolitikken_stoette"]
MAGISTRATEN_A = """erhvervspuljen it_puljen_tilskud_ved_uenighed evaluering_faelles_servicefunktioner
    moeder_med_faglige_organisationer ansaettelsesforhold_forvaltningschefer seniorjob_kompensationsmodel
    prisregulering_raadighedsbeloeb ansaettelsesstop_tvaermagistratsligt""".split()
MAGISTRATEN_B = (
    [c for c in MAGISTRATEN_A if c != "ansaettelsesforhold_forvaltningschefer"]
    + """
    erhvervsplan fortaellingen_om_aarhus oekonomisk_politik personalepolitik medborgerskabspolitik
    handicappolitik innovationspuljen budgetprocedure personaleredegoerelsen ligestillingsredegoerelsen
    anlaegsregnskaber ansaettelsesforhold_direktoerer overskridelse_anlaegsbevilling""".split()
)
MAGISTRATEN_C = MAGISTRATEN_A + [
    "innovationspuljen",
    "integrationspolitikken_stoette",
    "personaleredegoerelsen",
    "ligestillingsredegoerelsen",
]
OEU_BEFORE_B = """erhvervsplan fortaellingen_om_aarhus oekonomisk_politik personalepolitik
    medborgerskabspolitik handicappolitik erhvervspuljen innovationspuljen integrationspolitikken_stoette
    budgetprocedure pris_og_loenskoen""".split()
FAGUDVALG_BEFORE_B = """anlaegsregnskaber ansaettelsesforhold_direktoerer
    dispositioner_selvejende_institutioner udlicitering valg_af_leverandoer_udlicitering""".split()
COUNCIL_TOLD_A = """personaleredegoerelsen ligestillingsredegoerelsen it_puljen_anvendelse
    behandling_af_personoplysninger rentehenstand orientering_byraadets_interne_forhold
    valg_af_leverandoer_udlicitering forventet_regnskab_juni forventet_regnskab_september""".split()
COUNCIL_TOLD_B = [c for c in COUNCIL_TOLD_A if c != "valg_af_leverandoer_udlicitering"] + [
    "anlaegsregnskaber",
    "overskridelse_anlaegsbevilling",
]

HAND_COUNTED = {
    ("A", "byraadet"): (COUNCIL_A, [], COUNCIL_TOLD_A),
    ("B", "byraadet"): ([c for c in COUNCIL_A if c not in MOVED_FROM_COUNCIL_IN_B], [], COUNCIL_TOLD_B),
    ("C", "byraadet"): ([c for c in COUNCIL_A if c not in MOVED_FROM_COUNCIL_IN_C], [], COUNCIL_TOLD_A),
    ("A", "magistraten"): (MAGISTRATEN_A, [], []),
    ("B", "magistraten"): (MAGISTRATEN_B, [], []),
    ("C", "magistraten"): (MAGISTRATEN_C, [], []),
    ("A", "oeu"): ([], [], ["erhvervspuljen_aarlig_orientering"]),
    ("B", "oeu"): ([], OEU_BEFORE_B, ["erhvervspuljen_aarlig_orientering"]),
    ("C", "oeu"): ([], MOVED_FROM_COUNCIL_IN_C, ["erhvervspuljen_aarlig_orientering"]),
    ("A", "fagudvalg"): ([], [], ["valg_af_leverandoer_udlicitering", "budgetmaal_opfoelgning"]),
    ("B", "fagudvalg"): (
        [],
        FAGUDVALG_BEFORE_B,
        ["valg_af_leverandoer_udlicitering", "budgetmaal_opfoelgning"],
    ),
    ("C", "fagudvalg"): ([], [], ["valg_af_leverandoer_udlicitering", "budgetmaal_opfoelgning"]),
}
# The whole table, as counted by hand from the lists above and the default competence (BA for its
# list's case types without a decider or outside a rule's band; "the department" for the other list).
TABLE = {
    "A": {
        "byraadet": (36, 0, 9),
        "magistraten": (8, 0, 0),
        "oeu": (0, 0, 1),
        "fagudvalg": (0, 0, 2),
        "afdelingen": (17, 0, 0),
        "ba": (17, 0, 0),
    },
    "B": {
        "byraadet": (21, 0, 10),
        "magistraten": (20, 0, 0),
        "oeu": (0, 11, 1),
        "fagudvalg": (0, 5, 2),
        "afdelingen": (18, 0, 0),
        "ba": (16, 0, 0),
    },
    "C": {
        "byraadet": (33, 0, 9),
        "magistraten": (12, 0, 0),
        "oeu": (0, 3, 1),
        "fagudvalg": (0, 0, 2),
        "afdelingen": (17, 0, 0),
        "ba": (15, 0, 0),
    },
}


@pytest.mark.parametrize("plan_id, body", sorted(HAND_COUNTED))
def test_workload_matches_the_hand_count(diffs, plan_id, body):
    from delegation.analysis.diffing import _roles

    decides, before, after = (set(x) for x in HAND_COUNTED[plan_id, body])
    found = [set(), set(), set()]
    for change in diffs[PLANS].changes:
        for bucket, roles in zip(found, _roles(change, plan_id)):
            if body in roles:
                bucket.add(change.case_type)
    assert found == [decides, before, after]
    load = diffs[PLANS].workload[plan_id][body]
    assert (load.decides, load.briefed_before, load.informed_after) == (len(decides), len(before), len(after))


def test_workload_table_for_a_b_and_c(diffs):
    table = {
        plan: {
            body: (load.decides, load.briefed_before, load.informed_after) for body, load in bodies.items()
        }
        for plan, bodies in diffs[PLANS].workload.items()
    }
    assert table == TABLE
    for pair in PAIRS:
        assert diffs[pair].workload == {p: diffs[PLANS].workload[p] for p in pair}


def test_flows_a_to_b(diffs):
    flows = [(f.from_, f.to, f.count) for f in diffs["A", "B"].flows]
    assert flows == [
        ("byraadet", "magistraten", 12),
        ("byraadet", "afdelingen", 2),
        ("byraadet", "ba", 2),
        ("ba", "magistraten", 2),
        ("magistraten", "ba", 1),
        ("magistraten", None, 1),
    ]
    # Anlægsregnskaber leave the council only above 50 mio. kr. (the council keeps the yearly ones).
    council = {*MOVED_FROM_COUNCIL_IN_B, "anlaegsregnskaber"}
    assert sum(f.count for f in diffs["A", "B"].flows if f.from_ == "byraadet") == len(council)
    assert {(f.from_plan, f.to_plan) for f in diffs[PLANS].flows} == set(PAIRS)


# --- filters and the contract -------------------------------------------------------------------


def test_filters_select_case_types_and_count_only_those():
    whole = delegation.diff("A", "B")
    tvaer = delegation.diff("A", "B", section="Tværmagistratslige emner")
    assert tvaer.filters.section == "tvaer"
    assert {c.section for c in tvaer.changes} == {"tvaer"}
    assert len(tvaer.changes) < len(whole.changes)
    assert tvaer.workload["A"]["byraadet"].decides == 15
    council = delegation.diff("A", "B", body="byrådet", only_changed=True)
    assert council.filters.body == "byraadet" and council.filters.only_changed
    assert all(c.change != "unchanged" for c in council.changes)
    assert list(council.workload["A"]) == ["byraadet"]
    assert all("byraadet" in (f.from_, f.to) for f in council.flows)
    assert council.workload == delegation.diff("A", "B", body="byraadet").workload


def test_unknown_filter_or_too_few_plans_is_an_input_error(english):
    with pytest.raises(delegation.InputError, match="unknown section 'tvær'"):
        delegation.diff("A", "B", section="tvær")
    with pytest.raises(delegation.InputError, match="unknown body"):
        delegation.diff("A", "B", body="borgerrådet")
    with pytest.raises(delegation.InputError, match="at least two plans"):
        delegation.diff("A")


def test_json_contract_keys_and_stability(diffs):
    data = json.loads(diffs["A", "B"].to_json())
    assert list(data)[:5] == ["schema", "plans", "changes", "workload", "flows"]
    assert data["schema"] == "delegation.diff/1"
    assert [p["id"] for p in data["plans"]] == ["A", "B"]
    change = data["changes"][0]
    assert list(change)[:4] == ["case_type", "title", "change", "section"]
    band = change["bands"][0]
    assert list(band)[:2] == ["condition", "example"] and "outcomes" in band
    assert list(band["outcomes"]["A"]) == list(OUTCOME_KEYS)
    assert list(data["workload"]["A"]["byraadet"]) == ["decides", "briefed_before", "informed_after"]
    assert list(data["flows"][0]) == ["from_plan", "to_plan", "from", "to", "count"]
    assert diffs["A", "B"].to_json() == delegation.diff("A", "B").to_json()
    assert PlanDiff.model_validate_json(diffs["A", "B"].to_json()) == diffs["A", "B"]
