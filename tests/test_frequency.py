"""How often a periodic briefing comes, in the plan's words: parsed, said, compared and tested."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

import delegation
from delegation.analysis.ruletest import run_tests
from delegation.errors import ValidationError

ORGANISATION = (FIXTURES / "check" / "organisation.inc").read_text(encoding="utf-8")


def _plan(tmp_path, plan_id: str, inform: str, example: str = "") -> delegation.Plan:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "organisation.inc").write_text(ORGANISATION, encoding="utf-8")
    path = tmp_path / f"plan_{plan_id.lower()}.dlg"
    path.write_text(
        f'plan {plan_id} {{ title "Hyppighed" }}\ninclude "organisation.inc"\n\n'
        'case regnskab {\n  title "Orientering om regnskabet"\n  section s\n'
        f"  rule {{\n    decides afd\n    {inform}\n    basis procedurekrav\n"
        '    cite "Procedurekrav": "Udvalget orienteres om regnskabet hvert kvartal."\n  }\n}\n',
        encoding="utf-8",
    )
    if example:
        (tmp_path / f"plan_{plan_id.lower()}_test.dlg").write_text(example, encoding="utf-8")
    return delegation.load(path)


@pytest.mark.parametrize(
    "plan, case, danish, english",
    [
        (
            "A",
            "it_puljen_anvendelse",
            "Byrådet orienteres årligt på møde.",
            'is informed periodically ("årligt") at a meeting',
        ),
        ("B", "budgetmaal_opfoelgning", "Fagudvalget orienteres hvert kvartal på møde.", '("hvert kvartal")'),
        ("C", "forventet_regnskab_juni", "Byrådet orienteres pr. ultimo juni.", '("pr. ultimo juni")'),
    ],
)
def test_the_answer_says_how_often_as_the_plan_does(plan, case, danish, english):
    loaded = delegation.load(plan)
    decision = delegation.decide(loaded, case, lang="da")
    assert danish in decision.answer and "løbende" not in decision.answer
    assert english in delegation.decide(loaded, case, lang="en").answer
    assert decision.inform[0].frequency and decision.to_dict()["inform"][0]["frequency"] in decision.answer


def test_a_briefing_without_a_rhythm_is_periodic_and_the_json_says_null(tmp_path):
    plan = _plan(tmp_path, "F", "inform udvalg periodic by meeting")
    decision = delegation.decide(plan, "regnskab")
    assert "Økonomiudvalget orienteres periodisk på møde." in decision.answer
    assert decision.to_dict()["inform"] == [
        {"body": "udvalg", "when": "periodic", "channel": "meeting", "frequency": None}
    ]


def test_a_frequency_on_a_briefing_before_or_after_is_refused(tmp_path):
    with pytest.raises(ValidationError) as raised:
        _plan(tmp_path, "F", 'inform udvalg before "årligt" by meeting')
    (problem,) = raised.value.problems
    assert problem.code == "DLG019" and problem.location.line == 9
    assert (
        problem.text("da") == "'udvalg' orienteres før beslutningen, men reglen siger også hvor ofte (årligt)"
    )


def test_a_changed_rhythm_is_a_change_of_the_diff(tmp_path):
    quarterly = _plan(tmp_path / "q", "Q", 'inform udvalg periodic "hvert kvartal" by meeting')
    yearly = _plan(tmp_path / "y", "Y", 'inform udvalg periodic "årligt" by meeting')
    (change,) = delegation.diff(quarterly, yearly).changes
    assert change.change == "changed"
    from delegation.presentation.report import render_text

    report = render_text(delegation.diff(quarterly, yearly))
    assert "Økonomiudvalget orienteres periodisk: hvert kvartal → årligt" in report


def test_an_example_pins_the_rhythm(tmp_path):
    example = (
        "example regnskab {\n  decides afd\n  basis procedurekrav\n"
        '  inform udvalg periodic "årligt" by meeting\n}\n'
    )
    _plan(tmp_path, "F", 'inform udvalg periodic "hvert kvartal" by meeting', example)
    (run,) = run_tests([tmp_path / "plan_f.dlg"]).runs
    assert not run.passed
    assert '- inform udvalg periodic "årligt" by meeting' in run.differences
    assert '+ inform udvalg periodic "hvert kvartal" by meeting' in run.differences
