"""A guard for the readings: every band a plan answers with the default competence is listed, with
the words that make it one, in docs/interpretations.md ("Bands answered by the default competence")."""

from __future__ import annotations

import re
from pathlib import Path

import delegation
from delegation.bands import rule_runs
from delegation.engine.facts import facts_used

DOCS = Path(__file__).resolve().parent.parent / "docs" / "interpretations.md"


def _listed() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Bands answered by the default competence", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([a-z0-9_]+)`", section, re.MULTILINE))


def _default_bands() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for plan in delegation.plans():
        for case in plan.case_types.values():
            used = facts_used(plan, case)
            if used and any(rule is None for _, rule in rule_runs(case.rules, [plan.facts[f] for f in used])):
                found.setdefault(case.id, set()).add(plan.id)
    return found


def test_every_band_answered_by_the_default_competence_is_a_recorded_reading():
    missing = {case: plans for case, plans in _default_bands().items() if case not in _listed()}
    assert not missing, f"record these in docs/interpretations.md: {missing}"


def test_the_list_names_only_case_types_that_have_such_a_band():
    assert _listed() <= set(_default_bands())
