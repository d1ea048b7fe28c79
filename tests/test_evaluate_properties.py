"""Properties of decide over the Aarhus plans, for any case type and any facts (hypothesis), and of
every decision as pydantic's contract describes it."""

from __future__ import annotations

import dataclasses
import json

from conftest import UDVALGSKOMMUNE
from hypothesis import given, settings
from hypothesis import strategies as st

import delegation
from delegation.conditions import facts_in

PLANS = {plan.id: plan for plan in delegation.plans()}
CASES = [(plan_id, case_id) for plan_id, plan in PLANS.items() for case_id in plan.case_types]
VALUES = st.one_of(
    st.integers(0, 100),
    st.integers(0, 100_000_000),
    st.sampled_from([0, 5, 25_000, 30_000, 52, 53, 250_000, 500_000, 2_000_000, 50_000_000]),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(
    st.sampled_from(CASES),
    st.dictionaries(st.sampled_from(["amount", "annual_amount", "persons", "salary_step"]), VALUES),
    st.sampled_from([None, "msb", "mtm", "ba"]),
)
def test_exactly_one_decider_or_depends_on(case, facts, department):
    plan = PLANS[case[0]]
    case_type = plan.case_types[case[1]]
    decision = plan.decide(case_type.id, department=department, **facts)
    needed = set().union(*(facts_in(rule.when) for rule in case_type.rules))
    assert decision.covered and decision.case_type.id == case_type.id
    if decision.depends_on:
        assert decision.decides is None and decision.outcomes
        assert set(decision.depends_on) <= needed - set(facts)
        assert all(band.decides for band in decision.outcomes)
    else:
        assert decision.decides is not None
        assert decision.basis is not None
        if needed <= set(facts):  # all facts given: a rule or the default
            assert decision.rule is not None or decision.basis == "default"
    if department and decision.decides in ("afdelingen",):
        raise AssertionError("a named department must replace the relative one")


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    st.sampled_from(CASES),
    st.dictionaries(
        st.sampled_from(["amount", "annual_amount", "persons", "salary_step"]), VALUES, min_size=4
    ),
)
def test_with_every_fact_the_answer_is_the_band_that_contains_it(case, facts):
    """decide with all facts equals the band listed for them when the facts are missing."""
    plan = PLANS[case[0]]
    full = plan.decide(case[1], **facts)
    listed = plan.decide(case[1])
    if not listed.depends_on:
        assert listed.decides == full.decides
        return
    for band in listed.outcomes:
        probe = plan.decide(case[1], **{**facts, **band.example})
        assert probe.decides == band.decides and probe.inform == band.inform


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    st.sampled_from(CASES),
    st.dictionaries(st.sampled_from(["amount", "annual_amount", "persons", "salary_step"]), VALUES),
    st.sampled_from([None, "msb", "ba"]),
    st.sampled_from(["da", "en"]),
)
def test_a_memoised_answer_is_the_one_a_fresh_plan_gives(case, facts, department, lang):
    """decide memoises per plan what depends only on the rules (a rule's decision, the default
    competence, the bands of a missing fact per range of the given ones): a plan that has
    answered many questions answers each as a plan that never answered any."""
    warm = PLANS[case[0]]
    fresh = dataclasses.replace(warm)  # the same plan, its memo empty but for where it was read
    assert not fresh.memo
    fresh.memo["path"] = warm.memo["path"]
    assert (
        warm.decide(case[1], department=department, lang=lang, **facts).to_json()
        == fresh.decide(case[1], department=department, lang=lang, **facts).to_json()
    )


def test_the_memo_of_answers_that_quote_the_facts_stays_bounded():
    """The default competence and a missing fact's bands quote the caller's facts, so they are
    memoised per value: a long-running service sent ever new amounts keeps at most as many as
    the table's bound, and an answer made after the table was emptied is the one made before."""
    plan = dataclasses.replace(PLANS["A"])
    plan.memo["path"] = PLANS["A"].memo["path"]
    first = plan.decide("erhvervspuljen", amount=1).to_json()
    for amount in range(2, 10_000):
        assert plan.decide("erhvervspuljen", amount=amount).basis.value == "default"
        assert len(plan.memo["unmatched answers"]) <= 4096
    assert plan.decide("erhvervspuljen", amount=1).to_json() == first


def test_pydantic_describes_reads_and_writes_every_decision_as_the_engine_does():
    """Decisions are plain dataclasses, written by their own to_json so that answering never
    imports pydantic; pydantic describes the contract at the boundaries (schema, service). For
    every case type, band, department and language, over A, B, C and a municipality of another
    shape (committees, no Magistrat): pydantic's serialiser writes the same bytes, and reading
    them back gives the same decision. Only a tiny fraction among the caller's facts is written
    differently (below), as the same number."""
    from pydantic import TypeAdapter

    from delegation.engine.decision import Decision

    contract = TypeAdapter(Decision)
    other = delegation.load(UDVALGSKOMMUNE)
    checked = 0
    for plan in (*PLANS.values(), other):
        department = next(
            body.id for body in plan.bodies.values() if body.kind == "department" and not body.relative
        )
        for case_id in plan.case_types:
            for lang, owner in (("da", None), ("en", department), ("en", None), ("da", department)):
                listed = plan.decide(case_id, department=owner, lang=lang)
                examples = [band.example for band in listed.outcomes] or [{}]
                for decision in (
                    listed,
                    *(plan.decide(case_id, department=owner, lang=lang, **example) for example in examples),
                ):
                    for indent in (2, None):
                        written = decision.to_json(indent=indent)
                        assert contract.dump_json(decision, by_alias=True, indent=indent).decode() == written
                        read = contract.validate_json(written)
                        assert read == decision and read.to_json(indent=indent) == written
                    assert decision.to_dict() == contract.dump_python(decision, mode="json", by_alias=True)
                    checked += 1
    assert checked > 1000
    # A fraction Python writes with an exponent (2.5e-05, 1e-07) pydantic writes without one or
    # with a shorter one (0.000025, 1e-7): the same number, and the service writes it one way
    # (tests/test_service.py: a batch writes each decision as /decide does).
    plan = PLANS["B"]
    for amount in (2.5e-5, 1e-7, 0.125, 123456.75):
        decision = plan.decide("erhvervspuljen", amount=amount)
        written = decision.to_json()
        assert json.loads(contract.dump_json(decision, by_alias=True, indent=2)) == json.loads(written)
        assert contract.validate_json(written) == decision


def test_a_decision_copied_from_its_rule_template_is_a_decision_of_its_own():
    plan = PLANS["A"]
    case_id = next(iter(plan.case_types))
    first, second = plan.decide(case_id), plan.decide(case_id, lang="da")
    assert first is not second and first == second
    changed = dataclasses.replace(first, query="en anden sag")
    assert (changed.query, first.query, second.query) == ("en anden sag", case_id, case_id)
    assert first.to_dict() == second.to_dict()
