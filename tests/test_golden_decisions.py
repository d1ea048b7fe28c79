"""Golden decisions taken from the seed: each entry names the sentence of the plan it checks."""

from __future__ import annotations

import pytest
from conftest import golden_cases, golden_id

import delegation

CASES = golden_cases("decisions")


@pytest.mark.parametrize("case", CASES, ids=[golden_id(c) for c in CASES])
def test_decision(case):
    plan = delegation.load(case["plan"])
    decision = plan.decide(case["case"], department=case.get("department"), **case["facts"]).to_dict()
    for key, expected in case["expect"].items():
        if key == "bands":
            assert [[b["condition"], b["decides"]] for b in decision["outcomes"]] == expected
        else:
            assert decision[key] == expected, f"{key} — seed: {case['seed']}"
    assert decision["explanation"], "every answer explains itself"
    if decision["rule"]:
        assert decision["citation"], "every rule outcome quotes the plan"


def test_enough_golden_decisions_over_all_plans():
    assert len(CASES) >= 40
    assert {c["plan"] for c in CASES} == {"A", "B", "C"}
