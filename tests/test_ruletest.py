"""`delegation test`: examples beside a plan, run through decide, failures with file:line and a diff."""

from __future__ import annotations

import textwrap

import pytest

from delegation import DslSyntaxError
from delegation.analysis.ruletest import render_report, run_tests
from delegation.language.parse import parse_text

BASE = """
plan P {
  title "Plan P"
}
fact amount "beløb" unit "kr."
body raad { name "Rådet" kind council }
body udvalg { name "Udvalget" kind committee }
body forvaltning { name "Forvaltningen" kind department }
section s "Sagerne" owner forvaltning

case pulje {
  title "Bevillinger fra puljen"
  section s
  rule when amount > 500.000 kr. {
    decides raad
    basis byraadsbestemt
    inform udvalg before by meeting
    cite "Skal forelægges Rådet" > "Diverse": "Bevillinger fra puljen over 500.000 kr."
  }
}

case budget {
  title "Budget"
  section s
  rule {
    decides raad
    basis lovbestemt
    cite "Skal forelægges Rådet": "Budget"
  }
}
"""

CHILD = """
plan Q extends "plan_p.dlg" {
  title "Plan Q"
}

override case pulje {
  title "Bevillinger fra puljen"
  section s
  rule when amount > 250.000 kr. {
    decides udvalg
    basis byraadsbestemt
    cite "Skal forelægges Udvalget": "Bevillinger fra puljen over 250.000 kr."
  }
}
"""

PASSING = """
example pulje given amount 600.000 kr. {
  decides raad
  basis byraadsbestemt
  inform udvalg before by meeting
  cite "Skal forelægges Rådet": "over 500.000 kr."
}

example pulje given amount 500.000 kr. {
  decides forvaltning
  basis default
}

example budget {
  decides raad
  basis lovbestemt
  cite "Budget"
}
"""


@pytest.fixture
def rules(tmp_path):
    def write(name: str, text: str):
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")

    write("plan_p.dlg", BASE)
    write("plan_p_test.dlg", PASSING)
    return tmp_path, write


def test_passing_examples(rules):
    folder, _ = rules
    report = run_tests([folder])
    assert report.plans == ["P"] and len(report.runs) == 3 and report.ok
    assert render_report(report) == "1 planer, 3 eksempler: 3 bestået, 0 fejlet"


def test_failure_names_the_line_and_shows_the_difference(rules):
    folder, write = rules
    write(
        "plan_p_test.dlg",
        PASSING.replace(
            "decides raad\n  basis byraadsbestemt", "decides udvalg\n  basis byraadsbestemt"
        ).replace('cite "Budget"', 'cite "Skal forelægges Udvalget": "Budget"'),
    )
    report = run_tests([folder])
    assert not report.ok and len(report.failures) == 2
    text = render_report(report, "en")
    assert f"FAIL {folder / 'plan_p_test.dlg'}:2: plan P · pulje · given amount 600.000 kr." in text
    assert "    - decides udvalg\n    + decides raad" in text
    assert (
        '    - cite "Skal forelægges Udvalget": "Budget"\n    + cite "Skal forelægges Rådet": "Budget"'
    ) in text
    assert text.endswith("1 plans, 3 examples: 1 passed, 2 failed")


def test_lists_and_bodies_are_compared_as_sets(rules):
    folder, write = rules
    write(
        "plan_p_test.dlg",
        """
        example pulje given amount 1 mio. kr. {
          decides raad
          basis byraadsbestemt
          inform udvalg after
        }
        """,
    )
    differences = run_tests([folder]).failures[0].differences
    assert differences == ("- inform udvalg after", "+ inform udvalg before by meeting")


@pytest.mark.parametrize(
    "example, message",
    [
        ("example pulje { decides raad }", "the answer depends on amount, which the example does not give"),
        ("example pulje given belob 5 { }", "unknown fact 'belob'"),
        (
            "example pulje given amount 5 personer { }",
            "given amount: unit 'personer', the fact's unit is 'kr.'",
        ),
        ("example pujle { }", "unknown case type 'pujle'; did you mean 'pulje'?"),
        (
            'example pulje given amount 5 kr. { decides forvaltning basis default cite "x" }',
            "+ (no rule applies: the default competence)",
        ),
    ],
)
def test_problems_are_failures_not_crashes(rules, example, message):
    folder, write = rules
    write("plan_p_test.dlg", example)
    report = run_tests([folder])
    lines = [
        line if isinstance(line, str) else line.text("en")
        for run in report.failures
        for line in run.differences
    ]
    assert any(message in line for line in lines), report.failures


def test_inherited_examples_run_where_the_case_type_is_kept(rules):
    folder, write = rules
    write("plan_q.dlg", CHILD)
    report = run_tests([folder])
    by_plan = {}
    for run in report.runs:
        by_plan.setdefault(run.plan, []).append(run.example.case)
    # Q overrides pulje: P's examples of pulje do not run in Q; budget is inherited and does.
    assert by_plan == {"P": ["pulje", "pulje", "budget"], "Q": ["budget"]}
    assert report.ok
    coverage = run_tests([folder / "plan_q.dlg"], coverage=True)
    assert [(gap.plan, gap.case) for gap in coverage.gaps] == [("Q", "pulje"), ("Q", "pulje")]


def test_examples_in_the_child_test_file_run_for_the_child(rules):
    folder, write = rules
    write("plan_q.dlg", CHILD)
    write(
        "plan_q_test.dlg",
        """
        example pulje given amount 300.000 kr. {
          decides udvalg
          basis byraadsbestemt
          cite "Skal forelægges Udvalget": "over 250.000 kr."
        }
        example budget {
          decides raad
          basis lovbestemt
        }
        """,
    )
    report = run_tests([folder / "plan_q_test.dlg"])
    assert report.plans == ["Q"]
    assert [
        (run.plan, run.example.case, run.passed) for run in report.runs if run.file.endswith("q_test.dlg")
    ] == [("Q", "pulje", True), ("Q", "budget", True)]


def test_coverage_names_each_band_without_an_example(rules):
    folder, write = rules
    assert run_tests([folder], coverage=True).gaps == []
    write(
        "plan_p_test.dlg",
        PASSING.split("example pulje given amount 500.000")[0]
        + "example budget { decides raad basis lovbestemt }",
    )
    report = run_tests([folder], coverage=True)
    assert [(gap.case, gap.describe()) for gap in report.gaps] == [
        ("pulje", "beløb: 500.000 kr. og derunder")
    ]
    assert not report.ok
    assert (
        f"MANGLER EKSEMPEL {folder / 'plan_p.dlg'}:11: plan P · pulje · beløb: 500.000 kr. og derunder"
        in render_report(report)
    )


def test_syntax_error_in_an_example_lists_its_fields():
    with pytest.raises(DslSyntaxError) as caught:
        parse_text("example c given amount 5 {\n  decide x\n}", "t_test.dlg")
    assert caught.value.render("en").startswith(
        "t_test.dlg:2:3: unexpected 'decide'; expected 'basis', 'cite', 'decides', 'department', "
        "'inform', 'involve', 'recommends', '}'"
    )
    assert caught.value.render().startswith(
        "t_test.dlg:2:3: uventet 'decide'; forventede 'basis', 'cite', 'decides', 'department', "
        "'inform', 'involve', 'recommends', '}'"
    )


def test_cli_exit_codes(run, rules):
    folder, write = rules
    ok = run("test", str(folder))
    assert ok.exit_code == 0 and ok.output == "1 planer, 3 eksempler: 3 bestået, 0 fejlet\n"
    verbose = run("test", "-v", "--lang", "en", str(folder))
    assert verbose.output.count("\nok ") + verbose.output.startswith("ok ") == 3
    write("plan_p_test.dlg", "example budget { decides udvalg basis lovbestemt }")
    failed = run("test", str(folder))
    assert failed.exit_code == 1 and "FEJL" in failed.output
    assert run("test", str(folder / "nope.dlg")).exit_code == 2
    (folder / "plan_p_test.dlg").unlink()
    none = run("test", str(folder))
    assert none.exit_code == 1 and "Ingen eksempler fundet." in none.output


def test_a_field_given_twice_in_a_test_file_is_an_error(run, rules):
    folder, write = rules
    write("plan_p_test.dlg", "example budget {\n  decides raad\n  decides udvalg\n  basis lovbestemt\n}\n")
    result = run("test", str(folder), "--lang", "en")
    assert result.exit_code == 1
    assert "plan_p_test.dlg:3:3: example budget: 'decides' is given more than once" in result.output
    danish = run("test", str(folder))
    assert "plan_p_test.dlg:3:3: example budget: 'decides' er angivet mere end én gang" in danish.output


def test_coverage_of_a_case_type_with_thresholds_too_many_to_list_cell_by_cell(tmp_path):
    """Such a case type is shown one band per rule (as decide lists it); coverage says the same."""
    rules = "".join(
        f"  rule when amount in {i * 1000 + 1} .. {i * 1000 + 500} and persons in {i * 10 + 1} .. {i * 10 + 5} {{\n"
        f'    decides raad\n    basis byraadsbestemt\n    cite "Liste": "Regel {i}"\n  }}\n'
        for i in range(110)
    )
    (tmp_path / "plan_m.dlg").write_text(
        'plan M { title "Mange" }\nfact amount "beløb" unit "kr."\nfact persons "antal" integer\n'
        'body raad { name "Rådet" kind council }\nbody forvaltning { name "F" kind department }\n'
        'section s "Sagerne" owner forvaltning\n'
        f'case mange {{\n  title "Mange tærskler"\n  section s\n{rules}}}\n',
        encoding="utf-8",
    )
    report = run_tests([tmp_path], coverage=True)
    assert len(report.gaps) == 110 and report.gaps[0].describe().startswith("beløb: ")
