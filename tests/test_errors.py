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
    assert caught.value.render("en") + "\n" == expected
    danish = path.with_suffix(".da.expected").read_text(encoding="utf-8")
    assert caught.value.render("da") + "\n" == danish
    assert caught.value.render() == caught.value.render("da") == str(caught.value)  # Danish by default


def test_validation_collects_every_problem():
    with pytest.raises(ValidationError) as caught:
        load_plan(ERRORS / "missing_citation_and_basis.dlg")
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize(
    "content, english, danish",
    [
        (b"", "file is empty", "filen er tom"),
        (b"   \n\n", "file is empty", "filen er tom"),
        (
            b'plan X { title "\xe6\xf8\xe5" }',
            "not UTF-8 text (byte 16 is 0xe6)\n  hint: save the rules file as UTF-8",
            "ikke UTF-8-tekst (byte 16 er 0xe6)\n  tip: gem regelfilen som UTF-8",
        ),
    ],
)
def test_unreadable_files(tmp_path, content, english, danish):
    path = tmp_path / "broken.dlg"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_plan(path)
    assert caught.value.render("en") == f"{path}: {english}"
    assert caught.value.render("da") == str(caught.value) == f"{path}: {danish}"


def test_missing_and_huge_files(tmp_path):
    with pytest.raises(SourceError) as missing:
        load_plan(tmp_path / "nope.dlg")
    assert missing.value.render("en").endswith("nope.dlg: no such rules file")
    assert missing.value.render("da").endswith("nope.dlg: regelfilen findes ikke")
    huge = tmp_path / "huge.dlg"
    huge.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceError) as large:
        load_plan(huge)
    assert "file is too large (2.000.001 bytes; the limit is 2.000.000)" in large.value.render("en")
    assert "filen er for stor (2.000.001 byte; grænsen er 2.000.000)" in large.value.render("da")
    with pytest.raises(SourceError) as folder:
        load_plan(tmp_path)
    assert "is a directory" in folder.value.render("en") and "er en mappe" in folder.value.render("da")


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\r"])
def test_the_caret_shows_the_line_the_parser_counted(separator):
    """Only "\n" ends a line for the parser; the source line shown must be the same line."""
    text = f'# a comment{separator}with a break\nplan A {{\n  titel "x"\n}}\n'
    with pytest.raises(DslSyntaxError) as raised:
        parse_text(text, "p.dlg")
    problem = raised.value.problems[0]
    assert problem.location.line == 3 and problem.source_line == '  titel "x"'
