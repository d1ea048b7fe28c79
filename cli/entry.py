"""The installed `delegation` command: a plain `decide`, `show` or `cases` line is answered without
importing click; any other line (--help, a mistake, the other commands) goes to click (main.py).

Why: importing click takes 55-60 ms on this machine, about three times `python -c pass`, and a
warm `decide` needs 20 ms of its own. Both parsers call the same functions (answers.py), and
`tests/test_cli_entry.py` holds this table to click's options and both parsers' output equal.
"""

from __future__ import annotations

import os
import sys

from delegation.hints import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from .answers import Answer, Style

# Option -> how it is given: a "flag", one "value" or a "multiple" value. Everything not in this
# table (--batch, --help, -h, --version, "--", a misspelt option) is click's to parse and explain.
GROUP = {"--rules": "value", "--lang": "value"}
COMMANDS: dict[str, tuple[dict[str, str], int, int]] = {  # options, positional arguments min-max
    "decide": (
        {
            "--plan": "multiple",
            "--kle": "value",
            "--fact": "multiple",
            "--amount": "multiple",
            "--persons": "multiple",
            "--department": "value",
            "--as-of": "value",
            "--json": "flag",
            "--lang": "value",
            "--rules": "value",
        },
        0,
        1,
    ),
    "show": (
        {"--plan": "value", "--department": "value", "--json": "flag", "--lang": "value", "--rules": "value"},
        1,
        1,
    ),
    "cases": (
        {"--plan": "value", "--search": "value", "--json": "flag", "--lang": "value", "--rules": "value"},
        0,
        0,
    ),
}


def _options(args: Sequence[str], spec: dict[str, str]) -> tuple[dict[str, list[str]], list[str]] | None:
    """The options and positional arguments of `args`, or None when click should read them."""
    given: dict[str, list[str]] = {}
    positional: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-") or arg == "-":
            if arg == "-":
                return None
            positional.append(arg)
            continue
        name, equals, value = arg.partition("=")
        kind = spec.get(name)
        if kind is None or (kind == "flag" and equals):
            return None
        if kind != "flag" and not equals:
            if not rest or rest[0].startswith("-"):  # a missing value: click says so
                return None
            value = rest.pop(0)
        if kind == "value" and name in given:  # given twice: click keeps the last; let it
            return None
        given.setdefault(name, []).append(value)
    return given, positional


def parse(args: Sequence[str]) -> tuple[str, dict[str, list[str]], list[str]] | None:
    """(command, options, positional arguments) of a line this entry answers, else None."""
    index = 0
    group: dict[str, list[str]] = {}
    while index < len(args) and args[index] in GROUP and index + 1 < len(args):
        if args[index] in group or args[index + 1].startswith("-"):
            return None
        group[args[index]] = [args[index + 1]]
        index += 2
    if index >= len(args) or args[index] not in COMMANDS:
        return None
    command = args[index]
    spec, least, most = COMMANDS[command]
    parsed = _options(args[index + 1 :], spec)
    if parsed is None:
        return None
    options, positional = parsed
    if not least <= len(positional) <= most:
        return None
    from delegation.messages import LANGUAGES

    if any(value not in LANGUAGES for value in options.get("--lang", []) + group.get("--lang", [])):
        return None
    if command == "decide" and not (positional and positional[0]) and not options.get("--kle", [""])[-1]:
        return None  # click says that a case is needed
    if command == "show" and "--plan" not in options:
        return None  # click says that --plan is required
    for name, values in group.items():
        options.setdefault(name, values)  # the command's own --rules / --lang win, as with click
    return command, options, positional


def _answer(
    command: str, options: dict[str, list[str]], positional: list[str], lang: str, style: Style
) -> Answer:
    from delegation.engine.rulesfolder import find_rules

    from . import answers

    def one(name: str) -> str | None:
        return options[name][-1] if name in options else None

    if command == "decide":  # the facts first: click's command reads them before the rules folder
        facts = answers.facts_of(
            tuple(options.get("--fact", ())),
            tuple(options.get("--amount", ())),
            tuple(options.get("--persons", ())),
        )
        return answers.decide_answer(
            find_rules(one("--rules")),
            positional[0] if positional else None,
            tuple(options.get("--plan", ())),
            facts,
            kle=one("--kle"),
            department=one("--department"),
            as_of=one("--as-of"),
            as_json="--json" in options,
            lang=lang,
            style=style,
        )
    folder = find_rules(one("--rules"))
    if command == "show":
        return answers.show_answer(
            folder,
            positional[0],
            options["--plan"][-1],
            one("--department"),
            lang,
            style,
            "--json" in options,
        )
    return answers.cases_answer(folder, one("--plan"), one("--search"), "--json" in options, lang, style)


def run(args: Sequence[str], out: TextIO | None, err: TextIO | None) -> int | None:
    """Answer a plain decide, show or cases line: its exit code, or None for click to take it."""
    parsed = parse(args)
    if parsed is None or out is None or err is None:  # a closed stream: click's to handle
        return None
    command, options, positional = parsed
    from delegation.errors import DelegationError
    from delegation.messages import default_lang

    from . import answers

    run_lang = answers.lang_in(args) or default_lang()  # errors: the line's first --lang, as with click
    lang = options["--lang"][-1] if "--lang" in options else run_lang
    try:
        text, code = _answer(command, options, positional, lang, answers.ansi)
        _echo(out, text)
        return code
    except DelegationError as error:
        if "--json" in options:
            _echo(out, answers.failure_json(error, run_lang))
        _echo(err, answers.failure_text(error, run_lang))
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (`delegation cases | head -1`): end quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return answers.EXIT_OK
    except Exception as error:  # a bug, not the user's fault: say so briefly
        if answers.debugging():
            raise
        _echo(err, answers.internal_text(error, run_lang))
        return answers.EXIT_INTERNAL


def _echo(stream: TextIO, text: str) -> None:
    """A line as click.echo writes it: styled only for a terminal, and as UTF-8 where the stream
    says ASCII (PYTHONIOENCODING=ascii), its unencodable characters replaced."""
    import codecs

    from .answers import unstyled

    line = (text if stream.isatty() else unstyled(text)) + "\n"
    if codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii" and hasattr(
        stream, "buffer"
    ):
        stream.flush()
        stream.buffer.write(line.encode("utf-8", "replace"))
        stream.buffer.flush()
    else:
        stream.write(line)
        stream.flush()


def main() -> None:
    try:
        code = run(sys.argv[1:], sys.stdout, sys.stderr)
        if code is None:
            from .main import cli

            cli(prog_name="delegation")
        sys.exit(code)
    except KeyboardInterrupt:  # as click ends it: a new line, "Aborted!", exit 1
        from delegation.messages import default_lang

        from .answers import lang_in
        from .click_da import CLICK_DA

        danish = (lang_in(sys.argv[1:]) or default_lang()) == "da"
        sys.stderr.write("\n" + (CLICK_DA["Aborted!"] if danish else "Aborted!") + "\n")
        sys.exit(1)
    finally:
        # The process ends here: spare the exit its last walk of the cycle collector over every
        # object the imports and the plan made.
        import gc

        gc.freeze()
