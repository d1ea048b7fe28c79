"""A committee-style municipality in tests/fixtures: the engine knows nothing of Aarhus."""

from __future__ import annotations

import pytest
from conftest import UDVALGSKOMMUNE

import delegation


@pytest.fixture(scope="module")
def plan():
    return delegation.load(UDVALGSKOMMUNE)


def test_loads_its_own_bodies_and_facts(plan):
    assert plan.id == "K2026"
    assert set(plan.facts) == {"anlaegssum", "antal_boliger"}
    assert plan.bodies["kommunalbestyrelsen"].kind.value == "council"


@pytest.mark.parametrize(
    "amount, decides, inform",
    [
        ("999.999", "forvaltningen", []),
        (
            "1 mio.",
            "teknikudvalget",
            [{"body": "oekonomiudvalget", "when": "after", "channel": "mail", "frequency": None}],
        ),
        (
            "10 mio.",
            "teknikudvalget",
            [{"body": "oekonomiudvalget", "when": "after", "channel": "mail", "frequency": None}],
        ),
        ("10.000.001", "kommunalbestyrelsen", []),
    ],
)
def test_thresholds_in_other_units(plan, amount, decides, inform):
    decision = plan.decide("vejprojekt", anlaegssum=amount).to_dict()
    assert decision["decides"] == decides
    assert decision["inform"] == inform


def test_integer_fact_and_default(plan):
    assert plan.decide("boligbyggeri", antal_boliger=20).decides == "teknikudvalget"
    below = plan.decide("boligbyggeri", antal_boliger=19)
    assert (below.decides, below.basis) == ("forvaltningen", "default")


def test_uncovered_case_uses_its_areas(plan):
    decision = plan.decide("ny lokal byggesag")
    assert not decision.covered
    # The area that fits is a suggestion; the default competence needs the department named.
    assert (decision.decides, decision.suggested_department) == (None, "forvaltningen")
    assert plan.decide("ny lokal byggesag", department="forvaltningen").decides == "forvaltningen"
    assert any("Sager af principiel karakter" in line for line in decision.explanation)


def test_cli_with_rules_file(run):
    result = run("decide", "vejprojekt", "--plan", str(UDVALGSKOMMUNE), "--fact", "anlaegssum=12 mio.")
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == (
        "Kommunalbestyrelsen beslutter. Efter indstilling fra Økonomiudvalget."
    )


def _code_strings(path):
    """String literals of a module, docstrings left out (examples there may name Aarhus)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_engine_source_has_no_aarhus_words():
    from pathlib import Path

    source = Path(delegation.__file__).parent
    names = ("aarhus", "byraadet", "magistraten", "erhvervspulj", "fagudvalg", "afdelingen")
    ids = {
        "oeu",
        "ba",
        "msb",
        "mtm",
        "mso",
        "mkb",
        "mbu",
        "amount",
        "annual_amount",
        "persons",
        "salary_step",
        "A",
        "B",
        "C",
    }
    for path in source.glob("*.py"):
        for literal in _code_strings(path):
            assert literal not in ids, (path.name, literal)
            for name in names:
                assert name not in literal.lower(), (path.name, name, literal)


@pytest.mark.parametrize(
    "code, case_type",
    [
        ("01.02.05", "lokalplan"),  # exact subject
        ("01.02.05-P19", "lokalplan"),  # exact subject fits any facet; "01.02.*-P19" fits too
        ("01.02.09-P19", "lokalplan"),  # only the wildcard with facet fits
        ("05.01.02", "anlaegsbevilling"),  # wildcard
        ("05.01.02-G01", "boligbyggeri"),  # wildcard with facet is more specific than without
        ("03.10.00", "boligbyggeri"),  # top-level wildcard
    ],
)
def test_kle_codes_resolve_the_case_type(plan, code, case_type):
    decision = plan.decide("", kle=code)
    assert decision.case_type.id == case_type
    assert code in decision.explanation[0]


def test_kle_code_without_a_match_falls_back_to_the_text(plan):
    assert plan.decide("vejprojekt", kle="99.99.99").case_type.id == "anlaegsbevilling"
    assert not plan.decide("", kle="99.99.99").covered


def test_malformed_kle_pattern_is_a_validation_error(tmp_path, english):
    from delegation import ValidationError

    source = UDVALGSKOMMUNE.read_text(encoding="utf-8").replace('kle "05.01.*"', 'kle "5.1.*"')
    (tmp_path / "organisation.dlg").write_text(
        (UDVALGSKOMMUNE.parent / "organisation.dlg").read_text(encoding="utf-8"), encoding="utf-8"
    )
    broken = tmp_path / "plan.dlg"
    broken.write_text(source, encoding="utf-8")
    with pytest.raises(ValidationError, match="KLE code '5.1.\\*' is not SUBJECT"):
        delegation.load(broken)


def test_engine_names_no_aarhus_body_id_anywhere():
    """Not in code, comments, docstrings or templates: bodies come from the rules files."""
    import re
    from pathlib import Path

    ids = re.compile(r"\b(byraadet|magistraten|oeu|fagudvalg|direktoergruppen|msb|mtm|mso|mkb|mbu)\b")
    package = Path(delegation.__file__).parent
    for path in package.rglob("*"):
        if path.suffix in {".py", ".html", ".js", ".css"}:
            found = ids.search(path.read_text(encoding="utf-8"))
            assert found is None, (path.relative_to(package), found.group(0))
