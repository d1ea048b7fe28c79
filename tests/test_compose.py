"""`delegation compose`: a plan built on a base draft, with chosen case types as another draft has them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import delegation
from delegation.analysis.compose import compose, parse_take, write_composition
from delegation.analysis.diffing import diff
from delegation.engine.registry import builtin_rules_dir
from delegation.errors import InputError
from delegation.language.assemble import load_plan
from delegation.language.fmt import format_text

DELEGATION = str(Path(sys.executable).with_name("delegation"))


def _answers_as(composed: delegation.Plan, source: delegation.Plan, case_id: str) -> bool:
    """The case type gives the same outcome as in `source` in every band of the facts."""
    change = next(c for c in diff(composed, source).changes if c.case_type == case_id)
    return not any(band.changed for band in change.bands)


def test_b_with_a_policies_answers_each_case_type_as_its_source_plan():
    a, b = delegation.load("A"), delegation.load("B")
    composition = compose("B", [("A", ["politikker"])])
    policies = {case.id for case in a.case_types.values() if case.category == "politikker"}
    assert policies and set(composition.chosen) == policies
    composed = composition.plan
    assert set(composed.case_types) == set(b.case_types)
    for case_id in composed.case_types:
        source = a if case_id in policies else b
        assert _answers_as(composed, source, case_id), case_id
    # The policies are where B and A part: the compromise moves them back to the council.
    moved = [c for c in diff(b, composed).changes if c.change == "changed"]
    assert {c.case_type for c in moved} == {p for p in policies if not _answers_as(b, a, p)}


def test_the_composed_file_extends_the_base_is_formatted_and_cites_the_plan_taken_from():
    composition = compose("B", {"A": ["erhvervsplan", "oekonomisk_politik"]}, plan_id="D")
    text = composition.text
    assert 'plan D extends "plan_b.dlg"' in text
    assert text.count("override case ") == 2
    assert format_text(text) == text
    assert '"Skal forelægges Aarhus Byråd" > "Byrådsbestemt" > "Politikker": "Erhvervsplan"' in text
    # The examples come from plan A's test file, for exactly the case types taken.
    assert "example erhvervsplan" in composition.tests and "example oekonomisk_politik" in composition.tests
    assert composition.tests.count("example ") == 2


def test_a_case_type_the_base_lacks_is_added_and_one_the_source_lacks_is_removed():
    removed_in_b = "ansaettelsesforhold_forvaltningschefer"
    added = compose("B", [("A", [removed_in_b])])
    assert f"\ncase {removed_in_b} {{" in added.text
    assert removed_in_b in added.plan.case_types
    assert _answers_as(added.plan, delegation.load("A"), removed_in_b)
    dropped = compose("A", [("B", [removed_in_b])])
    assert f"remove case {removed_in_b}" in dropped.text
    assert removed_in_b not in dropped.plan.case_types


def test_unknown_plan_case_type_or_conflicting_takes_are_input_errors_with_suggestions():
    with pytest.raises(InputError) as unknown:
        compose("B", [("A", ["erhvervsplann"])])
    assert "erhvervsplan" in unknown.value.problems[0].hint.text()
    with pytest.raises(InputError) as no_plan:
        compose("B", [("Q", ["erhvervsplan"])])
    assert "A, B, C" in no_plan.value.problems[0].message
    with pytest.raises(InputError):
        compose("B", [("A", ["erhvervsplan"]), ("C", ["politikker"])])
    with pytest.raises(InputError):
        parse_take("A")
    with pytest.raises(InputError):
        compose("B", [("A", ["erhvervsplan"])], plan_id="A")


def test_written_beside_copies_of_the_base_it_loads_tests_and_checks(tmp_path):
    composition = compose("B", [("A", ["politikker"]), ("C", ["udlicitering"])])
    written = write_composition(composition, tmp_path / "plan_d.dlg")
    assert {p.name for p in written} >= {"plan_d.dlg", "plan_d_test.dlg", "plan_b.dlg", "plan_a.dlg"}
    assert load_plan(tmp_path / "plan_d.dlg") == load_plan(tmp_path / "plan_d.dlg")
    for command in (
        ["test", str(tmp_path / "plan_d.dlg")],
        ["check", str(tmp_path / "plan_d.dlg"), "--min-severity", "error"],
        ["fmt", "--check", str(tmp_path / "plan_d.dlg"), str(tmp_path / "plan_d_test.dlg")],
    ):
        result = subprocess.run([DELEGATION, *command], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    # Written again over a changed copy of the base: refused, nothing overwritten.
    (tmp_path / "plan_b.dlg").write_text((tmp_path / "plan_b.dlg").read_text() + "\n# edited\n")
    with pytest.raises(InputError):
        write_composition(composition, tmp_path / "plan_d.dlg")


def test_cli_compose_writes_and_refuses_unknown_ids_with_exit_2(tmp_path):
    output = tmp_path / "plan_d.dlg"
    done = subprocess.run(
        [
            DELEGATION,
            "compose",
            "--base",
            "B",
            "--take",
            "A:erhvervsplan,oekonomisk_politik",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert load_plan(output).case_types["erhvervsplan"].rules[0].decides == "byraadet"
    wrong = subprocess.run(
        [DELEGATION, "compose", "--base", "B", "--take", "A:erhvervsplam"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wrong.returncode == 2
    assert "erhvervsplan" in wrong.stderr and "Traceback" not in wrong.stderr


def test_cli_compose_prints_the_plan_without_output(run):
    result = run("compose", "--base", "B", "--take", "A:erhvervsplan")
    assert result.exit_code == 0
    assert result.output.startswith("# Plan D")
    assert run("compose", "--base", "Z", "--take", "A:erhvervsplan").exit_code == 2


def test_a_composed_plan_never_takes_the_id_or_file_of_an_existing_plan(tmp_path):
    with pytest.raises(InputError):
        compose("B", [("A", ["erhvervsplan"])], plan_id="C")
    composition = compose("B", [("A", ["erhvervsplan"])])
    write_composition(composition, tmp_path / "plan_d.dlg")
    with pytest.raises(InputError):  # plan_c.dlg declares plan C: not overwritten
        (tmp_path / "plan_c.dlg").write_text('plan C { title "C" }\n')
        write_composition(composition, tmp_path / "plan_c.dlg")
    assert (tmp_path / "plan_c.dlg").read_text() == 'plan C { title "C" }\n'


def test_beside_the_base_plan_nothing_is_copied(tmp_path):
    shutil.copytree(builtin_rules_dir(), tmp_path / "rules")
    composition = compose(
        tmp_path / "rules" / "plan_b.dlg", [("A", ["erhvervsplan"])], rules_dir=tmp_path / "rules"
    )
    written = write_composition(composition, tmp_path / "rules" / "plan_d.dlg")
    assert [p.name for p in written] == ["plan_d.dlg", "plan_d_test.dlg"]
    assert delegation.load("D", tmp_path / "rules").case_types["erhvervsplan"].rules[0].decides == "byraadet"
    with pytest.raises(InputError):  # over the base's own file: refused
        write_composition(composition, tmp_path / "rules" / "plan_a.dlg")


def test_a_free_id_for_the_composed_plan():
    from delegation.analysis.compose import free_plan_id

    assert free_plan_id(["A", "B", "C"]) == "D"
    assert free_plan_id(["A", "B", "C", "d"]) == "E"  # ids are compared without case, as compose does
    assert free_plan_id(["A", "Z"]) == "B"  # past Z: the first free letter
    assert free_plan_id(["K2026", "K2027"]) == "A"
    assert free_plan_id([chr(code) for code in range(ord("A"), ord("Z") + 1)]) == "P2"


def test_without_an_id_a_composition_takes_the_first_id_the_folder_leaves_free(tmp_path, run):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    composition = compose(rules / "plan_b.dlg", [("A", ["erhvervsplan"])], rules_dir=rules)
    write_composition(composition, rules / "plan_d.dlg")
    # Plan D is there now: the next composition is plan E, from Python and the command line alike.
    assert compose(rules / "plan_b.dlg", [("A", ["erhvervsplan"])], rules_dir=rules).plan.id == "E"
    result = run("compose", "--base", "B", "--take", "A:erhvervsplan", "--rules", str(rules))
    assert result.exit_code == 0 and result.output.startswith("# Plan E")
