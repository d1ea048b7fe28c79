"""Regression tests for what an attack on the running service found (each reproduced before the fix)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import delegation
from delegation.errors import InputError
from delegation.numbers import MAX_AMOUNT_TEXT, parse_amount
from delegation.service.api import create_app
from delegation.service.decisionlog import DecisionLog

LOCAL = ("127.0.0.1", 5000)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), client=LOCAL)


def test_an_amount_padded_with_spaces_is_read_or_refused_at_once():
    # With plain \s* around the optional parts, 400 spaces on each side took the matcher over two
    # minutes, and held the interpreter (every other request of the service) meanwhile.
    assert parse_amount(" " * 25 + "1.000" + " " * 25) == 1000
    for padded in (" " * 400 + "1.000" + " " * 400 + "x", "1" + " " * MAX_AMOUNT_TEXT + "kr."):
        with pytest.raises(ValueError):
            parse_amount(padded)


@pytest.mark.parametrize("value", [10**400, "9" * 400, 1e308, 2e18])
def test_a_fact_past_any_amount_is_refused_not_a_crash(client, value):
    plan = delegation.load("A")
    with pytest.raises(InputError) as raised:
        plan.decide("integrationspolitikken_stoette", annual_amount=value)
    assert raised.value.problems[0].key in ("facts.too_large", "facts.not_number")
    body = {"case": "integrationspolitikken_stoette", "facts": {"annual_amount": value}}
    answer = client.post("/plans/A/decide", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == "facts.annual_amount"
    # In a batch it is one case's error, not the whole batch's.
    batch = client.post("/plans/A/decide/batch", json={"cases": [body, {"case": "erhvervspuljen"}]})
    assert batch.status_code == 200, batch.text
    first, second = batch.json()["decisions"]
    assert first["error"]["key"] in ("facts.too_large", "facts.not_number") and second["case_type"]


def test_the_largest_amount_a_rule_may_name_is_still_a_fact():
    decision = delegation.load("A").decide("integrationspolitikken_stoette", annual_amount=10**18)
    assert decision.facts == {"annual_amount": 10**18}


def test_the_openapi_document_is_served_with_the_decision_log(tmp_path):
    log = DecisionLog(str(tmp_path / "log.sqlite"))
    try:
        answer = TestClient(create_app(log=log), client=LOCAL).get("/openapi.json")
        assert answer.status_code == 200, answer.text
        assert "/admin/log" in answer.json()["paths"]
    finally:
        log.close()
