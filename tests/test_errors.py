"""Pinned error messages: every broken rules file in tests/golden/errors has its exact rendering."""

from __future__ import annotations

import pytest
from conftest import GOLDEN

from delegation import DelegationError, DslSyntaxError, SourceError, ValidationError
from delegation.language.assemble import load_plan
from delegation.language.parse import parse_text
from delegation.language.sources import MAX_SOURCE_BYTES

ERRORS = GOLDEN / "errors"
BROKEN = sorted(ERRORS.glob("*.dlg"))


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_pinned_error(path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    with pytest.raises(DelegationError) as caught:
        load_plan(path)
    kind = "syntax" if isinstance(caught.value, DslSyntaxError) else "validation"
    assert path.stem.startswith("syntax") == (kind == "syntax")
    assert caught.value.render() + "\n" == expected


def test_validation_collects_every_problem():
    with pytest.raises(ValidationError) as caught:
        load_plan(ERRORS / "missing_citation_and_basis.dlg")
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b'plan X { title "\xe6\xf8\xe5" }', "not UTF-8 text (byte 16 is 0xe6)"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "broken.dlg"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_plan(path)
    assert str(caught.value) == f"{path}: {message}" or message in str(caught.value)


def test_missing_and_huge_files(tmp_path):
    with pytest.raises(SourceError, match="no such rules file"):
        load_plan(tmp_path / "nope.dlg")
    huge = tmp_path / "huge.dlg"
    huge.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceError, match="file is too large"):
        load_plan(huge)
    with pytest.raises(SourceError, match="is a directory"):
        load_plan(tmp_path)


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\r"])
def test_the_caret_shows_the_line_the_parser_counted(separator):
    """Only "\n" ends a line for the parser; the source line shown must be the same line."""
    text = f'# a comment{separator}with a break\nplan A {{\n  titel "x"\n}}\n'
    with pytest.raises(DslSyntaxError) as raised:
        parse_text(text, "p.dlg")
    problem = raised.value.problems[0]
    assert problem.location.line == 3 and problem.source_line == '  titel "x"'
