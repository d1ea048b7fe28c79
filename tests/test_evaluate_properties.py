"""Properties of decide over the Aarhus plans, for any case type and any facts (hypothesis), and of
every decision its hot path builds without validating."""

from __future__ import annotations

from conftest import UDVALGSKOMMUNE
from hypothesis import given, settings
from hypothesis import strategies as st

import delegation
from delegation.bands import facts_in

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


def test_a_decision_built_from_the_plan_is_what_validating_it_gives():
    """The hot path builds decisions from the validated plan without validating them again
    (model_construct): each must be exactly what pydantic would have made of the same fields.
    Over A, B, C and a municipality of another shape (committees, no Magistrat)."""
    from delegation.engine.decision import Decision

    other = delegation.load(UDVALGSKOMMUNE)
    checked = 0
    for plan in (*PLANS.values(), other):
        department = next(
            body.id for body in plan.bodies.values() if body.kind == "department" and not body.relative
        )
        for case_id in plan.case_types:
            for lang, owner in (("da", None), ("en", department)):
                listed = plan.decide(case_id, department=owner, lang=lang)
                examples = [band.example for band in listed.outcomes] or [{}]
                for decision in (
                    listed,
                    *(plan.decide(case_id, department=owner, lang=lang, **example) for example in examples),
                ):
                    validated = Decision.model_validate(decision.model_dump(by_alias=True))
                    assert repr(validated) == repr(decision)
                    assert validated.to_json() == decision.to_json()
                    checked += 1
    assert checked > 500


def test_a_decision_copied_from_its_rule_template_behaves_as_a_model():
    plan = PLANS["A"]
    case_id = next(iter(plan.case_types))
    first, second = plan.decide(case_id), plan.decide(case_id, lang="da")
    assert first is not second and first == second
    assert {"query", "facts"} <= first.model_fields_set
    changed = first.model_copy(update={"query": "en anden sag"})
    assert (changed.query, first.query, second.query) == ("en anden sag", case_id, case_id)
    assert first.model_dump() == second.model_dump()
