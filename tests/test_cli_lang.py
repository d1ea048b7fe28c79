"""The command line speaks Danish unless asked otherwise: `--lang en` (anywhere on the line, before or
after --help), else DELEGATION_LANG, for help, click's usage errors, our errors and status lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from delegation.cli.help_texts import HELP
from delegation.cli.localized import lang_in
from delegation.cli.main import cli


@pytest.fixture
def say(monkeypatch):
    monkeypatch.delenv("DELEGATION_LANG", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(cli, list(args), env=env, prog_name="delegation")

    return invoke


def test_help_is_danish_by_default_and_english_on_request(say):
    danish = say("decide", "--help").output
    assert danish.startswith("Brug: delegation decide [TILVALG] [SAG]\n")
    assert "Hvem beslutter SAG (et id eller de ord, du ville bruge)" in danish
    assert "--fact NAVN=VÆRDI" in danish and "--kle EMNE[-FACET]" in danish
    assert "\nTilvalg:\n" in danish and "Vis denne hjælp og afslut." in danish
    assert "Kort for --fact amount=N." in danish and "Shorthand" not in danish
    for args in (
        ("decide", "--help", "--lang", "en"),
        ("--lang", "en", "decide", "--help"),
        ("decide", "--lang=en", "-h"),
    ):
        english = say(*args).output
        assert english.startswith("Usage: delegation decide [OPTIONS] [CASE]\n"), args
        assert "Shorthand for --fact amount=N." in english and "Show this message and exit." in english
    assert say("decide", "--help", env={"DELEGATION_LANG": "en"}).output.startswith("Usage:")


def test_the_group_help_lists_every_command_in_the_language(say):
    danish = say("--help").output
    assert "Kommandoer:" in danish and "Afslutningskoder: 0 besvaret" in danish
    assert re.search(r"\n  plans +Planerne i regelmappen\.", danish)
    english = say("--help", "--lang", "en").output
    assert "Commands:" in english and re.search(r"\n  plans +The plans in the rules folder\.", english)


def _command_lines(help_text: str) -> dict[str, str]:
    section = help_text.split("Kommandoer:" if "Kommandoer:" in help_text else "Commands:", 1)[1]
    lines = re.findall(r"^  (\S+) +(.*)$", section.split("\n\n", 1)[0], re.MULTILINE)
    return dict(lines)


def test_every_command_and_subgroup_is_listed_with_its_text_never_its_key(say):
    script = Path(sys.executable).with_name("delegation")
    env = {k: v for k, v in os.environ.items() if k != "DELEGATION_LANG"}
    installed = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=env, timeout=60)
    for help_text, lang in (
        (say("--help").output, "da"),
        (say("--help", "--lang", "en").output, "en"),
        (installed.stdout, "da"),
    ):
        listed = _command_lines(help_text)
        assert set(listed) == set(cli.commands), lang
        for name, text in listed.items():
            assert text and "cmd." not in text, (lang, name, text)
            key = cli.commands[name].__dict__.get("_help_key") or cli.commands[name].help
            assert text.rstrip(".").rstrip() in HELP[key][lang], (lang, name, text)
    assert "cmd.log" in HELP and "log" in cli.commands  # the subgroup that was listed by its key


@pytest.mark.parametrize(
    "args, danish, english",
    [
        (("show", "x"), "Fejl: Mangler tilvalg '--plan'.", "Error: Missing option '--plan'."),
        (
            ("decid",),
            "Fejl: Kommandoen 'decid' findes ikke. Mente du 'decide'?",
            "Error: No such command 'decid'.",
        ),
        (
            ("graph", "--plan", "A", "--format", "gif"),
            "Fejl: Ugyldig værdi for '--format': 'gif' er ikke en af 'dot', 'mermaid', 'json', 'svg', 'png'.",
            "Error: Invalid value for '--format': 'gif' is not one of 'dot', 'mermaid', 'json', 'svg', 'png'.",
        ),
        (
            ("decide", "x", "--plam", "A"),
            "Fejl: Tilvalget '--plam' findes ikke.",
            "Error: No such option '--plam'.",
        ),
        (
            ("decide",),
            "Fejl: angiv en SAG (dens id eller de ord, du ville bruge) eller --kle",
            "Error: give a CASE",
        ),
        (
            ("diff", "A"),
            "Fejl: angiv mindst to planer, fx delegation diff A B",
            "Error: give at least two plans",
        ),
    ],
)
def test_click_usage_errors_in_both_languages(say, args, danish, english):
    result = say(*args)
    assert result.exit_code == 2 and danish in result.output, result.output
    assert "Brug: delegation" in result.output and "Prøv 'delegation" in result.output
    result = say(*args, "--lang", "en")
    assert result.exit_code == 2 and english in result.output, result.output
    assert "Usage: delegation" in result.output


def test_a_status_line_is_in_the_language(say, tmp_path):
    out = tmp_path / "ab.md"
    danish = say("diff", "A", "B", "--markdown", "-o", str(out))
    assert danish.exit_code == 0 and danish.output.strip() == f"skrev {out}"
    english = say("diff", "A", "B", "--markdown", "-o", str(out), "--lang", "en")
    assert english.output.strip() == f"wrote {out}"


@pytest.mark.parametrize("args", [["cases", "--plan", "A", "--lang", "en"], ["--lang", "en", "cases"]])
def test_the_cases_footer_is_in_the_language(say, args, tmp_path):
    """It was Danish ("Regler:") whatever the language asked for; the fast entry answers as click."""
    assert say(*args).output.splitlines()[-1].startswith("Rules: ")
    command = [sys.executable, "-c", "from delegation.cli.entry import main; main()", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path
    )  # not the source tree's package
    assert done.stdout.splitlines()[-1].startswith("Rules: "), done.stderr


def test_check_output_is_danish_throughout(say):
    fixture = Path(__file__).parent / "fixtures" / "check" / "DLG011_unknown_fact.dlg"
    danish = say("check", str(fixture)).output
    assert "fejl DLG011 ukendt faktum 'amout'" in danish and "    tip: mente du 'amount'?" in danish
    english = say("check", str(fixture), "--lang", "en").output
    assert "error DLG011 unknown fact 'amout'" in english and "    hint: did you mean 'amount'?" in english


def test_lang_is_read_from_the_line_before_parsing():
    assert lang_in(["decide", "--help", "--lang", "en"]) == "en"
    assert lang_in(["--lang=en", "decide"]) == "en"
    assert lang_in(["decide", "--lang", "fr"]) is None
    assert lang_in(["decide", "--", "--lang", "en"]) is None
    assert lang_in(["decide", "--lang"]) is None


def test_the_installed_command_speaks_danish_and_english_on_request(tmp_path):
    script = Path(sys.executable).with_name("delegation")
    env = {k: v for k, v in os.environ.items() if k not in ("DELEGATION_LANG", "DELEGATION_RULES")}
    args = [str(script), "decide", "x", "--plan", "D"]
    danish = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert danish.returncode == 2
    assert (
        danish.stderr
        == "fejl: ukendt plan 'D'; planerne er A, B, C\n  tip: eller angiv stien til en .dlg-regelfil\n"
    )
    english = subprocess.run(
        args, capture_output=True, text=True, env={**env, "DELEGATION_LANG": "en"}, cwd=tmp_path, timeout=60
    )
    assert english.returncode == 2
    assert english.stderr.startswith("error: unknown plan 'D'; the plans are: A, B, C\n  hint: ")
    usage = subprocess.run([str(script), "show", "x"], capture_output=True, text=True, env=env, timeout=60)
    assert usage.returncode == 2 and "Fejl: Mangler tilvalg '--plan'." in usage.stderr
