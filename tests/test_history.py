"""The history of a case type across a municipality's plans: CLI, installed command, JSON, page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import UDVALGSKOMMUNE
from fastapi.testclient import TestClient

import delegation
from delegation.analysis.history import history
from delegation.service.api import create_app

MUNICIPALITY = UDVALGSKOMMUNE.parent


def test_history_orders_the_plans_in_time_and_names_each_change():
    found = history(delegation.plans(MUNICIPALITY), "vejprojekt")
    assert found.case_type == "anlaegsbevilling" and found.municipality == "Eksempel Kommune"
    steps = [(s.plan, s.status, s.in_force_from, s.change, s.compared_with) for s in found.steps]
    assert steps == [
        ("K2026", "adopted", "2026-01-01", "first", None),
        ("K2026B", "adopted", "2026-07-01", "changed", "K2026"),
        ("K2027", "draft", None, "unchanged", "K2026B"),
    ]
    # K2026B moved appropriations over 10 and up to 20 mio. kr. from the council to the committee.
    [band] = found.steps[1].bands
    assert band.condition == "anlægssum: over 10 mio. kr. til og med 20 mio. kr."
    assert band.outcomes["K2026"].decides == "kommunalbestyrelsen"
    assert band.outcomes["K2026B"].decides == "teknikudvalget"


def test_cli_history_text_and_json(run):
    result = run("--rules", str(MUNICIPALITY), "history", "boligbyggeri")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0] == "Kompetencen for «Tilsagn om støtte til alment boligbyggeri» i Eksempel Kommunes planer"
    )
    assert "K2027 · udkast · 1. oktober 2026" in lines
    assert "  Ændret i forhold til K2026B:" in lines
    assert "  • antal boliger: 10 boliger til under 20 boliger:" in lines
    data = json.loads(run("--rules", str(MUNICIPALITY), "history", "boligbyggeri", "--json").output)
    assert data["schema"] == "delegation.history/1"
    assert [s["change"] for s in data["steps"]] == ["first", "unchanged", "changed"]
    assert data["steps"][0]["adoption"]["meeting"] == "Kommunalbestyrelsens møde 10. december 2025"
    missing = run("--rules", str(MUNICIPALITY), "history", "xyzzy qwerty")
    assert missing.exit_code == 2 and "Ingen af planerne kender sagstypen «xyzzy qwerty»" in missing.output


def test_aarhus_drafts_have_a_history_by_date():
    found = history(delegation.plans(), "erhvervspuljen")
    # Drafts in the order of their dates (all 8 April 2025), then by id; B briefs ØEU before the
    # pool's grants where A does not.
    assert [(s.plan, s.status, s.compared_with) for s in found.steps] == [
        ("A", "draft", None),
        ("B", "draft", "A"),
        ("C", "draft", "B"),
    ]
    assert [s.change for s in found.steps[:2]] == ["first", "changed"]


def test_the_installed_command_shows_the_history(tmp_path):
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("delegation")),
            "--rules",
            str(MUNICIPALITY),
            "history",
            "vejprojekt",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert (
        "K2026B · vedtaget, i kraft fra 1. juli 2026 · vedtaget 17. juni 2026 "
        "(Kommunalbestyrelsens møde 17. juni 2026, punkt 8)"
    ) in done.stdout.splitlines()


def test_the_history_page_and_endpoint():
    client = TestClient(create_app(MUNICIPALITY))
    page = client.get("/historik", params={"sag": "vejprojekt"})
    assert page.status_code == 200
    assert 'data-plan="K2026B" data-change="changed"' in page.text
    assert "K2026B: Teknik- og Miljøudvalget beslutter." in page.text
    assert '<a href="/historik"' in page.text or 'href="/historik"' in page.text  # in the menu
    assert client.get("/historik", params={"sag": "xyzzy qwerty"}).status_code == 404
    data = client.get("/history", params={"case": "vejprojekt"}).json()
    assert [s["plan"] for s in data["steps"]] == ["K2026", "K2026B", "K2027"]


def test_a_band_without_a_condition_is_worded_as_always(run):
    # Anlægsbevillinger has one band in the Aarhus plans, with no condition: it holds whatever the facts
    danish = run("history", "anlægsbevilling").output.splitlines()
    assert "  • altid: Byrådet beslutter." in danish
    english = run("history", "anlægsbevilling", "--lang", "en").output.splitlines()
    assert "  • always: Byrådet decides." in english
    assert not [line for line in danish + english if line.lstrip().startswith("• :")]
    page = TestClient(create_app()).get("/historik", params={"sag": "anlægsbevilling"})
    assert page.status_code == 200
    assert "<strong>altid</strong>" in page.text and "<strong></strong>" not in page.text


def test_a_plan_that_drops_the_case_type_shows_no_outcome_and_the_next_says_it_came_back(run):
    # B removes "Ansættelsesforhold for forvaltningschefer", C has it again: B was shown with A's
    # outcome under "Planen nævner ikke sagstypen", and C as "Ændret i forhold til B".
    found = history(delegation.plans(), "ansaettelsesforhold_forvaltningschefer")
    steps = {step.plan: step for step in found.steps}
    assert (steps["B"].change, steps["B"].bands) == ("removed", ())
    assert steps["C"].change == "added" and steps["C"].bands
    out = run("history", "ansaettelsesforhold_forvaltningschefer").output
    b_part = out.split("\nB · ")[1].split("\nC · ")[0]
    assert "Planen nævner ikke sagstypen." in b_part and "beslutter" not in b_part
    assert "Med i denne plan; B nævner ikke sagstypen:" in out.split("\nC · ")[1]


def test_words_that_fit_several_case_types_are_said_to(run):
    """decide lists the candidates; history said no plan knew the case type."""
    result = run("history", "restarealer")
    assert result.exit_code == 2
    assert "passer på flere sagstyper: provenu_salg_restarealer" in result.output
    assert "angiv sagstypens id" in result.output
    assert "kender sagstypen" in run("history", "ingen-sag-her-overhovedet").output
    assert "angiv 'case'" in run("history", "  ").output  # no words: no case, not an unknown one
