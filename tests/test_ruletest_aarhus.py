"""The Aarhus plans' examples (rules/*_test.dlg): they pass, they quote the plan, and every band of
every case type of plans A, B and C has one."""

from __future__ import annotations

import shutil

import pytest

import delegation
from delegation.analysis.ruletest import _bands, render_report, run_tests
from delegation.conditions import facts_in
from delegation.engine.outcomes import bands
from delegation.engine.registry import builtin_rules_dir

REPORT = run_tests(coverage=True)


def test_every_example_passes():
    assert REPORT.plans == ["A", "B", "C"]
    assert len(REPORT.runs) >= 250
    assert not REPORT.failures, render_report(REPORT, "en")


@pytest.mark.parametrize("plan_id", ["A", "B", "C"])
def test_every_band_of_every_case_type_has_an_example(plan_id):
    gaps = [gap for gap in REPORT.gaps if gap.plan == plan_id]
    assert not gaps, "\n".join(f"{g.case}: {g.describe()}" for g in gaps)
    tested = {run.example.case for run in REPORT.runs if run.plan == plan_id}
    assert tested == set(delegation.load(plan_id).case_types)


def test_examples_state_the_outcome_in_the_plans_words():
    """An example decided by a rule quotes the forum heading and words of the bullet."""
    for run in REPORT.runs:
        example = run.example
        if example.basis.value != "default":
            assert example.citations, (run.file, example.span.line)
            assert all(c.path and c.path[0] for c in example.citations), (run.file, example.span.line)


def test_a_missing_example_is_a_gap(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    test_file = rules / "plan_a_test.dlg"
    text = test_file.read_text(encoding="utf-8")
    start = text.index("example erhvervspuljen given amount 1 mio. kr. {")
    end = text.index("}", start) + 1
    test_file.write_text(text[:start] + text[end:], encoding="utf-8")
    report = run_tests([rules / "plan_a.dlg"], coverage=True)
    assert [(g.plan, g.case, g.describe()) for g in report.gaps] == [
        ("A", "erhvervspuljen", "beløb: over 500.000 kr.")
    ]


@pytest.mark.parametrize("plan_id", ["A", "B", "C"])
def test_coverage_bands_are_the_bands_show_lists(plan_id):
    plan = delegation.load(plan_id)
    for case in plan.case_types.values():
        used = sorted(set().union(*(facts_in(rule.when) for rule in case.rules)))
        if not used:  # one band, "alle værdier"
            assert _bands(case, plan, used) == [()]
            continue
        regions = _bands(case, plan, used)
        shown = bands(plan, case, {}, used, None)
        assert len(regions) == len(shown), case.id
        for region, band in zip(regions, shown):
            assert all(interval.contains(band.example[name]) for name, interval in region), case.id
