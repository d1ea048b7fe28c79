"""Each threshold in the rules must be the one its citation states, in the plan's own words.

This catches transcription slips between the seed and the rules: a '>=' where the plan says
"over", a 50 mio. written as 5 mio., a range whose ends do not appear in the bullet.
"""

from __future__ import annotations

import pytest

import delegation
from delegation.bands import condition_interval
from delegation.model import AllOf, AnyOf, Between, Compare
from delegation.numbers import format_number

PLANS = {plan.id: plan for plan in delegation.plans()}
OPERATOR_WORDS = {
    ">": ("over", "mere end", "overstiger"),
    ">=": ("eller derover", "og derover"),
    # A rule below a threshold may be the complement of the one the plan states ("over 30.000 kr."
    # is drøftet med BA, so 30.000 kr. and less is not): the plan's own words are then the other side's.
    "<=": ("op til", "over", "mere end"),
    "<": ("under", "eller derover", "og derover"),
}


def _atoms(condition):
    if isinstance(condition, (AllOf, AnyOf)):
        for item in condition.items:
            yield from _atoms(item)
    elif condition is not None:
        yield condition


def _spoken(value: float) -> set[str]:
    """Ways the plans write a number: "500.000", "2 mio.", "50 mio.", "53"."""
    written = format_number(value)
    return {written, written.removesuffix("."), written.replace(" mio.", " mio")}


RULES = [
    (plan_id, case, rule)
    for plan_id, plan in PLANS.items()
    for case in plan.case_types.values()
    for rule in case.rules
    if rule.when is not None
]


@pytest.mark.parametrize("plan_id, case, rule", RULES, ids=[f"{p}:{r.id}" for p, _, r in RULES])
def test_threshold_matches_citation(plan_id, case, rule):
    cited = " ".join(c.text for c in rule.citations) + " " + (rule.note or "")
    for atom in _atoms(rule.when):
        if isinstance(atom, Between):
            low, high = format_number(atom.low.value), format_number(atom.high.value)
            assert f"{low}-{high}" in cited, (rule.id, cited)
            continue
        assert any(number in cited for number in _spoken(atom.value.value)), (rule.id, atom, cited)
        words = OPERATOR_WORDS[atom.op]
        assert any(word in cited for word in words), (rule.id, atom.op, cited)


def test_every_plan_has_thresholds_checked():
    assert {p for p, _, _ in RULES} == {"A", "B", "C"}
    assert len(RULES) >= 30


@pytest.mark.parametrize("plan_id, case, rule", RULES, ids=[f"{p}:{r.id}" for p, _, r in RULES])
def test_decide_at_and_around_every_boundary(plan_id, case, rule):
    """At the limit, one step below and one above, decide agrees with the interval arithmetic."""
    plan = PLANS[plan_id]
    for atom in _atoms(rule.when):
        interval = condition_interval(atom)
        limits = [atom.low.value, atom.high.value] if isinstance(atom, Between) else [atom.value.value]
        for limit in limits:
            for value in (limit - 1, limit, limit + 1):
                if value < 0:
                    continue
                facts = {atom.fact: value}
                others = [a for a in _atoms(rule.when) if a.fact != atom.fact]
                for other in others:  # keep the other facts outside their own thresholds
                    facts[other.fact] = 0
                decision = plan.decide(case.id, **facts)
                hit = decision.rule is not None and decision.rule.line == rule.span.line
                if interval.contains(value) and isinstance(rule.when, (Compare, Between, AnyOf)):
                    assert hit, (rule.id, facts, decision.rule)
                elif not interval.contains(value) and isinstance(rule.when, (Compare, Between, AllOf)):
                    assert not hit, (rule.id, facts)


@pytest.mark.parametrize("plan", ["A", "B", "C"])
def test_a_condition_no_fact_carries_is_said_with_the_decider(plan):
    """ "Godkendelse af beslutning om tilskud fra IT-puljen ... ved uenighed i direktørgruppen" was
    answered "Magistraten beslutter" for any grant (three audits, 2026-11-28): the plan's condition
    is part of the answer, and the default competence holds otherwise."""
    decision = PLANS[plan].decide("Tilskud fra IT-puljen til nyt fagsystem")
    assert decision.decides == "magistraten" and decision.decides_if == "der er uenighed i direktørgruppen"
    assert decision.answer.startswith(
        "Magistraten beslutter, når der er uenighed i direktørgruppen; ellers gælder udgangspunktet."
    )
    english = PLANS[plan].decide("Tilskud fra IT-puljen til nyt fagsystem", lang="en")
    assert english.answer.startswith(
        "Magistraten decides when: der er uenighed i direktørgruppen (the plan's words); otherwise"
    )
    # A decider without a condition says nothing of one
    plain = PLANS[plan].decide("Bevillinger fra Erhvervspuljen", amount=300_000)
    assert plain.decides_if is None and "når" not in plain.answer.split(".")[0]


def test_an_empty_condition_or_one_in_an_example_is_refused_where_it_is_written():
    from delegation.errors import DelegationError
    from delegation.language.parse import parse_text

    rule = 'case sag {{ title "Sag" rule {{ {field} basis praksis cite "A": "B" }} }}'
    for field in ('decides raad if "  "', 'involve ba if ""'):
        with pytest.raises(DelegationError) as refused:
            parse_text(rule.format(field=field), "tom.dlg")
        [problem] = refused.value.problems
        assert problem.location is not None and "ikke en tom tekst" in str(refused.value)
    with pytest.raises(DelegationError) as refused:
        parse_text('example sag { decides raad if "uenighed" }', "eksempel.dlg")
    assert "betingelsen ('if') hører til reglen" in str(refused.value)


def test_another_plans_answer_and_a_diff_keep_the_condition(tmp_path):
    """A plan without the IT-puljen bullet names plan A's answer with its condition, and a diff
    says the condition where it differs (review of the feature, 2026-11-28)."""
    import shutil

    from delegation.engine.registry import builtin_rules_dir
    from delegation.presentation.report import render_text

    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    (rules / "plan_d.dlg").write_text(
        'plan D extends "plan_a.dlg" { title "Uden IT-puljen" }\nremove case it_puljen_tilskud_ved_uenighed\n',
        encoding="utf-8",
    )
    plan_d = delegation.load(rules / "plan_d.dlg")
    decision = plan_d.decide("Tilskud fra IT-puljen til nyt fagsystem")
    assert (
        decision.case_type is None and decision.known_in[0].decides_if == "der er uenighed i direktørgruppen"
    )
    assert any(
        "Magistraten beslutter, når der er uenighed i direktørgruppen" in line
        for line in decision.explanation
    )
    text = (rules / "plan_b.dlg").read_text(encoding="utf-8")
    (rules / "plan_b.dlg").write_text(
        text.replace('if "der er uenighed i direktørgruppen"', ""), encoding="utf-8"
    )
    report = render_text(delegation.diff(rules / "plan_a.dlg", rules / "plan_b.dlg"))
    assert "Magistraten (kun når der er uenighed i direktørgruppen) → Magistraten" in report
