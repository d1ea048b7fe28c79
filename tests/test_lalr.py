"""lalr.run gives exactly the parse tree Lark's own parser gives, every token with the same type,
text, line and column, on every shipped and fixture rules file, a synthetic plan and fuzzed rules
text; on text Lark refuses, parse_text reports Lark's own error."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput
from test_fuzz_rules import FUZZ, PLAN_A, _mutate, mutation

from delegation.errors import DslSyntaxError
from delegation.language import grammar, lalr
from delegation.language.parse import parse_text
from delegation.language.syntax_errors import convert

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [
        *ROOT.glob("rules/*.dlg"),
        *ROOT.glob("tests/golden/**/*.dlg"),
        *ROOT.glob("tests/fixtures/**/*.dlg"),
        *ROOT.glob("tests/fixtures/**/*.inc"),
    ]
)


def _tokens(text: str, fast: bool) -> list[tuple]:
    """The parse tree's tokens with their positions, from lalr.run or from Lark's own parser."""
    tree = lalr.run(grammar.parser(), text) if fast else grammar.parser().parse(text)
    if fast:
        assert tree == grammar.parser().parse(text)
    return [
        (t.type, str(t), t.line, t.column) for t in tree.scan_values(lambda value: isinstance(value, str))
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_same_tree_as_lark_on_every_rules_file(path):
    text = path.read_text(encoding="utf-8")
    try:
        expected = _tokens(text, fast=False)
    except UnexpectedInput as error:  # an error fixture: parse_text reports Lark's error
        with pytest.raises(DslSyntaxError) as raised:
            parse_text(text, path.name)
        assert raised.value.render() == convert(error, path.name, text).render()
        return
    assert _tokens(text, fast=True) == expected


def test_same_tree_on_a_synthetic_plan(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_municipality

    paths = write_municipality(tmp_path, "Prøvekommune", 300)
    for path in sorted(tmp_path.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert _tokens(text, fast=True) == _tokens(text, fast=False), path.name
    assert paths["A"].exists()


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_same_tree_or_the_same_error_on_mutated_rules(steps):
    text = _mutate(PLAN_A, steps)
    try:
        expected = _tokens(text, fast=False)
    except UnexpectedInput as error:
        with pytest.raises(lalr.Refused):
            lalr.run(grammar.parser(), text)
        with pytest.raises(DslSyntaxError) as raised:
            parse_text(text, "plan_a.dlg")
        assert raised.value.render() == convert(error, "plan_a.dlg", text).render()
        return
    assert _tokens(text, fast=True) == expected


def test_trailing_comment_is_not_lexed_as_words():
    # The skip of spaces and comments is possessive: at the end of the text, a regex that
    # backtracked into the comment would find the words 'plan' and 'A' in it.
    parsed = parse_text('plan A { title "T" }\n# Everything as in plan A: inherited.\n', "p.dlg")
    assert [item.id for item in parsed.items] == ["A"]


def test_a_failing_rule_callback_is_reported_with_its_rule_and_first_token():
    class Refuses:
        def case(self, children):
            raise ValueError("no")

    with pytest.raises(lalr.CallbackFailed) as raised:
        lalr.run(grammar.parser(), '\n  case c { title "T" }', Refuses())
    failed = raised.value
    assert (failed.rule, str(failed.first), failed.first.line, failed.first.column) == ("case", "case", 2, 3)
    assert str(failed.error) == "no"


@FUZZ
@given(st.text(alphabet='"\\an\n ', max_size=12))
def test_the_string_terminal_matches_what_its_plain_form_matches(text):
    """STRING is written unrolled for speed; it must accept exactly the strings the textbook
    form accepts, and stop at the same place."""
    textbook = re.compile(r'"([^"\\]|\\.)*"', re.S)
    unrolled = next(t for t in grammar.parser().terminals if t.name == "STRING")
    ours = re.compile(unrolled.pattern.to_regexp())
    assert bool(textbook.fullmatch(text)) == bool(ours.fullmatch(text))
    expected, got = textbook.match(text), ours.match(text)
    assert (expected and expected.end()) == (got and got.end())
