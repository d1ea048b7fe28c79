"""Forgiving input, precise refusals: amounts as Danish users write them, ids in any case, departments
by name, one rule for paths, a fact given twice refused, a pipe closed early ends quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import delegation
from delegation.errors import InputError
from delegation.numbers import parse_amount


@pytest.mark.parametrize(
    "written, value",
    [
        ("500 000", 500_000),
        ("500\u00a0000", 500_000),
        ("kr. 500.000", 500_000),
        ("500.000 kr", 500_000),
        ("250 t.kr.", 250_000),
        ("2 millioner", 2_000_000),
        ("1,5 mia.", 1_500_000_000),
        ("2 mio.", 2_000_000),
    ],
)
def test_amounts_as_danish_users_write_them(written, value):
    assert parse_amount(written) == value
    assert delegation.decide("A", "erhvervspuljen", {"amount": written}).facts == {"amount": value}


def test_a_negative_amount_is_refused_as_below_zero_not_as_not_a_number():
    with pytest.raises(InputError) as error:
        delegation.decide("A", "erhvervspuljen", {"amount": "-5"})
    assert "0 or more" in error.value.render("en") and error.value.field == "facts.amount"
    assert "0 eller derover" in str(error.value)


def test_a_fact_given_twice_is_exit_2(run):
    result = run("decide", "erhvervspuljen", "--plan", "A", "--amount", "1", "--amount", "2", "--lang", "en")
    assert result.exit_code == 2 and "given twice" in result.output
    result = run("decide", "erhvervspuljen", "--plan", "A", "--amount", "1", "--fact", "amount=1")
    assert result.exit_code == 2


def test_a_kle_code_that_is_not_a_kle_pattern_is_exit_2(run):
    result = run("decide", "--kle", "1.2", "--plan", "A", "--lang", "en")
    assert result.exit_code == 2 and "SUBJECT[-FACET]" in result.output
    danish = run("decide", "--kle", "1.2", "--plan", "A")
    assert danish.exit_code == 2 and "KLE-nummeret '1.2' har ikke formen EMNE[-FACET]" in danish.output


def test_departments_by_id_short_name_or_name_in_any_case():
    for written in ("mtm", "MTM", "Teknik og Miljø", "magistratsafdelingen for teknik og miljø"):
        assert delegation.decide("C", "ny affaldsordning", department=written).decides == "mtm"


def test_plan_ids_in_any_case_over_http():
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    client = TestClient(create_app())
    answer = client.post("/plans/a/decide", json={"case": "erhvervspuljen", "facts": {"amount": 600_000}})
    assert answer.status_code == 200 and answer.json()["plan"] == "A"


def test_a_folder_named_like_a_plan_does_not_hijack_the_plan_id(tmp_path, monkeypatch, run):
    (tmp_path / "B").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run("decide", "erhvervspuljen", "--plan", "B", "--amount", "300000")
    assert result.exit_code == 0 and result.output.startswith("Plan B")


def test_a_pipe_closed_early_ends_quietly(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synth import write_municipality

    plan = write_municipality(tmp_path, "Rørkommune", 3000)["A"]  # 3.000 lines: more than a pipe holds
    script = Path(sys.executable).with_name("delegation")
    producer = subprocess.Popen(
        [str(script), "cases", "--plan", str(plan)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert producer.stdout is not None
    producer.stdout.readline()
    producer.stdout.close()  # the reader goes away, as `head -1` does
    _, errors = producer.communicate(timeout=120)
    assert producer.returncode == 0, errors
    assert b"BrokenPipe" not in errors and b"intern fejl" not in errors and b"internal error" not in errors


@pytest.mark.parametrize(
    "call",
    [
        lambda: delegation.load("A").decide("erhvervspuljen", lang="fr"),
        lambda: delegation.decide("A", "erhvervspuljen", lang=None),
        lambda: delegation.check("A", lang="de"),
        lambda: delegation.diff("A", "B", lang="EN "),
        lambda: delegation.decide_in_time(
            delegation.plans(), "erhvervspuljen", as_of="2025-05-01", lang="fr"
        ),
    ],
)
def test_an_unknown_language_is_an_input_error_in_python_too(call):
    """The command line and the service refuse another language before it gets here; a Python
    caller got a KeyError from deep inside the engine."""
    with pytest.raises(delegation.InputError) as error:
        call()
    assert error.value.field == "lang" and error.value.problems[0].key == "evaluate.lang"


def test_a_text_of_spaces_is_no_case_anywhere(run):
    """ "   " was answered as a case the plan does not list (exit 0), where "" is refused."""
    from delegation.service.batch import decide_lines

    assert run("decide", "   ", "--plan", "A").exit_code == 2  # Python: test_resolution.py
    [line] = decide_lines(['{"case": "  "}'], default_plan="A")
    assert line["error"]["key"] == "request.no_case"


@pytest.mark.parametrize(
    "command", [["decide", "x"], ["decide", "x", "--json"], ["cases"], ["check"], ["plans"]]
)
def test_a_rules_folder_without_plans_is_an_error(run, tmp_path, command):
    """Asked for every plan of a folder that has none, the command printed nothing (or "[]",
    "0 fejl") and exit 0; Python's plans() gave []."""
    result = run("--rules", str(tmp_path), *command)
    assert result.exit_code == 1 and "ingen planfiler i mappen" in result.output
    with pytest.raises(delegation.DelegationError):
        delegation.plans(tmp_path)
