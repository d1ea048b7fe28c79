"""`delegation check`: one broken fixture per finding code, the Aarhus plans, the CLI and JSON."""

from __future__ import annotations

import ast
import json
import math
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, UDVALGSKOMMUNE

import delegation
from delegation.analysis.checking import check
from delegation.analysis.coverage import EVALUATION_LIMIT, TooComplex, regions
from delegation.analysis.findings import CATALOGUE, Severity
from delegation.bands import fact_partition

BROKEN = FIXTURES / "check"
CASES = sorted(BROKEN.glob("DLG*.dlg"))
DOCS = Path(__file__).resolve().parent.parent / "docs"
_EXPECT = re.compile(r"^# expect (DLG\d{3}) (\d+):(\d+)(?: (\S+))?$", re.MULTILINE)


def _expected(path: Path) -> list[tuple[str, str, int, int]]:
    return [
        (code, file or path.name, int(line), int(column))
        for code, line, column, file in _EXPECT.findall(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_pins_its_code_and_location(path):
    expected = _expected(path)
    assert expected, f"{path.name} states no '# expect CODE LINE:COL'"
    assert {code for code, *_ in expected} == {path.name[:6]}
    report = check(path)
    found = [(f.code, Path(f.file).name, f.line, f.column) for f in report.findings]
    assert found == expected
    assert report.ok == (CATALOGUE[path.name[:6]].severity is not Severity.error)


def test_every_code_has_a_fixture_and_a_line_in_the_docs():
    fixtures = {path.name[:6] for path in CASES}
    # DLG009 is the fallback for a loader problem raised without a code: no rules file makes one
    # (test_uncoded_problem_falls_back below produces it).
    assert fixtures == set(CATALOGUE) - {"DLG009"}
    documented = dict(re.findall(r"^\| (DLG\d{3}) \| (\w+) \|", (DOCS / "checks.md").read_text(), re.M))
    assert documented == {code: check.severity.value for code, check in CATALOGUE.items()}


def test_every_loader_problem_is_raised_with_a_code():
    """Each problem the loader can raise names its code where it is raised (see docs/checks.md)."""
    source = Path(delegation.__file__).parent / "language"
    for module in ("parse.py", "syntax_errors.py", "assemble.py", "validate.py"):
        tree = ast.parse((source / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in {"report", "problem", "problem_at", "Problem"}:
                if _called(node) == "problem_at" and module == "validate.py":
                    continue  # the checker's own report() passes its required code through
                if _called(node) == "Problem" and not node.args:
                    continue
                assert any(keyword.arg == "code" for keyword in node.keywords), (module, node.lineno)


def _called(node: ast.Call) -> str:
    return getattr(node.func, "attr", None) or getattr(node.func, "id", "")


def test_uncoded_problem_falls_back(monkeypatch, tmp_path):
    from delegation.errors import Problem
    from delegation.language import assemble

    monkeypatch.setattr(
        assemble, "validate", lambda plan, texts, places: [Problem("assemble.remove", {"case": "x"})]
    )
    report = check(BROKEN / "DLG024_gap.dlg")
    assert [f.code for f in report.findings if f.severity is Severity.error] == ["DLG009"]


def test_aarhus_plans_have_no_errors_and_every_warning_is_judged():
    report = check()
    assert report.plans == ("A", "B", "C")
    assert report.ok, [f.message for f in report.findings if f.severity is Severity.error]
    section = (DOCS / "interpretations.md").read_text(encoding="utf-8").split("## Warnings of")[1]
    plans = {plan.id: plan for plan in delegation.plans()}
    for finding in report.findings:
        if finding.severity is Severity.warning:
            case_id = _case_at(plans[finding.plans[0]], finding)
            assert f"{finding.code} `{case_id}`" in section, (finding.code, case_id)


def _case_at(plan, finding) -> str:
    for case in plan.case_types.values():
        spans = [case.span, *(rule.span for rule in case.rules)]
        if any(Path(finding.file).name == span.file and finding.line == span.line for span in spans):
            return case.id
    raise AssertionError(f"no case type at {finding.location}")


def test_a_finding_of_a_shared_file_is_reported_once_for_every_plan():
    report = check("A", "B", "C")
    shared = [f for f in report.findings if f.code == "DLG035"]
    assert len(shared) == 1 and shared[0].plans == ("A", "B", "C")
    assert shared[0].file.endswith("plan_a.dlg")


def test_gaps_are_info_with_range_example_and_default_body():
    finding = next(f for f in check("A").findings if f.code == "DLG024" and "Erhvervspuljen" in f.message)
    assert finding.severity is Severity.info
    assert finding.message == (
        "'Bevillinger fra Erhvervspuljen': ingen regel for beløb: under 250.000 kr. "
        "(fx beløb = 125.000 kr.); sådanne sager falder til udgangspunktet: "
        "Borgmesteren (BA) beslutter"
    )


def test_two_facts_gap_is_one_box():
    plan = delegation.load("A")
    found = regions(plan, plan.case_types["integrationspolitikken_stoette"])
    gaps = [region for region in found if not region.rules]
    assert [gap.describe() for gap in gaps] == [
        "beløb: 25.000 kr. og derunder og samlet årligt beløb: 450.000 kr. og derunder"
    ]


def test_overlap_reports_interval_example_and_both_outcomes():
    finding = check(BROKEN / "DLG021_overlapping_bands.dlg", lang="en").findings[0]
    assert finding.message == (
        "rules 'a.1' and 'a.2' of 'Sag' both match beløb: over 500.000 kr. up to and including "
        "600.000 kr. (e.g. beløb = 550.000 kr.) with different outcomes: «Kommunalbestyrelsen "
        "decides.» / «Direktøren (Forvaltningen) decides.»"
    )


def _plan_file(tmp_path: Path, bodies: str, rule: str) -> Path:
    path = tmp_path / "plan.dlg"
    path.write_text(
        f"""plan X {{ title "X" }}
fact amount "beløb" unit "kr."
{bodies}
section s "Sager" owner afd
case a {{
  title "Sag"
  section s
  {rule}
}}
""",
        encoding="utf-8",
    )
    return path


_TWO_DEPARTMENTS = """
body raad { name "Rådet" kind council delegates to afd }
body afd { name "Afdelingen" kind department }
body anden { name "Anden afdeling" kind department }
body enhver { name "den ansvarlige afdeling" kind department relative }
"""


def test_a_relative_department_needs_every_department_reachable(tmp_path):
    rule = 'rule { decides enhver basis byraadsbestemt cite "X": "Sag" }'
    report = check(_plan_file(tmp_path, _TWO_DEPARTMENTS, rule), lang="en")
    finding = next(f for f in report.findings if f.code == "DLG040")
    assert "stands for afd, anden" in finding.message and "but anden cannot be reached" in finding.message
    reachable = _TWO_DEPARTMENTS.replace("delegates to afd", "delegates to afd anden")
    assert check(_plan_file(tmp_path, reachable, rule)).ok


def test_too_many_cells_are_left_to_the_loader(tmp_path):
    """Two facts with many limits each: too many cells to match against 80 rules one by one."""
    count = 40
    amounts = [
        f"rule when amount in {2 * n} kr. .. {2 * n + 1} kr. {{ decides raad "
        f'basis byraadsbestemt cite "X": "Sag {n}" }}'
        for n in range(count)
    ]
    persons = [
        f"rule when amount > 1 mio. kr. and persons in {2 * n} .. {2 * n + 1} {{ decides afd "
        f'basis byraadsbestemt cite "X": "Stor sag {n}" }}'
        for n in range(count)
    ]
    path = _plan_file(
        tmp_path,
        'fact persons "antal personer" unit "personer" integer\n'
        'body raad { name "Rådet" kind council delegates to afd }\n'
        'body afd { name "Afdelingen" kind department }',
        "\n  ".join(amounts + persons),
    )
    plan = delegation.load(path)
    case = plan.case_types["a"]
    cells = math.prod(len(fact_partition(case.rules, plan.facts[f])) for f in ("amount", "persons"))
    assert cells * len(case.rules) > EVALUATION_LIMIT
    with pytest.raises(TooComplex):
        regions(plan, case)
    assert {f.code for f in check(plan).findings} == set()


def test_check_takes_loaded_plans():
    report = delegation.check(delegation.load(UDVALGSKOMMUNE))
    assert report.plans == ("K2026",)
    assert {f.code for f in report.findings} == {"DLG024"}


def test_cli_check_exit_codes_and_json(run):
    clean = run("check", "--min-severity", "warning")
    assert clean.exit_code == 0
    assert re.fullmatch(r"A, B, C: 0 fejl, \d+ advarsler, \d+ info\.", clean.output.splitlines()[-1])
    assert "info DLG024" not in clean.output
    broken = run("check", str(BROKEN / "DLG030_statutory_delegated.dlg"), "--json", "--lang", "en")
    assert broken.exit_code == 1
    data = json.loads(broken.output)
    assert data["schema"] == "delegation.check/1"
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert list(data["findings"][0]) == [
        "code",
        "severity",
        "file",
        "line",
        "column",
        "message",
        "hint",
        "plans",
    ]
    assert run("check", "no_such_plan").exit_code == 2


def test_cli_check_of_a_folder_checks_every_plan_file(run):
    result = run("check", str(BROKEN), "--lang", "en")
    assert result.exit_code == 1
    codes = set(re.findall(r" (DLG\d{3}) ", result.output))
    assert codes == {path.name[:6] for path in CASES} - {"DLG004"}  # that file declares no plan


def test_a_wrong_reference_is_reported_where_it_is_written(tmp_path):
    """An unknown section, category, department, committee or delegate, a bad KLE code and a former
    id in use are reported at the field that writes them, not at the block's first line; an
    override's at the overriding file's field."""
    (tmp_path / "base.dlg").write_text(
        "\n".join(
            [
                'plan A { title "Grund" }',
                'body raad { name "Rådet" kind council',
                "  committee ingen",
                "  delegates to afd",
                "  delegates to nogen }",
                'body afd { name "Afd" kind department }',
                'section s "Afsnit" owner raad',
                "case a {",
                '  title "Sag"',
                "  section s",
                "  category k",
                '  kle "01.02"',
                '  kle "1x"',
                "  formerly gammel",
                "  formerly b",
                '  rule { decides raad basis lovbestemt cite "X": "Sag" }',
                "}",
                'case b { title "Anden" section s rule { decides raad basis lovbestemt cite "X": "B" } }',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "over.dlg").write_text(
        'plan B extends "base.dlg" { title "Over" }\n'
        "override case b {\n"
        '  title "Anden"\n'
        "  department raad\n"
        '  rule { decides raad basis lovbestemt cite "X": "B" }\n'
        "}\n",
        encoding="utf-8",
    )
    found = {(f.code, Path(f.file).name, f.line, f.column) for f in check(tmp_path / "over.dlg").findings}
    assert found == {
        ("DLG010", "base.dlg", 3, 3),  # committee ingen
        ("DLG010", "base.dlg", 5, 3),  # delegates to nogen: its own line, not the first delegates
        ("DLG012", "base.dlg", 11, 3),  # category k
        ("DLG018", "base.dlg", 13, 3),  # kle "1x", after a valid one
        ("DLG005", "base.dlg", 15, 3),  # formerly b, which is in use
        ("DLG013", "over.dlg", 4, 3),  # department raad: not a department
    }, found
