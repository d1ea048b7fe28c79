"""Every message a person reads has a key and a Danish and an English text, with the same
placeholders; no error is made from a bare string; Danish unless English is asked for."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import click
import delegation.cli
import pytest
from delegation.cli.click_da import CLICK_DA
from delegation.cli.help_texts import HELP

import delegation
from delegation import (
    messages_engine,
    messages_findings,
    messages_language,
    messages_service,
    messages_time,
    messages_volumes,
)
from delegation.errors import DelegationError, InputError, Problem, did_you_mean
from delegation.i18n import _TEXTS
from delegation.messages import _LABELS, LANGUAGES, MESSAGES, Message, message_text

PACKAGE = Path(delegation.__file__).resolve().parent
CLI = Path(delegation.cli.__path__[0])  # cli/, installed as the package delegation.cli
SOURCES = sorted({*PACKAGE.rglob("*.py"), *CLI.rglob("*.py")})


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _catalogues() -> dict[str, dict[str, dict[str, str]]]:
    """Every table of key -> {"da", "en"}, by name; i18n's phrases turned the same way round."""
    keys = {*_TEXTS["da"], *_TEXTS["en"]}
    phrases = {key: {lang: _TEXTS[lang][key] for lang in LANGUAGES if key in _TEXTS[lang]} for key in keys}
    return {"messages": MESSAGES, "cli help": HELP, "i18n": phrases}


@pytest.mark.parametrize("name", ["messages", "cli help", "i18n"])
def test_every_key_has_both_languages_with_the_same_placeholders(name):
    catalogue = _catalogues()[name]
    assert catalogue
    for key, texts in catalogue.items():
        assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
        # Empty only where both are ("channel.unspecified": nothing is said in either language).
        assert bool(texts["da"].strip()) == bool(texts["en"].strip()), f"{key}: a text is missing"
        assert _fields(texts["da"]) == _fields(texts["en"]), f"{key}: placeholders differ"
        # Every text can be shown: its placeholders filled, braces in it doubled.
        for lang in LANGUAGES:
            texts[lang].format(**dict.fromkeys(_fields(texts[lang]), "x"))


def test_no_key_is_defined_twice_across_the_message_modules():
    tables = [
        _LABELS,
        messages_language.LANGUAGE_MESSAGES,
        messages_engine.ENGINE_MESSAGES,
        messages_service.SERVICE_MESSAGES,
        messages_findings.FINDING_MESSAGES,
        messages_volumes.VOLUME_MESSAGES,
        messages_time.TIME_MESSAGES,
    ]
    assert sum(len(table) for table in tables) == len(MESSAGES)


def test_click_translations_are_of_messages_click_still_has():
    """CLICK_DA is keyed by click's own English: a click upgrade that rewords one fails here."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path(click.__file__).parent.glob("*.py"))
    for english, danish in CLICK_DA.items():
        assert f'"{english}"' in source or f"'{english}'" in source, english
        assert _fields(english) == _fields(danish), english


def test_a_problem_cannot_be_made_from_a_bare_string():
    with pytest.raises(KeyError, match="not in the catalogue"):
        Problem("unknown plan 'D'")
    with pytest.raises(TypeError):
        DelegationError("unknown plan 'D'")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Problem("registry.unknown_plan", {"plan": "D", "plans": "A"}, hint="did you mean 'A'?")  # type: ignore[arg-type]


# Calls whose first argument is a message key (a Problem, a located problem, a message or a
# validator's report); `report`, `problem` are the collectors in language/validate.py and assemble.py.
_KEYED = {"Problem", "problem_at", "Message", "report", "problem"}
_ERRORS = {
    "DelegationError",
    "InputError",
    "SourceError",
    "DslSyntaxError",
    "ValidationError",
    "GraphvizMissing",
}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _key_pattern(node: ast.expr) -> str | None:
    """The key a literal names, as a regular expression (an f-string's holes match any word)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else r"[\w.]+" for part in node.values
        )
    return None


def test_every_error_and_message_in_the_package_is_made_from_a_catalogue_key():
    """Scans delegation/ and cli/: a Problem, problem_at, Message or collector call names a key of the
    catalogue (a literal, or an f-string some key matches); no error class is given a string."""
    keys = "\n".join(MESSAGES)
    checked = 0
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, where = _name(node), f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if name in _ERRORS:
                assert not any(
                    isinstance(arg, (ast.Constant, ast.JoinedStr, ast.BinOp)) for arg in node.args
                ), f"{where}: {name} made from a string; raise it with a Problem(key, ...)"
            if name not in _KEYED or not node.args:
                continue
            pattern = _key_pattern(node.args[0])
            if pattern is None:
                continue  # a key handed on (first.key, a variable), checked where it was written
            checked += 1
            assert re.search(f"^{pattern}$", keys, re.M), f"{where}: {name} with a key not in the catalogue"
    assert checked > 100


def test_messages_render_in_the_language_asked_for_and_danish_by_default(monkeypatch):
    monkeypatch.delenv("DELEGATION_LANG", raising=False)
    problem = Problem(
        "registry.unknown_plan",
        {"plan": "D", "plans": "A, B, C"},
        hint=did_you_mean("amout", ["amount", "persons"]),
        field="plan",
    )
    assert problem.text() == problem.message == "ukendt plan 'D'; planerne er A, B, C"
    assert problem.text("en") == "unknown plan 'D'; the plans are: A, B, C"
    assert problem.render("da") == "ukendt plan 'D'; planerne er A, B, C\n  tip: mente du 'amount'?"
    assert problem.render("en") == "unknown plan 'D'; the plans are: A, B, C\n  hint: did you mean 'amount'?"
    error = InputError(problem)
    assert str(error) == error.render("da") and error.render("en") != error.render("da")
    monkeypatch.setenv("DELEGATION_LANG", "en")
    assert problem.message == "unknown plan 'D'; the plans are: A, B, C"
    monkeypatch.setenv("DELEGATION_LANG", "fr")  # not a language of ours: Danish
    assert problem.message.startswith("ukendt plan")


def test_a_value_that_is_a_message_is_shown_in_the_same_language():
    shown = {
        lang: message_text("facts.unknown", {"name": "x", "facts": Message("word.none")}, lang)
        for lang in LANGUAGES
    }
    assert shown == {
        "da": "ukendt faktum 'x'; planens fakta er ingen",
        "en": "unknown fact 'x'; the plan's facts are: none",
    }


def test_finding_titles_in_both_languages():
    from delegation.analysis.findings import CATALOGUE

    assert CATALOGUE["DLG011"].summary("da") == "en betingelse bruger et faktum, der ikke er erklæret"
    assert CATALOGUE["DLG011"].summary("en") == "a condition uses a fact that is not declared"
    assert all(f"finding.{code}" in MESSAGES for code in CATALOGUE)
