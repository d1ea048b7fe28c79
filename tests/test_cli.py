"""The command line: output, JSON contract, exit codes; once as a real installed process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, UDVALGSKOMMUNE

CONTRACT_KEYS = [
    "schema",
    "plan",
    "query",
    "facts",
    "covered",
    "case_type",
    "decides",
    "decides_if",
    "basis",
    "inform",
    "involve",
    "involve_if",
    "recommends",
    "depends_on",
    "outcomes",
    "candidates",
    "suggested_department",
    "known_in",
    "facts_from_text",
    "rule",
    "citation",
    "explanation",
    "receipt",
    "answer",
    "bodies",
    "department_from_text",
]


def test_decide_leads_with_the_answer(run):
    result = run("decide", "Bevillinger fra Erhvervspuljen", "--plan", "A", "--amount", "300000")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Plan A · Bevillinger fra Erhvervspuljen"
    assert lines[1] == "Magistraten beslutter."
    assert (
        "» Borgmesterens Afdeling > Skal forelægges Magistraten > Byrådsbestemt: "
        "Bevillinger fra Erhvervspuljen 250.000-500.000 kr." in result.output
    )
    assert "Regel: plan_a.dlg:" in result.output


def test_decide_plan_b_names_the_briefing(run):
    result = run("decide", "erhvervspulje", "--plan", "B", "--amount", "600.000")
    assert result.output.splitlines()[1] == "Magistraten beslutter. ØEU orienteres før beslutningen på møde."


def test_decide_english(run):
    result = run("decide", "erhvervspulje", "--plan", "B", "--amount", "2 mio.", "--lang", "en")
    assert (
        result.output.splitlines()[1]
        == "Magistraten decides. ØEU is briefed before the decision at a meeting."
    )
    assert "Plan text:" in result.output


def test_json_contract(run):
    result = run("decide", "erhvervspulje", "--plan", "A", "--amount", "600000", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == CONTRACT_KEYS
    assert data["schema"] == "delegation.decision/2"
    assert data["facts"] == {"amount": 600000}
    assert data["case_type"] == {"id": "erhvervspuljen", "title": "Bevillinger fra Erhvervspuljen"}
    assert (data["decides"], data["basis"], data["covered"]) == ("byraadet", "byraadsbestemt", True)
    assert data["rule"]["file"] == "plan_a.dlg" and data["rule"]["line"] > 0


def test_json_is_byte_identical_for_the_same_input(run):
    args = ("decide", "udlicitering", "--plan", "C", "--persons", "5", "--json")
    assert run(*args).output == run(*args).output


def test_json_depends_on_lists_bands(run):
    data = json.loads(run("decide", "erhvervspulje", "--plan", "A", "--json").output)
    assert data["decides"] is None and data["depends_on"] == ["amount"]
    assert [(b["condition"], b["decides"], b["example"]) for b in data["outcomes"]] == [
        ("beløb: under 250.000 kr.", "ba", {"amount": 125000}),
        ("beløb: 250.000-500.000 kr.", "magistraten", {"amount": 375000}),
        ("beløb: over 500.000 kr.", "byraadet", {"amount": 1000000}),
    ]


def test_every_plan_when_none_is_named(run):
    data = json.loads(run("decide", "personalepolitik", "--json").output)
    assert [(d["plan"], d["decides"]) for d in data] == [
        ("A", "byraadet"),
        ("B", "magistraten"),
        ("C", "byraadet"),
    ]


def test_ambiguous_text_exits_3_with_candidates(run):
    result = run("decide", "restarealer", "--plan", "A")
    assert result.exit_code == 3
    assert "kb_bevillinger_restarealer" in result.output
    assert "provenu_salg_restarealer" in result.output


def test_uncovered_case(run):
    result = run("decide", "ny affaldsordning", "--plan", "C", "--department", "mtm")
    assert result.exit_code == 0
    assert "Planen nævner ikke sagstypen (delegationsplan C)." in result.output
    assert "Rådmanden (MTM) beslutter." in result.output
    assert "Borgmesterens Afdeling inddrages" in result.output


@pytest.mark.parametrize(
    "args, english, danish",
    [
        (
            ("decide", "x", "--plan", "D"),
            "error: unknown plan 'D'; the plans are: A, B, C",
            "fejl: ukendt plan 'D'; planerne er A, B, C",
        ),
        (
            ("decide", "erhvervspulje", "--plan", "A", "--fact", "amout=5"),
            "error: unknown fact 'amout'; case type 'erhvervspuljen' uses: amount (beløb)",
            "fejl: ukendt faktum 'amout'; sagstypen 'erhvervspuljen' bruger amount (beløb)",
        ),
        (
            ("decide", "erhvervspulje", "--plan", "A", "--amount", "fem"),
            "error: fact 'amount': 'fem' is not a number",
            "fejl: faktum 'amount': 'fem' er ikke et tal",
        ),
        (
            ("decide", "erhvervspulje", "--plan", "A", "--amount", "-5"),
            "error: fact 'amount': '-5' must be a finite number, 0 or more",
            "fejl: faktum 'amount': '-5' skal være et endeligt tal, 0 eller derover",
        ),
        (
            ("decide", "udlicitering", "--plan", "A", "--persons", "2,5"),
            "error: fact 'persons' (antal personer) takes whole numbers, not '2,5'",
            "fejl: faktum 'persons' (antal personer) tager kun hele tal, ikke '2,5'",
        ),
        (
            ("decide", "erhvervspulje", "--plan", "A", "--fact", "amount"),
            "error: --fact 'amount': expected NAME=VALUE",
            "fejl: --fact 'amount': forventede NAVN=VÆRDI",
        ),
        (
            ("decide", "udlicitering", "--plan", "A", "--department", "mtx"),
            "error: unknown department 'mtx'; the departments are: ba, mbu, mkb, msb, mso, mtm",
            "fejl: ukendt afdeling 'mtx'; afdelingerne er ba, mbu, mkb, msb, mso, mtm",
        ),
        (
            ("decide", "x", "--plan", "/no/such/plan.dlg"),
            "error: /no/such/plan.dlg: no such rules file",
            "fejl: /no/such/plan.dlg: regelfilen findes ikke",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(run, args, english, danish):
    result = run(*args, "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == english
    assert "Traceback" not in result.output
    danish_result = run(*args)
    assert danish_result.exit_code == 2 and danish_result.output.splitlines()[0] == danish


def test_broken_rules_exit_1_with_location(run):
    path = str(GOLDEN / "errors" / "syntax_keyword_typo.dlg")
    result = run("decide", "a", "--plan", path, "--lang", "en")
    assert result.exit_code == 1
    assert result.output.startswith("syntax_keyword_typo.dlg:11:5: unexpected 'decide'")
    assert "hint: did you mean 'decides'?" in result.output
    danish = run("decide", "a", "--plan", path)
    assert danish.output.startswith("syntax_keyword_typo.dlg:11:5: uventet 'decide'; forventede 'basis'")
    assert "tip: mente du 'decides'?" in danish.output


def test_show_lists_every_band(run):
    result = run("show", "anlaegsregnskaber_over_50_mio", "--plan", "B")
    assert result.exit_code == 0
    assert "• beløb: over 50 mio. kr." in result.output
    assert (
        "Magistraten beslutter. Fagudvalget orienteres før beslutningen på møde. "
        "Byrådet orienteres efterfølgende pr. mail." in result.output
    )


def test_show_json_is_the_case_type_and_every_band_as_data(run):
    result = run("show", "anlaegsregnskaber_over_50_mio", "--plan", "B", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["schema"] == "delegation.case/1" and shown["plan"] == "B"
    assert shown["case_type"]["id"] == "anlaegsregnskaber"  # found by its former id
    [band] = [band for band in shown["bands"] if band["condition"] == "beløb: over 50 mio. kr."]
    assert band["decides"] == "magistraten"
    assert [(i["body"], i["when"], i["channel"]) for i in band["inform"]] == [
        ("fagudvalg", "before", "meeting"),
        ("byraadet", "after", "mail"),
    ]
    assert band["answer"] == (
        "Magistraten beslutter. Fagudvalget orienteres før beslutningen på møde. "
        "Byrådet orienteres efterfølgende pr. mail."
    )
    text = run("show", "anlaegsregnskaber_over_50_mio", "--plan", "B").output
    assert all(b["condition"] in text and b["answer"] in text for b in shown["bands"])  # the same bands
    english = json.loads(
        run("show", "anlaegsregnskaber_over_50_mio", "--plan", "B", "--json", "--lang", "en").stdout
    )
    assert [b["condition"] for b in english["bands"]] != [b["condition"] for b in shown["bands"]]
    assert "beløb: 50 mio. kr. or less" in [
        b["condition"] for b in english["bands"]
    ]  # the label is the plan's


def test_show_json_of_words_that_fit_several_case_types_is_an_error_object(run):
    result = run("show", "personale", "--plan", "A", "--json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)["error"]
    assert (error["type"], error["key"], error["field"]) == ("ambiguous_case", "show.ambiguous", "case")
    assert [c["id"] for c in error["candidates"]] == [
        "loen_oevrige_personale",
        "afskedigelse_oevrige_personale",
    ]
    unknown = run("show", "xyzzy plugh", "--plan", "A", "--json", "--lang", "en")
    assert unknown.exit_code == 2
    assert json.loads(unknown.stdout)["error"]["message"] == "plan A has no case type that fits 'xyzzy plugh'"


def test_cases_search_and_plans(run):
    found = json.loads(run("cases", "--plan", "A", "--search", "erhvervspulje", "--json").output)
    assert found[0]["id"] == "erhvervspuljen"
    plans = json.loads(run("plans", "--json").output)
    assert [p["id"] for p in plans] == ["A", "B", "C"]
    assert plans[1]["document"] == "14698010"


def test_plans_lists_only_what_a_plan_says_of_itself(run, tmp_path):
    (tmp_path / "z.dlg").write_text("plan Z {\n}\n", encoding="utf-8")
    assert (
        run("--rules", str(tmp_path), "plans").output
        == f"Z  (0 sagstyper)\nRegler: {tmp_path.resolve()} (--rules)\n"
    )


def test_a_search_of_no_words_finds_nothing(run):
    result = run("cases", "--plan", "A", "--search", "!!", "--json")
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_installed_script_runs_from_any_directory(tmp_path):
    script = Path(sys.executable).with_name("delegation")
    assert script.exists(), "the package must install the 'delegation' command"
    env = {k: v for k, v in os.environ.items() if k != "DELEGATION_RULES"}
    done = subprocess.run(
        [str(script), "decide", "Bevillinger fra Erhvervspuljen", "--plan", "A", "--amount", "300000"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "Magistraten beslutter."
    other = subprocess.run(
        [str(script), "decide", "lokalplan", "--plan", str(UDVALGSKOMMUNE), "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert json.loads(other.stdout)["decides"] == "kommunalbestyrelsen"


@pytest.mark.parametrize("path", sorted((GOLDEN / "errors").glob("*.dlg")), ids=lambda p: p.stem)
def test_every_broken_rules_file_is_exit_1_without_traceback(run, path):
    result = run("decide", "a", "--plan", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(path.name) or result.output.startswith("include_cycle")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe\x00", b"plan X {", b"{" * 5000, b'plan X { title "' + b"a" * 100_000]
)
def test_odd_files_never_crash(run, tmp_path, content):
    path = tmp_path / "odd.dlg"
    path.write_bytes(content)
    result = run("decide", "a", "--plan", str(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "intern fejl" not in result.output


def test_plan_schema_and_json_write_a_span_as_an_object(run):
    # Span is a named tuple for speed; the plan model still describes, writes and reads it as
    # {"file", "line", "column"}, so `schema plan` and pydantic's dump and validation round-trip.
    from pydantic import TypeAdapter

    import delegation
    from delegation.model import CaseType
    from delegation.plandata import as_data

    schema = json.loads(run("schema", "plan").output)
    decision = json.loads(run("schema", "decision").output)
    # Every object of both contracts refuses keys it does not name, as when they were pydantic models.
    for described in (schema, decision):
        for name, definition in {"": described, **described["$defs"]}.items():
            if definition.get("type") == "object":
                assert definition["additionalProperties"] is False, name
    assert schema["$defs"]["Span"]["type"] == "object"
    assert schema["$defs"]["Span"]["required"] == ["file", "line", "column"]
    case = delegation.load("A").case_types["erhvervspuljen"]
    model = TypeAdapter(CaseType)
    written = json.loads(model.dump_json(case))
    assert written["span"] == {"file": case.span.file, "line": case.span.line, "column": case.span.column}
    assert written == as_data(case)
    assert model.validate_json(model.dump_json(case)) == case


@pytest.mark.parametrize(
    "args, key",
    [
        (["decide", "erhvervspulje", "--plan", "A", "--amount", "abc", "--json"], "facts.not_number"),
        (["decide", "x", "--plan", "Q", "--json"], "registry.unknown_plan"),
        (["history", "ingen-sag-her", "--json"], None),
        (["diff", "A", "Q", "--json"], "registry.unknown_plan"),
    ],
)
def test_json_errors_are_an_error_object_on_stdout(args, key, tmp_path):
    """A program reading --json got nothing on stdout, only Danish text on stderr (the installed
    command: its fast entry and click both)."""
    command = [sys.executable, "-c", "from delegation.cli.entry import main; main()", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    error = json.loads(done.stdout)["error"]
    assert done.returncode == 2 and done.stderr and error["type"] == "bad_input"
    assert key is None or error["key"] == key
    assert error["message"] in done.stderr
