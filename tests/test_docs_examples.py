"""The Python examples in docs/api.md run, and the README's command examples answer."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
API = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", API, re.S)


@pytest.mark.parametrize("source", EXAMPLES, ids=[f"api.md#{i}" for i in range(len(EXAMPLES))])
def test_api_example_runs(source, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(source, "docs/api.md", "exec"), {})


README = (ROOT / "README.md").read_text(encoding="utf-8")
# Every command the README shows, except the server (it runs until stopped; tested elsewhere).
COMMANDS = [
    line
    for block in re.findall(r"```sh\n(.*?)```", README, re.S)
    for line in block.splitlines()
    if line.startswith("delegation ") and not line.startswith("delegation serve")
]


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_answers(run, line, tmp_path, monkeypatch):
    # In a scratch copy: some commands write files (render -o) or rewrite rules (fmt).
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(
        ROOT / "tests" / "fixtures" / "udvalgskommune", tmp_path / "tests" / "fixtures" / "udvalgskommune"
    )
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "sager_eksempel_opdigtet.csv", tmp_path / "docs")  # the invented cases
    monkeypatch.chdir(tmp_path)
    result = run(*shlex.split(line)[1:])
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_readme_shows_the_danish_answer_the_command_gives(run):
    shown = re.search(r"```text\n(Plan A · .*?)```", README, re.S)
    assert shown, "the README shows a Danish answer"
    result = run("decide", "Bevillinger fra Erhvervspuljen", "--plan", "A", "--amount", "600000")
    lines = result.output.strip().splitlines()
    expected = shown.group(1).strip().splitlines()
    # All but the footer, whose folder and hash depend on the installation.
    assert lines[:-1] == expected[:-1]
    assert lines[-1].startswith("Regler: ") and expected[-1].startswith("Regler: ")
