"""Plans in time: status, period in force and adoption in the language; the plan in force on a day
answers `decide --as-of` (CLI, Python, batch); receipts carry the plan's status, period and as_of."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import UDVALGSKOMMUNE

import delegation
from delegation.language.fmt import format_text, meaning
from delegation.language.parse import parse_text
from delegation.service.batch import decide_lines

MUNICIPALITY = UDVALGSKOMMUNE.parent  # K2026 (adopted, H1 2026), K2026B (adopted from 1 July), K2027 (draft)
BIG = "anlaegssum=15 mio."  # the committee's band in K2026B (1-20 mio.), the council's in K2026 (over 10)


def _run_in(run, *args):
    return run("--rules", str(MUNICIPALITY), *args)


def test_the_language_reads_and_formats_status_period_and_adoption():
    source = (MUNICIPALITY / "styrelse_2026.dlg").read_text(encoding="utf-8")
    plan = delegation.load(MUNICIPALITY / "styrelse_2026.dlg")
    assert (plan.status.value, plan.in_force_from, plan.in_force_until) == (
        "adopted",
        "2026-01-01",
        "2026-06-30",
    )
    assert (plan.adoption.date, plan.adoption.item) == ("2025-12-10", "12")
    assert plan.adoption.meeting == "Kommunalbestyrelsens møde 10. december 2025"
    messy = source.replace(
        "  in_force from 2026-01-01 until 2026-06-30", "in_force   from 2026-01-01\n until 2026-06-30"
    )
    formatted = format_text(messy)
    assert "  in_force from 2026-01-01 until 2026-06-30\n" in formatted
    assert meaning(parse_text(formatted)) == meaning(parse_text(messy))
    assert format_text(formatted) == formatted


def test_status_is_a_plans_own_and_the_aarhus_drafts_stay_drafts():
    later = delegation.load(MUNICIPALITY / "styrelse_2027_udkast.dlg")  # extends the adopted K2026B
    assert (later.status.value, later.in_force_from, later.adoption) == ("draft", None, None)
    for plan in delegation.plans():  # the seed does not say which draft was adopted
        assert (plan.status.value, plan.in_force_from, plan.adoption) == ("draft", None, None)


@pytest.mark.parametrize(
    "fields, message",
    [
        ("status adopted\n  in_force from 2026-02-30", "datoen 2026-02-30 findes ikke i kalenderen"),
        ("date 2025-13-01", "datoen 2025-13-01 findes ikke i kalenderen"),
        ("in_force from 2026-01-01", "et udkast har hverken ikrafttræden eller vedtagelse"),
        ("status adopted", "en plan med status adopted skal have en dato for ikrafttræden"),
        ("status repealed\n  in_force from 2026-01-01", "en ophævet plan skal have en slutdato"),
        ("status adopted\n  in_force from 2026-03-01 until 2026-02-28", "planen ophører (2026-02-28) før"),
    ],
)
def test_time_fields_that_disagree_are_refused(tmp_path, fields, message):
    (tmp_path / "organisation.dlg").write_text(
        (MUNICIPALITY / "organisation.dlg").read_text(encoding="utf-8"), encoding="utf-8"
    )
    plan = tmp_path / "plan.dlg"
    plan.write_text(f'plan T {{\n  title "T"\n  {fields}\n}}\ninclude "organisation.dlg"\n', encoding="utf-8")
    with pytest.raises(delegation.ValidationError) as raised:
        delegation.load(plan)
    assert message in str(raised.value)
    assert raised.value.problems[0].code == "DLG008"


@pytest.mark.parametrize(
    "day, plan, decides",
    [
        ("2026-01-01", "K2026", "kommunalbestyrelsen"),  # the first day of K2026
        ("2026-03-12", "K2026", "kommunalbestyrelsen"),
        ("2026-06-30", "K2026", "kommunalbestyrelsen"),  # its last day, included
        ("2026-07-01", "K2026B", "teknikudvalget"),  # the new version, from its first day
        ("2030-01-01", "K2026B", "teknikudvalget"),  # in force until further notice
    ],
)
def test_as_of_answers_from_the_plan_in_force_that_day(run, day, plan, decides):
    result = _run_in(run, "decide", "vejprojekt", "--fact", BIG, "--as-of", day, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert (answer["plan"], answer["decides"]) == (plan, decides)
    assert answer["receipt"]["as_of"] == day and answer["receipt"]["in_force"] is True
    assert answer["receipt"]["status"] == "adopted"


def test_the_receipt_names_status_period_adoption_and_as_of(run):
    answer = json.loads(
        _run_in(run, "decide", "vejprojekt", "--fact", BIG, "--as-of", "2026-03-12", "--json").output
    )
    receipt = answer["receipt"]
    assert list(receipt)[:7] == [
        "plan",
        "rules_sha256",
        "rules_folder",
        "sources",
        "engine",
        "rule",
        "citation",
    ]
    assert receipt["in_force_from"] == "2026-01-01" and receipt["in_force_until"] == "2026-06-30"
    assert receipt["adoption"] == {
        "date": "2025-12-10",
        "meeting": "Kommunalbestyrelsens møde 10. december 2025",
        "item": "12",
    }
    plain = delegation.load(UDVALGSKOMMUNE).decide("vejprojekt", anlaegssum="15 mio.").receipt
    assert (plain.status, plain.in_force_from, plain.as_of, plain.in_force) == (
        "adopted",
        "2026-01-01",
        None,
        None,
    )
    schema = json.loads(run("schema").output)
    assert {"status", "in_force_from", "in_force_until", "adoption", "as_of", "in_force"} <= set(
        schema["$defs"]["Receipt"]["properties"]
    )


def test_a_named_plan_answers_even_as_a_draft_saying_it_was_not_in_force(run):
    answer = json.loads(
        _run_in(
            run,
            "decide",
            "boligbyggeri",
            "--fact",
            "antal_boliger=12",
            "--plan",
            "K2027",
            "--as-of",
            "2026-12-01",
            "--json",
        ).output
    )
    assert (answer["plan"], answer["decides"]) == ("K2027", "teknikudvalget")
    assert answer["receipt"]["status"] == "draft" and answer["receipt"]["in_force"] is False
    text = _run_in(
        run,
        "decide",
        "boligbyggeri",
        "--fact",
        "antal_boliger=12",
        "--plan",
        "K2027",
        "--as-of",
        "2026-12-01",
    )
    assert text.output.splitlines()[0].endswith("· udkast · ikke i kraft den 1. december 2026")


def test_without_plan_and_as_of_every_plan_answers_marking_the_one_in_force_today(run):
    answers = json.loads(_run_in(run, "decide", "vejprojekt", "--fact", BIG, "--json").output)
    assert [a["plan"] for a in answers] == ["K2026", "K2026B", "K2027"]
    today = dt.date.today()
    expected = "K2026B" if today >= dt.date(2026, 7, 1) else "K2026" if today >= dt.date(2026, 1, 1) else None
    assert [a["plan"] for a in answers if a["receipt"]["in_force"]] == ([expected] if expected else [])
    assert all(a["receipt"]["as_of"] is None for a in answers)
    header = [
        line
        for line in _run_in(run, "decide", "vejprojekt", "--fact", BIG).output.splitlines()
        if line.startswith("Plan ")
    ]
    assert sum("i kraft i dag" in line for line in header) == (1 if expected else 0)
    assert header[2].endswith("· udkast")


@pytest.mark.parametrize(
    "day, message",
    [
        ("2026-02-30", "fejl: datoen 2026-02-30 findes ikke i kalenderen"),
        ("12-03-2026", "fejl: '12-03-2026' er ikke en dato"),
        (
            "2025-12-31",
            "fejl: Den 31. december 2025 ligger før den første plan for Eksempel Kommune trådte i kraft (1. januar 2026).",
        ),
    ],
)
def test_bad_or_early_dates_are_exit_2_in_danish(run, day, message):
    result = _run_in(run, "decide", "vejprojekt", "--as-of", day)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == message
    assert "Traceback" not in result.output


def test_no_plan_in_force_says_so_and_names_the_drafts(run):
    result = run("decide", "erhvervspulje", "--as-of", "2026-03-12")  # Aarhus: three drafts, none adopted
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "fejl: Ingen plan for Aarhus Kommune var i kraft den 12. marts 2026.",
        "  tip: udkast: A, B og C (spørg et udkast med --plan)",
    ]


def test_python_and_batch_answer_as_of():
    plans = delegation.plans(MUNICIPALITY)
    [(plan, decision)] = delegation.decide_in_time(
        plans, "vejprojekt", {"anlaegssum": "15 mio."}, as_of="2026-07-01"
    )
    assert (plan.id, decision.decides, decision.receipt.as_of) == ("K2026B", "teknikudvalget", "2026-07-01")
    with pytest.raises(delegation.InputError) as raised:
        delegation.decide_in_time(plans, "vejprojekt", as_of=dt.date(2025, 6, 1))
    assert raised.value.field == "as_of" and "før den første plan" in raised.value.message
    lines = [
        json.dumps({"case": "vejprojekt", "facts": {"anlaegssum": "15 mio."}, "as_of": day})
        for day in ("2026-06-30", "2026-07-01")
    ] + ['{"case": "vejprojekt", "as_of": "2026-02-30"}']
    first, second, bad = decide_lines(lines, rules_dir=MUNICIPALITY)
    assert (first["plan"], first["decides"]) == ("K2026", "kommunalbestyrelsen")
    assert (second["plan"], second["decides"]) == ("K2026B", "teknikudvalget")
    assert bad["error"] == {
        "type": "bad_input",
        "message": "datoen 2026-02-30 findes ikke i kalenderen",
        "field": "as_of",
        "key": "asof.impossible",
    }


def test_the_installed_command_answers_as_of(tmp_path):
    script = Path(sys.executable).with_name("delegation")
    done = subprocess.run(
        [
            str(script),
            "--rules",
            str(MUNICIPALITY),
            "decide",
            "vejprojekt",
            "--fact",
            BIG,
            "--as-of",
            "2026-07-01",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        "Plan K2026B · Anlægsbevillinger til vejprojekter · vedtaget, i kraft fra 1. juli 2026 · i kraft den 1. juli 2026",
        "Teknik- og Miljøudvalget beslutter. Økonomiudvalget orienteres efterfølgende pr. mail.",
    ]
    bad = subprocess.run(
        [str(script), "decide", "erhvervspulje", "--as-of", "2026-02-30"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert bad.returncode == 2 and "datoen 2026-02-30 findes ikke i kalenderen" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_check_finds_the_fixture_municipality_in_order(run):
    result = run("check", str(MUNICIPALITY), "--min-severity", "warning")
    assert result.exit_code == 0, result.output
    assert "DLG05" not in result.output


def test_the_registry_knows_each_municipalitys_plans_and_plans_says_their_status(run):
    from delegation.engine.registry import municipalities

    assert {name: [p.id for p in group] for name, group in municipalities(MUNICIPALITY).items()} == {
        "Eksempel Kommune": ["K2026", "K2026B", "K2027"]
    }
    assert list(municipalities()) == ["Aarhus Kommune"]
    listed = json.loads(_run_in(run, "plans", "--json").output)
    assert [(p["id"], p["status"], p["in_force_from"]) for p in listed] == [
        ("K2026", "adopted", "2026-01-01"),
        ("K2026B", "adopted", "2026-07-01"),
        ("K2027", "draft", None),
    ]
    lines = _run_in(run, "plans").output.splitlines()
    assert lines[1].endswith("vedtaget, i kraft fra 1. juli 2026)") and lines[2].endswith("3 sagstyper)")


def test_one_helper_answers_the_plan_in_force_and_refuses_several():
    from delegation.engine.intime import decide_in_force

    plans = delegation.plans(MUNICIPALITY)
    answer = decide_in_force(plans, "vejprojekt", {"anlaegssum": "15 mio."}, as_of="2026-07-01")
    assert (answer.plan, answer.decides, answer.receipt.in_force) == ("K2026B", "teknikudvalget", True)
    # Several plans answering (here: named together) is refused: the caller asks one of them
    both = [*plans, delegation.load("A")]
    with pytest.raises(delegation.InputError) as raised:
        decide_in_force(both, "vejprojekt", as_of="2026-07-01", chosen=True)
    assert raised.value.problems[0].key == "asof.several" and raised.value.field == "plan"
    assert "(K2026, K2026B, K2027, A)" in raised.value.message
