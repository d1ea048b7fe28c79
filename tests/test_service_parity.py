"""Everything the command line does, HTTP can do: each report endpoint answers what its command prints."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from delegation.cli.main import cli
from fastapi.testclient import TestClient

import delegation
from delegation.analysis.ruletest import run_tests
from delegation.engine.registry import builtin_rules_dir
from delegation.language.fmt import format_text
from delegation.presentation.caseview import show_case
from delegation.presentation.render import render_case_view
from delegation.service.api import create_app
from delegation.service.api_reports import MAX_FMT_BYTES
from delegation.service.limits import place

RULES = builtin_rules_dir()
LOCAL = ("127.0.0.1", 50000)
HAS_DOT = shutil.which("dot") is not None


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(RULES), client=LOCAL)


def cli_run(*args: str, stdin: str | bytes | None = None):
    """The command in-process, on the same rules folder the service serves."""
    return CliRunner().invoke(cli, ["--rules", RULES, *args], input=stdin, catch_exceptions=False)


def cli_json(*args: str):
    return json.loads(cli_run(*args).stdout)


# --- show -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, case, extra",
    [
        ("B", "erhvervspuljen", []),  # thresholds: a band per range of the amount
        ("B", "Bevillinger fra Erhvervspuljen", []),  # words, resolved as decide resolves them
        ("A", "udlicitering", ["--department", "mtm"]),  # 'the department' made concrete
        ("A", "udlicitering", ["--department", "Teknik og Miljø"]),  # by its name
        ("B", "anlaegsregnskaber_over_50_mio", ["--lang", "en"]),
        ("A", "personalepolitik", []),  # no thresholds: one band per rule
    ],
)
def test_a_case_type_over_http_is_show_json(client, plan, case, extra):
    params = {}
    if "--department" in extra:
        params["department"] = extra[extra.index("--department") + 1]
    if "--lang" in extra:
        params["lang"] = "en"
    answer = client.get(f"/plans/{plan}/cases/{case}", params=params)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    printed = cli_run("show", case, "--plan", plan, "--json", *extra)
    assert printed.exit_code == 0
    assert answer.json() == json.loads(printed.stdout)
    assert answer.json()["schema"] == "delegation.case/1"


def test_show_json_holds_every_band_the_text_shows(client):
    """The text and the JSON come from one view: every band's condition and answer line of the JSON
    is in the text, in the same order, for every case type of every plan."""
    for plan in delegation.plans(RULES):
        for case_id in plan.case_types:
            view = show_case(plan, case_id)
            text = render_case_view(view)
            data = view.to_dict()
            assert data["case_type"]["id"] == case_id and data["bands"], case_id
            at = 0
            for band in data["bands"]:
                found = text.find(band["condition"], at)
                assert found >= 0, (plan.id, case_id, band["condition"])
                at = found
            assert [band["rule"] and band["rule"]["line"] for band in data["bands"]] == [
                band.rule and band.rule.line for band in view.bands
            ]
    # And a case type with thresholds, by hand: the bands as the plan writes them.
    data = client.get("/plans/B/cases/erhvervspuljen").json()
    assert [(b["condition"], b["example"], b["decides"], b["basis"]) for b in data["bands"]] == [
        ("beløb: 250.000 kr. og derunder", {"amount": 125000}, "ba", "default"),
        ("beløb: over 250.000 kr.", {"amount": 500000}, "magistraten", "byraadsbestemt"),
    ]
    assert data["bands"][1]["inform"] == [
        {"body": "oeu", "when": "before", "channel": "meeting", "frequency": None}
    ]
    assert data["bands"][1]["citation"].startswith("Borgmesterens Afdeling > Skal forelægges Magistraten")
    assert data["bands"][0]["rule"] is None and data["bands"][1]["rule"]["file"] == "plan_b.dlg"
    assert (data["section_title"], data["category_title"]) == ("Borgmesterens Afdeling", "Diverse")
    assert data["bodies"]["oeu"]["label"] == "ØEU" and data["depends_on"] == ["amount"]


def test_a_text_that_fits_several_case_types_is_422_with_the_candidates(client):
    answer = client.get("/plans/A/cases/personale")
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["type"] == "ambiguous_case" and error["key"] == "show.ambiguous" and error["field"] == "case"
    assert error["message"] == (
        "«personale» passer på flere sagstyper i plan A: loen_oevrige_personale, afskedigelse_oevrige_personale"
    )
    assert error["hint"] == "skriv sagstypens id eller en mere præcis tekst"
    decided = client.post("/plans/A/decide", json={"case": "personale"}).json()
    assert error["candidates"] == decided["candidates"]  # as decide gives them
    english = client.get("/plans/A/cases/personale", params={"lang": "en"}).json()["error"]
    assert english["message"].startswith("'personale' fits several case types of plan A: ")
    assert english["hint"] == "give the case type's id or a more precise text"
    printed = cli_run("show", "personale", "--plan", "A", "--json")
    assert printed.exit_code == 3 and json.loads(printed.stdout) == answer.json()
    assert cli_run("show", "personale", "--plan", "A").exit_code == 3  # the text: the candidates


def test_a_text_that_fits_no_case_type_is_404(client):
    answer = client.get("/plans/A/cases/xyzzy plugh")
    assert answer.status_code == 404
    assert answer.json()["error"] == {
        "type": "unknown_case",
        "message": "plan A har ingen sagstype, der passer på «xyzzy plugh»",
        "field": "case",
        "key": "show.unknown_case",
        "hint": "søg blandt planens sagstyper: delegation cases --plan A --search ORD "
        "(over HTTP: GET /plans/A/cases?search=ORD)",
        "candidates": [],
    }
    english = client.get("/plans/A/cases/xyzzy plugh?lang=en").json()["error"]
    assert english["message"] == "plan A has no case type that fits 'xyzzy plugh'"
    printed = cli_run("show", "xyzzy plugh", "--plan", "A", "--json", "--lang", "en")
    assert printed.exit_code == 2 and json.loads(printed.stdout) == {"error": english}


def test_an_unknown_department_is_refused_by_show_as_by_decide(client):
    """`show udlicitering --department zzz` printed "zzz beslutter."; now it is refused as decide refuses it."""
    answer = client.get("/plans/A/cases/udlicitering", params={"department": "zzz", "lang": "en"})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert (error["key"], error["field"]) == ("facts.department", "department")
    assert error["message"].startswith("unknown department 'zzz'; the departments are: ba, ")
    printed = cli_run("show", "udlicitering", "--plan", "A", "--department", "zzz")
    assert printed.exit_code == 2 and "ukendt afdeling 'zzz'" in printed.stderr


def test_show_json_from_the_installed_command(tmp_path):
    """The click-free entry answers `show --json` as click does (the packaged rules, from anywhere)."""
    command = [sys.executable, "-c", "from delegation.cli.entry import main; main()"]
    done = subprocess.run(
        [*command, "show", "erhvervspuljen", "--plan", "B", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    expected = show_case(delegation.load("B"), "erhvervspuljen").to_dict()
    assert json.loads(done.stdout) == expected


# --- body -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, body, lang",
    [("B", "magistraten", "da"), ("B", "ØEU", "en"), ("A", "mtm", "da"), ("C", "byraadet", "en")],
)
def test_a_body_over_http_is_body_json(client, plan, body, lang):
    answer = client.get(f"/plans/{plan}/bodies/{body}", params={"lang": lang})
    assert answer.status_code == 200
    assert answer.json() == cli_json("body", body, "--plan", plan, "--json", "--lang", lang)
    assert answer.json()["sections"]  # a body with duties, not an empty report


def test_an_unknown_body_is_404(client):
    answer = client.get("/plans/B/bodies/borgmester")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert (error["type"], error["key"], error["field"]) == ("unknown_body", "roles.unknown_body", "body")
    assert error["message"].startswith("ukendt organ 'borgmester'; organerne er byraadet, magistraten, ")
    english = client.get("/plans/B/bodies/borgmester?lang=en").json()["error"]
    assert english["message"].startswith("unknown body 'borgmester'; the bodies are: byraadet, ")
    assert cli_run("body", "borgmester", "--plan", "B").exit_code == 2


# --- graph ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "image_format, view, lang, media",
    [
        ("dot", "summary", "da", "text/plain; charset=utf-8"),
        ("dot", "full", "en", "text/plain; charset=utf-8"),
        ("mermaid", "summary", "da", "text/plain; charset=utf-8"),
        ("json", "summary", "en", "application/json"),
    ],
)
def test_the_graph_over_http_is_what_graph_writes(client, image_format, view, lang, media):
    answer = client.get("/plans/A/graph", params={"format": image_format, "view": view, "lang": lang})
    assert answer.status_code == 200 and answer.headers["content-type"] == media
    printed = cli_run("graph", "--plan", "A", "--format", image_format, "--view", view, "--lang", lang)
    assert printed.exit_code == 0 and answer.text == printed.stdout


def test_the_graph_defaults_to_dot_of_the_summary(client):
    assert client.get("/plans/B/graph").text == cli_run("graph", "--plan", "B").stdout


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
def test_the_graph_as_a_picture(client):
    svg = client.get("/plans/B/graph", params={"format": "svg"})
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.content == cli_run("graph", "--plan", "B", "--format", "svg").stdout_bytes
    png = client.get("/plans/B/graph", params={"format": "png"})
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG\r\n")


def test_a_picture_without_graphviz_is_501_not_a_traceback(client, monkeypatch):
    import delegation.analysis.graph as graph

    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    answer = client.get("/plans/A/graph", params={"format": "svg"})
    assert answer.status_code == 501
    error = answer.json()["error"]
    assert (error["type"], error["key"]) == ("unavailable", "http.no_dot")
    assert (
        error["message"]
        == "tjenesten kan ikke tegne svg: Graphviz' program 'dot' er ikke installeret på serveren"
    )
    assert error["hint"] == "bed om format=dot, mermaid eller json, eller få Graphviz installeret på serveren"
    english = client.get("/plans/A/graph", params={"format": "png", "lang": "en"}).json()["error"]
    assert (
        english["message"]
        == "the service cannot draw png: Graphviz's 'dot' program is not installed on the server"
    )
    assert client.get("/plans/A/graph", params={"format": "dot"}).status_code == 200  # text needs no Graphviz


@pytest.mark.parametrize("query", [{"format": "gif"}, {"view": "all"}, {"format": "md"}])
def test_a_graph_format_or_view_not_offered_is_422(client, query):
    answer = client.get("/plans/A/graph", params=query)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["key"] == "http.invalid.choice" and error["field"] == next(iter(query))
    assert error["message"].startswith("skal være ")


# --- render -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, document_format, lang, media",
    [
        ("A", "md", "da", "text/markdown; charset=utf-8"),
        ("B", "md", "en", "text/markdown; charset=utf-8"),
        ("C", "html", "da", "text/html; charset=utf-8"),
    ],
)
def test_the_document_over_http_is_what_render_writes(client, plan, document_format, lang, media):
    answer = client.get(f"/plans/{plan}/render", params={"format": document_format, "lang": lang})
    assert answer.status_code == 200 and answer.headers["content-type"] == media
    printed = cli_run("render", "--plan", plan, "--format", document_format, "--lang", lang)
    assert printed.exit_code == 0 and answer.text == printed.stdout


def test_the_html_document_unfolds_the_rules_from_the_served_folder(client):
    html = client.get("/plans/B/render", params={"format": "html"}).text
    # each bullet's rule, read from its file and highlighted
    assert '<details class="rule">' in html and '<span class="n">erhvervspuljen</span>' in html
    assert str(Path(RULES).parent) not in html  # the server's paths are not shown
    assert client.get("/plans/B/render", params={"format": "pdf"}).status_code == 422


# --- schema -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["decision", "plan"])
def test_the_schema_over_http_is_what_schema_prints(client, name):
    answer = client.get(f"/schema/{name}")
    assert answer.status_code == 200
    assert answer.json() == cli_json("schema", name)
    assert answer.json() != client.get(f"/schema/{'plan' if name == 'decision' else 'decision'}").json()


def test_the_command_offers_the_schemas_the_library_describes():
    from delegation.analysis.contract import SCHEMAS

    assert tuple(cli.commands["schema"].params[0].type.choices) == SCHEMAS


def test_an_unknown_schema_is_422(client):
    answer = client.get("/schema/decisions", params={"lang": "en"})
    assert answer.status_code == 422
    assert answer.json()["error"]["message"] == "Input should be 'decision' or 'plan'"


def test_a_schema_answered_is_a_copy(client):
    from delegation.analysis.contract import json_schema

    json_schema("plan")["title"] = "changed"
    assert json_schema("plan")["title"] == "Plan"


# --- fmt --------------------------------------------------------------------------------------


def _messy(text: str) -> str:
    """The rules text laid out badly: indentation dropped, spaces doubled."""
    return "\n".join(line.strip().replace(" ", "  ", 1) for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("name", ["plan_a.dlg", "plan_b.dlg", "plan_c_test.dlg"])
def test_fmt_over_http_is_what_fmt_writes(client, name):
    messy = _messy((Path(RULES) / name).read_text(encoding="utf-8"))
    answer = client.post("/fmt", content=messy.encode("utf-8"), headers={"content-type": "text/plain"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.text == format_text(messy, "<body>") != messy
    assert answer.text == cli_run("fmt", "-", stdin=messy).stdout


def test_fmt_says_where_a_text_does_not_parse(client):
    broken = 'plan A {\n  title "x"\n}\ncase y {\n  decide z\n}\n'
    answer = client.post("/fmt", content=broken)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert (error["type"], error["field"], error["key"]) == ("bad_input", "body", "syntax.token.expected")
    assert error["location"] == "<body>:5:3"
    assert error["message"].startswith("uventet 'decide'; forventede 'alias', ")
    assert error["hint"] == "mangler der en afsluttende '}'?"
    english = client.post("/fmt?lang=en&name=<stdin>", content=broken).json()["error"]
    assert english["message"].startswith("unexpected 'decide'; expected 'alias', ")
    # As `delegation fmt -` says it: the same place, message and hint.
    printed = cli_run("fmt", "-", "--lang", "en", stdin=broken)
    assert printed.exit_code == 1
    assert printed.stderr.splitlines()[0] == f"{english['location']}: {english['message']}"
    assert printed.stderr.splitlines()[-1] == f"  hint: {english['hint']}"


def test_fmt_refuses_a_text_that_is_not_utf8_and_a_body_over_the_limit(client):
    answer = client.post("/fmt", content=b'plan A { title "\xe6" }\n', params={"name": "plan_a.dlg"})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert (error["key"], error["field"]) == ("source.not_utf8", "body")
    assert error["message"] == "plan_a.dlg: ikke UTF-8-tekst (byte 16 er 0xe6)"
    too_big = client.post("/fmt", content=b"#" * (MAX_FMT_BYTES + 1))
    assert too_big.status_code == 413 and too_big.json()["error"]["key"] == "http.too_large"
    assert too_big.json()["error"]["message"] == "forespørgslens indhold er over 256.000 byte"
    streamed = client.post("/fmt", content=(b"#" * 50_000 for _ in range(6)))  # no length declared
    assert streamed.status_code == 413 and streamed.json()["error"]["key"] == "http.too_large"
    # At the limit, the worst text of the attack report (a comment a line) is formatted in time
    # linear in its lines (200.000 took 35 s when each line was counted from the start).
    comments = b"#\n" * (MAX_FMT_BYTES // 2)
    assert client.post("/fmt", content=comments).text == comments.decode()
    assert (
        client.post("/fmt", params={"name": "a\nb"}, content=b"").status_code == 422
    )  # no control characters


def test_a_bug_in_the_formatter_is_a_500_without_a_traceback(monkeypatch):
    import delegation.language.fmt as fmt

    def broken(text, path):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(fmt, "format_text", broken)
    quiet = TestClient(create_app(RULES), client=LOCAL, raise_server_exceptions=False)
    answer = quiet.post("/fmt?lang=en", content=b"plan A {}\n")
    assert answer.status_code == 500
    assert answer.json()["error"] == {
        "type": "internal_error",
        "message": "internal error; the service log has the details",
        "field": None,
        "key": "http.internal",
    }
    assert "secret" not in answer.text and "Traceback" not in answer.text


# --- test -------------------------------------------------------------------------------------


def test_the_rule_tests_over_http_are_what_test_reports(client):
    report = client.get("/test").json()
    ran = run_tests((), RULES)
    passed = sum(run.passed for run in ran.runs)
    assert (report["plans"], report["examples"], report["passed"], report["failed"]) == (
        ran.plans,
        len(ran.runs),
        passed,
        len(ran.runs) - passed,
    )
    assert report["examples"] > 100 and report["ok"] is True and report["coverage"] is False
    assert report == cli_json("test", "--json")  # the folder's own files: named alike
    covered = client.get("/test", params={"coverage": "true"}).json()
    assert covered["coverage"] is True
    assert len(covered["gaps"]) == len(run_tests((), RULES, coverage=True).gaps)
    one = client.get("/test", params={"plan": "b"}).json()
    assert one["plans"] == ["B"] and 0 < one["examples"] < report["examples"]


@pytest.fixture
def broken_rules(tmp_path):
    """A copy of the rules with one example that no longer holds and one of a case type no plan has."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("__pycache__"))
    test_file = rules / "plan_b_test.dlg"
    text = test_file.read_text(encoding="utf-8")
    first = text.index("decides ")
    end = text.index("\n", first)
    text = text[:first] + "decides byraadet" + text[end:]
    test_file.write_text(text + "\nexample erhvervspuljer {\n  decides magistraten\n}\n", encoding="utf-8")
    return rules


def test_failing_examples_over_http_are_what_test_reports(broken_rules, tmp_path):
    served = TestClient(create_app(broken_rules), client=LOCAL)
    unknown = {
        "da": "ukendt sagstype 'erhvervspuljer'; mente du 'erhvervspuljen'?",
        "en": "unknown case type 'erhvervspuljer'; did you mean 'erhvervspuljen'?",
    }
    for lang in ("da", "en"):
        report = served.get("/test", params={"lang": lang, "coverage": "true"}).json()
        printed = CliRunner().invoke(
            cli, ["--rules", str(broken_rules), "test", "--json", "--coverage", "--lang", lang]
        )
        assert printed.exit_code == 1
        expected = json.loads(printed.stdout)
        assert report["ok"] is False and report["failed"] == expected["failed"] == 2
        # relative to the served folder, never the server's path; the command's as it shows them
        assert [failure["file"] for failure in report["failures"]] == ["plan_b_test.dlg"] * 2
        assert [Path(failure["file"]).name for failure in expected["failures"]] == ["plan_b_test.dlg"] * 2
        named = [{**failure, "file": None} for failure in report["failures"]]
        assert named == [{**failure, "file": None} for failure in expected["failures"]]
        assert {key: value for key, value in report.items() if key != "failures"} == {
            key: value for key, value in expected.items() if key != "failures"
        }
        held, typo = report["failures"]
        assert "- decides byraadet" in held["differences"]
        assert typo["case"] == "erhvervspuljer" and typo["differences"] == [unknown[lang]]
        assert str(tmp_path) not in json.dumps(report)
        # The numbers are run_tests' own.
        ran = run_tests((), broken_rules)
        assert [(run.example.case, run.example.span.line) for run in ran.failures] == [
            (failure["case"], failure["line"]) for failure in report["failures"]
        ]


# --- every route: unknown plans, the OpenAPI schema, the limiter --------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/plans/X/cases/erhvervspuljen",
        "/plans/X/bodies/byraadet",
        "/plans/X/graph",
        "/plans/X/render",
        "/test?plan=X",
    ],
)
def test_an_unknown_plan_is_404_in_both_languages(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.json()["error"]["type"] == "unknown_plan"
    assert answer.json()["error"]["message"] == "ukendt plan 'X'; planerne er A, B, C"
    english = client.get(path + ("&" if "?" in path else "?") + "lang=en").json()["error"]
    assert english["message"] == "unknown plan 'X'; the plans are: A, B, C"


def test_the_reports_are_in_the_openapi_schema_with_their_answers(client):
    paths = client.get("/openapi.json").json()["paths"]
    routes = {
        "/plans/{plan_id}/cases/{case}": "get",
        "/plans/{plan_id}/bodies/{body}": "get",
        "/plans/{plan_id}/graph": "get",
        "/plans/{plan_id}/render": "get",
        "/schema/{name}": "get",
        "/fmt": "post",
        "/test": "get",
    }
    for path, method in routes.items():
        responses = paths[path][method]["responses"]
        assert responses["200"]["description"] and responses["200"]["description"] != "Successful Response", (
            path
        )
    graph = paths["/plans/{plan_id}/graph"]["get"]["responses"]
    assert set(graph["200"]["content"]) >= {"text/plain", "application/json", "image/svg+xml", "image/png"}
    assert "501" in graph
    assert "text/plain" in paths["/fmt"]["post"]["requestBody"]["content"]
    assert set(paths["/plans/{plan_id}/render"]["get"]["responses"]["200"]["content"]) >= {
        "text/markdown",
        "text/html",
    }


def test_the_heavy_reports_take_a_place_for_work_and_the_reads_wait_as_pages():
    assert place("GET", "/plans/A/graph") == place("GET", "/plans/A/render") == "work"
    assert place("GET", "/test") == place("POST", "/fmt") == "work"
    assert place("GET", "/plans/A/cases/erhvervspuljen") == place("GET", "/plans/A/bodies/oeu") == "pages"
    # whatever words a case holds after the plan's id: a case type shown, not a decision or a graph
    assert place("GET", "/plans/A/cases/x/decide") == place("GET", "/plans/A/cases/x/graph") == "pages"
    assert place("GET", "/plans/A/cases") is place("GET", "/plans/A/bodies") is None  # the lists stay light
    assert place("GET", "/schema/plan") is None  # described once per process
    assert place("POST", "/plans/A/decide", [(b"content-length", b"40")]) is None
    assert place("POST", "/plans/A/decide/batch") == "work"


def test_a_busy_service_refuses_a_graph_at_once(monkeypatch):
    """The place for work taken: a graph is 503 with Retry-After, while a case list is answered."""
    from delegation.service.api import _limiter

    busy = TestClient(create_app(RULES), client=LOCAL)
    busy.get("/healthz")  # builds the middleware stack
    gate = _limiter(busy.app)._gates["work"]
    taken = 0
    while gate.take():
        taken += 1
    try:
        refused = busy.get("/plans/A/graph?lang=en")
        assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
        assert refused.json()["error"]["key"] == "http.busy"
        assert busy.get("/plans/A/cases").status_code == 200
    finally:
        for _ in range(taken):
            gate.leave()


def test_rule_tests_of_a_folder_that_no_longer_reads_are_the_callers_error_with_its_line(tmp_path):
    """The rules on disk, changed since the reload, do not parse: /test answers 422 naming the
    file and line, where it answered 500 without them (attack report, 2026-11-28)."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("__pycache__"))
    client = TestClient(create_app(rules_dir=str(rules)), client=("127.0.0.1", 50000))
    with (rules / "plan_c.dlg").open("a", encoding="utf-8") as handle:
        handle.write("\ncase broken {\n")
    answer = client.get("/test")
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["location"].startswith("plan_c.dlg:") and "Traceback" not in answer.text
