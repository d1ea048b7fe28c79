"""`delegation fmt`: golden layouts, comments kept, meaning unchanged, and the command's exit codes."""

from __future__ import annotations

import pytest
from conftest import GOLDEN

from delegation import DslSyntaxError
from delegation.language.fmt import format_paths, format_text, meaning
from delegation.language.parse import parse_text

FMT = GOLDEN / "fmt"
CASES = sorted(FMT.glob("*.dlg"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_layout(path):
    source = path.read_text(encoding="utf-8")
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert format_text(source, path.name) == expected
    assert format_text(expected, path.name) == expected
    assert meaning(parse_text(expected)) == meaning(parse_text(source))


RULES = sorted((GOLDEN.parent.parent / "rules").glob("*.dlg"))


@pytest.mark.parametrize("path", [FMT / "comments.dlg", *RULES], ids=lambda p: p.name)
def test_every_comment_survives(path):
    source = path.read_text(encoding="utf-8")
    comments = [
        line[line.index("#") :].rstrip() for line in source.splitlines() if "#" in line and '"' not in line
    ]
    formatted = format_text(source)
    assert comments and all(comment in formatted for comment in comments)


def test_meaning_ignores_layout_but_not_content():
    one = parse_text('case c { title "A  b" rule { basis praksis cite "H": "T" } }')
    other = parse_text('case c {\n  title "A\n b"\n  rule {\n basis praksis\n cite "H":\n "T" } }')
    changed = parse_text('case c { title "A b" rule { basis lovbestemt cite "H": "T" } }')
    assert meaning(one) == meaning(other)
    assert meaning(one) != meaning(changed)


def test_syntax_error_is_reported_like_the_loader_does():
    with pytest.raises(DslSyntaxError) as raised:
        format_text("case c { rule {    decide b } }", "x.dlg")
    assert raised.value.render("en").startswith("x.dlg:1:20: unexpected 'decide'")
    assert raised.value.render("da").startswith("x.dlg:1:20: uventet 'decide'")


def test_format_paths_writes_only_changed_files(tmp_path):
    tidy = tmp_path / "tidy.dlg"
    messy = tmp_path / "sub" / "messy.dlg"
    messy.parent.mkdir()
    tidy.write_text('include "x.dlg"\n', encoding="utf-8")
    messy.write_text('include    "x.dlg"', encoding="utf-8")
    stamp = tidy.stat().st_mtime_ns
    results = format_paths([tmp_path], write=False)
    assert [(r.path.name, r.changed) for r in results] == [("messy.dlg", True), ("tidy.dlg", False)]
    assert messy.read_text(encoding="utf-8") == 'include    "x.dlg"'
    format_paths([tmp_path])
    assert messy.read_text(encoding="utf-8") == 'include "x.dlg"\n'
    assert tidy.stat().st_mtime_ns == stamp


def test_cli_check_exits_1_and_names_the_file(run, tmp_path):
    path = tmp_path / "messy.dlg"
    path.write_text("remove   case x", encoding="utf-8")
    result = run("fmt", "--check", str(path))
    assert result.exit_code == 1
    assert f"ville omformatere {path}" in result.output
    assert path.read_text(encoding="utf-8") == "remove   case x"
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "remove case x\n"
    again = run("fmt", "--check", "--lang", "en", str(path))
    assert again.exit_code == 0 and "0 of 1 files would be reformatted" in again.output


def test_cli_diff_and_stdin(run, tmp_path):
    path = tmp_path / "messy.dlg"
    path.write_text("remove   case x\n", encoding="utf-8")
    result = run("fmt", "--diff", str(path))
    assert result.exit_code == 0
    assert "-remove   case x\n+remove case x\n" in result.output
    assert path.read_text(encoding="utf-8") == "remove   case x\n"
    from click.testing import CliRunner
    from delegation.cli.main import cli

    piped = CliRunner().invoke(cli, ["fmt", "-"], input='include   "a.dlg"')
    assert piped.output == 'include "a.dlg"\n'


def test_cli_reports_a_broken_file_and_formats_the_others(run, tmp_path):
    (tmp_path / "broken.dlg").write_text("case c {", encoding="utf-8")
    (tmp_path / "fine.dlg").write_text("remove  case x", encoding="utf-8")
    result = run("fmt", str(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    assert "broken.dlg:1:1: unexpected end of file" in result.output
    assert "broken.dlg:1:1: filen slutter for tidligt" in run("fmt", "--check", str(tmp_path)).output
    assert (tmp_path / "fine.dlg").read_text(encoding="utf-8") == "remove case x\n"


def test_shipped_rules_are_formatted(run):
    from delegation.engine.registry import builtin_rules_dir

    result = run("fmt", "--check", str(builtin_rules_dir()))
    assert result.exit_code == 0, result.output
