"""The installed command's click-free entry (cli/entry.py): it answers plain decide, show and cases
lines exactly as click's commands do, and leaves every other line to click."""

from __future__ import annotations

import io
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from delegation.cli import entry
from delegation.cli.answers import ansi, unstyled
from delegation.cli.main import cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _both(args: list[str]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    out, err = io.StringIO(), io.StringIO()
    code = entry.run(args, out, err)
    assert code is not None, args
    clicked = CliRunner().invoke(cli, args)
    return (code, out.getvalue(), err.getvalue()), (clicked.exit_code, clicked.stdout, clicked.stderr)


def test_the_table_has_every_option_of_clicks_commands():
    """A new option on click's command must be in the entry's table (or the two would part)."""
    for name, (options, least, most) in entry.COMMANDS.items():
        command = cli.commands[name]
        clicked = {}
        for param in command.params:
            if isinstance(param, click.Option):
                kind = "flag" if param.is_flag else "multiple" if param.multiple else "value"
                clicked.update({flag: kind for flag in param.opts if flag.startswith("--")})
        left_to_click = {"--batch"}  # a stream of lines, with a progress bar: click's
        for param in command.params:  # the entry converts nothing: click must not either
            if any(flag in options for flag in param.opts):
                kinds = (click.types.StringParamType, click.types.BoolParamType, click.Choice)
                assert isinstance(param.type, kinds), param
        assert {k: v for k, v in clicked.items() if k not in left_to_click} == options, name
        arguments = [param for param in command.params if isinstance(param, click.Argument)]
        assert most == len(arguments) and least == sum(param.required for param in arguments), name
    group = {flag: "value" for param in cli.params for flag in param.opts if flag in entry.GROUP}
    assert group == entry.GROUP


@pytest.mark.parametrize(
    "args",
    [
        ["decide", "Bevillinger fra Erhvervspuljen", "--plan", "A", "--amount", "300000"],
        ["decide", "erhvervspuljen", "--plan", "B", "--json"],
        ["decide", "erhvervspuljen", "--plan=B", "--plan", "C", "--lang", "en"],
        ["--lang", "en", "decide", "erhvervspuljen", "--plan", "A", "--lang", "da"],
        ["decide", "ansættelse af personale", "--plan", "B"],  # several case types: exit 3
        ["decide", "hvem godkender en lokalplan", "--plan", "A", "--json"],
        ["decide", "erhvervspuljen", "--plan", "Q"],  # an unknown plan: exit 2, said on stderr
        ["decide", "erhvervspuljen", "--plan", "A", "--amount", "mange"],
        ["decide", "erhvervspuljen", "--plan", "A", "--amount", "1", "--fact", "amount=2"],
        ["decide", "erhvervspuljen", "--as-of", "2026-13-01"],
        ["decide", "erhvervspuljen", "--as-of", "2026-01-01", "--json"],
        ["decide", "--kle", "00.01", "--plan", "B"],
        ["decide", "xyzzy plugh", "--plan", "C"],
        ["show", "erhvervspuljen", "--plan", "B", "--lang", "en"],
        ["show", "personale", "--plan", "A"],
        ["show", "erhvervspuljen", "--plan", "B", "--json"],
        ["show", "personale", "--json", "--plan", "A", "--lang", "en"],  # several case types: exit 3
        ["show", "udlicitering", "--plan", "A", "--department", "zzz", "--json"],  # exit 2, the error object
        ["cases", "--plan", "C", "--search", "bevilling"],
        ["cases", "--json", "--plan", "B"],
        ["cases"],
        ["--rules", str(FIXTURES / "udvalgskommune"), "decide", "budget", "--json"],
        ["decide", "budget", "--rules", str(FIXTURES / "no-such-folder"), "--plan", "A"],
        # the facts are read before the rules folder, as click's command reads them
        ["decide", "budget", "--fact", "x", "--rules", str(FIXTURES / "no-such-folder")],
        ["decide", "x", "--plan", "\033[31mZ"],  # styles in a value: stripped from stderr too
    ],
)
def test_the_entry_answers_as_click_does(args):
    fast, clicked = _both(args)
    assert fast == clicked


_WORDS = st.sampled_from(
    ["erhvervspuljen", "Bevillinger fra Erhvervspuljen", "personale", "lokalplan", "tilskud", "x", ""]
)
_VALUES = {
    "--plan": st.sampled_from(["A", "B", "C", "D"]),
    "--kle": st.sampled_from(["00.01", "85", "zz"]),
    "--fact": st.sampled_from(["amount=600000", "persons=5", "amount", "colour=red"]),
    "--amount": st.sampled_from(["300000", "1e400", "over 500.000 kr.", "-"]),
    "--persons": st.sampled_from(["4", "fem"]),
    "--department": st.sampled_from(["mbu", "ba", "nope"]),
    "--as-of": st.sampled_from(["2026-01-01", "i går"]),
    "--search": st.sampled_from(["bevilling", "zzz"]),
    "--lang": st.sampled_from(["da", "en"]),
}


@st.composite
def _lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(entry.COMMANDS)))
    options, least, most = entry.COMMANDS[command]
    parts: list[list[str]] = [[draw(_WORDS)] for _ in range(draw(st.integers(least, most)))]
    for name in draw(st.lists(st.sampled_from(sorted(set(options) - {"--rules"})), max_size=4)):
        if options[name] == "flag":
            parts.append([name])
        elif draw(st.booleans()):
            parts.append([f"{name}={draw(_VALUES[name])}"])
        else:
            parts.append([name, draw(_VALUES[name])])
    return [command, *(word for part in draw(st.permutations(parts)) for word in part)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines())
def test_any_line_the_entry_takes_is_answered_as_click_answers_it(args):
    out, err = io.StringIO(), io.StringIO()
    code = entry.run(args, out, err)
    if code is None:  # click's to explain (a missing value, an option twice, no case)
        return
    clicked = CliRunner().invoke(cli, args)
    assert (code, out.getvalue(), err.getvalue()) == (clicked.exit_code, clicked.stdout, clicked.stderr)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["decide", "--help"],
        ["decide", "-h"],
        ["--version"],
        ["decide"],  # no case: click's usage error
        ["decide", ""],
        ["show", "erhvervspuljen"],  # no --plan: click says it is required
        ["decide", "x", "--batch", "-"],
        ["decide", "x", "--plan"],
        ["decide", "x", "y"],
        ["decide", "x", "--json=yes"],
        ["decide", "x", "--lang", "fr"],
        ["decide", "x", "--department", "a", "--department", "b"],
        ["decide", "x", "--", "--plan"],
        ["decide", "-x"],
        ["cases", "extra"],
        ["plans"],
        ["check"],
        ["--rules=rules", "cases"],
    ],
)
def test_every_other_line_is_clicks(args):
    assert entry.run(args, io.StringIO(), io.StringIO()) is None


def test_styles_are_stripped_as_click_strips_them():
    for text in ("\033[1:2mplan\033[?25h", "a\033[<ub\033[ q", "\033[31mZ\033[0m", "plain"):
        assert unstyled(text) == click.unstyle(text)


def test_a_closed_stdout_is_clicks_to_handle():
    assert entry.run(["cases", "--plan", "A"], None, io.StringIO()) is None


def test_an_ascii_stdout_gets_utf8_as_click_gives_it(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path), "PYTHONIOENCODING": "ascii"}
    line = ["show", "erhvervspuljen", "--plan", "B"]
    outputs = [
        subprocess.run(
            [sys.executable, "-c", f"from delegation.cli.{module} import {call}", *line],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        for module, call in (("entry", "main; main()"), ("main", "cli; cli(prog_name='delegation')"))
    ]
    assert outputs[0].returncode == outputs[1].returncode == 0
    assert outputs[0].stdout == outputs[1].stdout and "Økonomi".encode() in outputs[0].stdout


def test_the_styles_are_clicks():
    """The answering commands ask for bold, dim and italic, alone or together, never for "off"."""
    for chosen in (
        {},
        {"bold": True},
        {"dim": True},
        {"italic": True},
        {"bold": True, "dim": True, "italic": True},
    ):
        assert ansi("x", **chosen) == click.style("x", **chosen)


def test_the_installed_command_answers_and_falls_back(tmp_path):
    """The real entry point: a plain decide answered, --help and a usage error given by click."""
    command = [sys.executable, "-c", "from delegation.cli.entry import main; main()"]
    env = {"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [*command, "decide", "erhvervspuljen", "--plan", "A", "--amount", "300000"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0 and "Magistraten beslutter." in done.stdout and "\033[" not in done.stdout
    done = subprocess.run(
        [*command, "decide", "--help"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 0 and done.stdout.startswith("Brug: delegation decide")
    done = subprocess.run([*command, "decide"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 2 and "Fejl:" in done.stderr
