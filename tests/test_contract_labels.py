"""A decision that describes itself: a one-line answer and the names of every body it names, the
same in Python, the command line and the list of a plan's bodies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import golden_cases, golden_id
from pydantic import TypeAdapter

import delegation
from delegation.engine.decision import Decision
from delegation.engine.wording import body_label, named_bodies
from delegation.plandata import as_data


def _names_match_the_plan(plan: delegation.Plan, decision: Decision) -> None:
    named = named_bodies(decision)
    assert list(decision.bodies) == [body for body in named if body in plan.bodies]
    for body_id, ref in decision.bodies.items():
        body = plan.bodies[body_id]
        assert (ref.id, ref.name, ref.short, ref.kind, ref.head, ref.relative) == (
            body.id,
            body.name,
            body.short,
            body.kind.value,
            body.head,
            body.relative,
        )
        assert ref.label == body_label(plan, body_id)


@pytest.mark.parametrize("case", golden_cases("decisions"), ids=golden_id)
def test_every_golden_decision_names_its_bodies_and_says_its_answer(case):
    plan = delegation.load(case["plan"])
    department = case.get("department")
    decision = plan.decide(case["case"], department=department, **case["facts"])
    _names_match_the_plan(plan, decision)
    english = plan.decide(case["case"], department=department, lang="en", **case["facts"])
    assert english.bodies == decision.bodies  # plan names are the plan's, in every language
    expected = case["expect"]
    if expected.get("decides"):
        # The answer leads with the decider the seed gives, as a sentence names it.
        decider = decision.bodies[expected["decides"]]
        lead = f"Planen nævner ikke sagstypen (delegationsplan {plan.id}). " if not decision.covered else ""
        assert decision.answer.startswith(f"{lead}{decider.label} beslutter.")
        assert f"{decider.label} decides." in english.answer
    if "bands" in expected:
        for (condition, decides), band in zip(expected["bands"], decision.outcomes, strict=True):
            assert band.answer.startswith(f"{decision.bodies[decides].label} beslutter."), condition
    for band in decision.outcomes:
        assert band.answer.startswith(f"{decision.bodies[band.decides].label} beslutter.")
    if expected.get("depends_on"):
        assert decision.answer.startswith("Afhænger af ")
    if expected.get("covered") is False:
        assert decision.answer.startswith("Planen nævner ikke sagstypen")
    assert TypeAdapter(Decision).validate_json(decision.to_json()) == decision


def test_the_answer_of_a_case_that_depends_on_a_fact_and_of_each_band():
    plan = delegation.load("B")
    decision = plan.decide("erhvervspuljen")
    assert decision.answer == "Afhænger af beløb, som ikke er oplyst."
    assert [band.answer for band in decision.outcomes] == [
        plan.decide("erhvervspuljen", **band.example).answer for band in decision.outcomes
    ]
    assert decision.outcomes[-1].answer == "Magistraten beslutter. ØEU orienteres før beslutningen på møde."
    _names_match_the_plan(plan, decision)
    assert set(decision.bodies) == {"ba", "magistraten", "oeu"}


def test_a_case_the_plan_does_not_list_names_the_bodies_of_the_other_plans_answers():
    plan = delegation.load("B")
    decision = plan.decide("Ansættelsesforhold for forvaltningschefer")
    assert decision.answer == "Planen nævner ikke sagstypen (delegationsplan B)."
    assert [k.decides for k in decision.known_in] == ["magistraten", "magistraten"]
    assert decision.bodies["magistraten"].label == "Magistraten"
    told = delegation.load("C").decide("ny affaldsordning", department="mtm")
    assert told.answer == "Planen nævner ikke sagstypen (delegationsplan C). Rådmanden (MTM) beslutter."
    assert told.bodies["mtm"].name == "Magistratsafdelingen for Teknik og Miljø"


def test_an_ambiguous_text_names_no_body():
    decision = delegation.load("A").decide("budget")
    assert decision.ambiguous
    assert decision.answer == "Teksten passer på flere sagstyper; vælg en af kandidaterne."
    assert decision.bodies == {}


def test_the_schema_describes_the_added_fields(run):
    schema = json.loads(run("schema").output)
    assert {"answer", "bodies"} <= set(schema["properties"])
    assert "answer" not in schema.get("required", [])  # an old reader's object still validates
    assert set(schema["$defs"]["BodyRef"]["properties"]) == {
        "id",
        "name",
        "short",
        "kind",
        "head",
        "relative",
        "label",
    }
    assert "answer" in schema["$defs"]["Band"]["properties"]


def test_bodies_lists_what_a_decision_names_them(run):
    plan = delegation.load("B")
    listed = json.loads(run("bodies", "--plan", "b", "--format", "json").output)
    assert [body["id"] for body in listed] == list(plan.bodies)
    assert json.loads(run("bodies", "--plan", "B", "--json").output) == listed
    named = plan.decide("erhvervspuljen", amount=600_000).bodies
    assert all(next(b for b in listed if b["id"] == key) == as_data(ref) for key, ref in named.items())
    text = run("bodies", "--plan", "B").output.splitlines()
    assert text[0] == "Organer i plan B"
    ba = next(line for line in text if line.split()[0] == "ba")
    assert "Borgmesteren (BA)" in ba and "Borgmesterens Afdeling" in ba and "ledes af borgmesteren" in ba
    assert text[-1].startswith("Regler: ")
    english = run("bodies", "--plan", "B", "--lang", "en").output
    assert english.startswith("Bodies of plan B") and "headed by borgmesteren" in english
    assert run("bodies", "--plan", "Z").exit_code == 2


def test_the_installed_command_prints_the_answer_and_bodies():
    script = Path(sys.executable).with_name("delegation")
    done = subprocess.run(
        [str(script), "decide", "erhvervspulje", "--plan", "B", "--amount", "600.000", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(done.stdout)
    assert data["answer"] == "Magistraten beslutter. ØEU orienteres før beslutningen på møde."
    assert data["bodies"]["oeu"]["name"] == "Økonomi- og Erhvervsudvalget"
    assert data["receipt"]["rules_folder"]
    listed = subprocess.run(
        [str(script), "bodies", "--plan", "B", "--format", "json"], capture_output=True, text=True, timeout=60
    )
    assert data["bodies"]["oeu"] in json.loads(listed.stdout)
