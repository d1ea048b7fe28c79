"""What `decide`, `show` and `cases` print, and their exit code, for both of the command's parsers:
click's commands (main.py) and the click-free entry (entry.py) call these, and what remains apart
(reading the line, writing it out) tests/test_cli_entry.py holds equal."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence

from delegation import DelegationError, load
from delegation.engine.evaluate import decide
from delegation.engine.registry import plan_files
from delegation.engine.rulesfolder import RulesFolder
from delegation.errors import InputError, Problem, error_body
from delegation.messages import LANGUAGES, Message, message_text
from delegation.model import Plan
from delegation.presentation.render import render_case_view, render_decision, rules_footer

EXIT_OK, EXIT_RULES, EXIT_USAGE, EXIT_AMBIGUOUS, EXIT_INTERNAL = 0, 1, 2, 3, 70

Style = Callable[..., str]
Answer = tuple[str, int]  # the text for stdout, the exit code

_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")  # what click.echo strips when the output is no terminal


def lang_in(args: Sequence[str]) -> str | None:
    """The value of `--lang` among the arguments (before a `--`), when it names a language.

    Read before click parses them, so that `--help` and usage errors are already in that language,
    whichever comes first on the line."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return None


def ansi(value: str, *, bold: bool = False, dim: bool = False, italic: bool = False) -> str:
    """The styles the answering commands use, written as click.style writes them (a test holds the two
    equal), for the entry that does not import click."""
    codes = "".join(code for on, code in ((bold, "\033[1m"), (dim, "\033[2m"), (italic, "\033[3m")) if on)
    return f"{codes}{value}\033[0m"


def unstyled(value: str) -> str:
    """The text as click.echo writes it to a file or a pipe: without the terminal's styles."""
    return _ANSI.sub("", value)


def json_text(value: object) -> str:
    """JSON as the commands print it: UTF-8 as is, indented."""
    import json  # here: `delegation decide` without --json never needs it

    return json.dumps(value, ensure_ascii=False, indent=2)


def failure_text(error: DelegationError, lang: str) -> str:
    """A library error as the command says it on stderr: each problem, with where and a hint."""
    label = message_text("label.error", {}, lang)
    lines = []
    for problem in error.problems:
        rendered = problem.render(lang)
        lines.append(rendered if problem.location else f"{label}: {rendered}")
    return "\n".join(lines)


def failure_json(error: DelegationError, lang: str) -> str:
    """A library error as `--json` writes it on stdout, for a program (the text still goes to
    stderr): the service's error object, its `type` the exit code's kind."""
    problem = error.problems[0]
    kind = "bad_input" if error.exit_code == EXIT_USAGE else "rules_error"
    return json_text(
        {"error": error_body(kind, problem.key, problem.args, problem.field, lang, problem.hint)}
    )


def internal_text(error: Exception, lang: str) -> str:
    """A bug, not the user's fault, said briefly (DELEGATION_DEBUG=1 shows the traceback instead)."""
    return message_text("label.internal", {"error": f"{type(error).__name__}: {error}"}, lang)


def debugging() -> bool:
    return bool(os.environ.get("DELEGATION_DEBUG"))


def facts_of(fact: tuple[str, ...], amount: tuple[str, ...], persons: tuple[str, ...]) -> dict[str, str]:
    """The facts of the options; a fact given twice is refused (exit 2), never the last one taken."""
    given = [("--fact", item) for item in fact]
    given += [("--amount", f"amount={value}") for value in amount]
    given += [("--persons", f"persons={value}") for value in persons]
    values: dict[str, str] = {}
    seen: dict[str, str] = {}
    for option, item in given:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise InputError(
                Problem("cli.fact_form", {"item": repr(item)}, hint=Message("cli.fact_form.hint"))
            )
        if name in values:
            raise InputError(
                Problem(
                    "cli.fact_twice",
                    {"name": name, "first": f"{seen[name]} {values[name]}", "second": f"{option} {value}"},
                    hint=Message("cli.fact_twice.hint"),
                    field=f"facts.{name}",
                )
            )
        values[name], seen[name] = value, option
    return values


def footer(folder: RulesFolder, plan: Plan | None, lang: str, style: Style) -> str:
    """The last line of text for people: which rules answered (folder, why that one, hash)."""
    return style(rules_footer(plan, folder, lang), dim=True)


def decide_answer(
    folder: RulesFolder,
    case: str | None,
    plan_ids: tuple[str, ...],
    facts: Mapping[str, str],
    *,
    kle: str | None,
    department: str | None,
    as_of: str | None,
    as_json: bool,
    lang: str,
    style: Style,
) -> Answer:
    """`delegation decide`: the decision of each plan named (or, in time, of the plans in force)."""
    results = []
    if plan_ids and as_of is None:  # the plans named, without time: today's path, nothing stamped
        for plan_id in plan_ids:
            plan = load(plan_id, folder.path)
            results.append((plan, decide(plan, case or "", facts, department=department, lang=lang, kle=kle)))
    else:
        from delegation import plans as all_plans
        from delegation.engine.intime import decide_in_time

        plans = [load(p, folder.path) for p in plan_ids] if plan_ids else all_plans(folder.path)
        results = decide_in_time(
            plans,
            case or "",
            facts,
            as_of=as_of,
            chosen=bool(plan_ids),
            department=department,
            lang=lang,
            kle=kle,
        )
    code = EXIT_AMBIGUOUS if any(decision.ambiguous for _, decision in results) else EXIT_OK
    if as_json:
        payload = [decision.to_dict() for _, decision in results]
        return json_text(payload[0] if len(payload) == 1 else payload), code
    shown = (
        render_decision(plan, decision, lang, style) + "\n" + footer(folder, plan, lang, style)
        for plan, decision in results
    )
    return "\n\n".join(shown), code


def show_answer(
    folder: RulesFolder,
    case: str,
    plan_id: str,
    department: str | None,
    lang: str,
    style: Style,
    as_json: bool = False,
) -> Answer:
    """`delegation show`: a case type's rules as the plan writes them (`--json`: as data,
    delegation.case/1); the candidates when the text names none (exit 2), or several (exit 3)."""
    # Here: `delegation decide`, the usual command, needs no case view (1 ms of imports).
    from delegation.presentation.caseview import UnresolvedCase, show_case

    plan = load(plan_id, folder.path)
    try:
        view = show_case(plan, case, department, lang)
    except UnresolvedCase as unresolved:
        if as_json:  # the error object GET /plans/{id}/cases/{case} answers, with the candidates
            return json_text({"error": unresolved.body(lang)}), unresolved.exit_code
        shown = render_decision(plan, unresolved.decision, lang, style)
        return shown + "\n" + footer(folder, plan, lang, style), unresolved.exit_code
    if as_json:
        return json_text(view.to_dict()), EXIT_OK
    return render_case_view(view, lang, style) + "\n" + footer(folder, plan, lang, style), EXIT_OK


def cases_answer(
    folder: RulesFolder, plan_id: str | None, search: str | None, as_json: bool, lang: str, style: Style
) -> Answer:
    """`delegation cases`: the plan's case types (the folder's first plan when none is named)."""
    if plan_id is None:
        plan_id = next(iter(plan_files(folder.path, required=True)))
    plan = load(plan_id, folder.path)
    found = plan.cases(search)
    if as_json:
        rows = [
            {
                "id": c.id,
                "title": c.title,
                "aliases": list(c.aliases),
                "section": c.section,
                "category": c.category,
            }
            for c in found
        ]
        return json_text(rows), EXIT_OK
    lines = []
    for case in found:
        section = plan.sections[case.section].title if case.section in plan.sections else ""
        lines.append(f"{style(case.id, bold=True):<45} {case.title}  {style(section, dim=True)}")
    lines.append(footer(folder, plan, lang, style))
    return "\n".join(lines), EXIT_OK
