"""Batch mode: JSON Lines in, one decision or error object per line out, in order."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from delegation.cli.main import cli

from delegation.service.batch import decide_lines

LINES = [
    '{"case": "erhvervspuljen", "facts": {"amount": "600.000"}, "plan": "B"}',
    "",
    "not json",
    '{"case": "udlicitering", "facts": {"persons": 5}}',
    '{"case": "erhvervspuljen", "facts": {"amout": 1}, "plan": "A"}',
    '["a list"]',
    '{"case": 7}',
    '{"facts": {}}',
    '{"case": "x", "plan": "Z"}',
    '{"case": "x", "colour": "red"}',
]


def test_library_streams_in_order_and_goes_on_after_errors():
    results = list(decide_lines(LINES, default_plan="A"))
    assert len(results) == len(LINES) - 1  # the blank line yields nothing
    assert results[0]["decides"] == "magistraten" and results[0]["plan"] == "B"
    assert results[1]["line"] == 3 and results[1]["error"]["message"].startswith("ikke JSON")
    assert results[1]["error"]["key"] == "batch.not_json"
    english = list(decide_lines(LINES, default_plan="A", lang="en"))
    assert english[1]["error"]["message"].startswith("not JSON")
    assert results[2]["decides"] == "byraadet" and results[2]["plan"] == "A"
    assert results[3]["error"]["field"] == "facts.amout"
    assert [r["error"]["field"] for r in results[4:]] == [None, "case", "case", "plan", "colour"]


def test_cli_batch_from_stdin():
    result = CliRunner().invoke(cli, ["decide", "--batch", "-", "--plan", "A"], input="\n".join(LINES))
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 9
    assert result.exit_code == 2  # some lines were bad; all were answered


def test_cli_batch_all_good_exits_0(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"case": "personalepolitik", "plan": "C"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["decide", "--batch", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.output)["decides"] == "byraadet"


def test_batch_refuses_a_case_argument():
    result = CliRunner().invoke(cli, ["decide", "x", "--batch", "-"], input="")
    assert result.exit_code == 2


def test_half_a_surrogate_pair_is_that_line_s_error(tmp_path):
    """'\\ud800' alone decodes from JSON but cannot be written out as UTF-8: the line is refused,
    and the lines after it are answered (it was an internal error, exit 70, the rest unanswered)."""
    lines = ['{"case": "erhvervspuljen", "plan": "A"}', '{"case": "\\ud800x", "plan": "A"}']
    lines.append('{"case": "\\ud83d\\ude00 erhvervspuljen", "plan": "A"}')  # a whole pair is a character
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    command = [sys.executable, "-c", "from delegation.cli.entry import main; main()"]
    result = subprocess.run(
        [*command, "decide", "--batch", str(path)], capture_output=True, text=True, cwd=tmp_path
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert (result.returncode, len(out)) == (2, 3), result.stderr
    assert out[1]["error"]["key"] == "batch.surrogate" and "\\ud800" in out[1]["error"]["message"]
    assert out[2]["case_type"]["id"] == "erhvervspuljen"
