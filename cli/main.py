"""The `delegation` command: parse options, call one library function, render the result."""

from __future__ import annotations

import functools
import importlib
import os
import sys

import click

from delegation import DelegationError, load
from delegation import plans as all_plans
from delegation.engine.evaluate import decide
from delegation.engine.registry import plan_files
from delegation.engine.resolve import resolve_case
from delegation.errors import InputError, Problem
from delegation.i18n import LANGUAGES, text
from delegation.presentation.render import render_case, render_decision

EXIT_OK, EXIT_RULES, EXIT_USAGE, EXIT_AMBIGUOUS, EXIT_INTERNAL = 0, 1, 2, 3, 70


def _style(value: str, **styles: object) -> str:
    return click.style(value, **styles)


def echo_json(value: object) -> None:
    """Print JSON as the commands do: UTF-8 as is, indented."""
    import json  # here: `delegation decide` without --json never needs it

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _fail(error: DelegationError) -> None:
    for problem in error.problems:
        rendered = problem.render()
        click.echo(rendered if problem.location else f"error: {rendered}", err=True)
    sys.exit(error.exit_code)


def handles_errors(command):
    """Turn library errors into their documented exit codes, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DelegationError as error:
            _fail(error)
        except BrokenPipeError:
            # The reader went away (`delegation cases | head -1`): end quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as error:  # a bug, not the user's fault: say so briefly
            if os.environ.get("DELEGATION_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(error).__name__}: {error} (set DELEGATION_DEBUG=1 for details)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _plan_ids(ctx: click.Context, chosen: tuple[str, ...]) -> list[str]:
    return list(chosen) if chosen else list(plan_files(ctx.obj["rules"]))


def _lang_option(function):
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="da",
        show_default=True,
        help="Language of the explanation (plan text stays Danish).",
    )(function)


# The commands of the other stages live in their own modules, which register on `cli` when imported.
# They are imported only when one of their commands runs (or for --help), so that
# `delegation decide` does not pay for the linter, the graph or the service at start-up.
LAZY_COMMANDS = {
    "diff": "diff_commands",
    "check": "check_commands",
    "graph": "check_commands",
    "body": "check_commands",
    "fmt": "authoring_commands",
    "test": "authoring_commands",
    "render": "authoring_commands",
    "serve": "serve_commands",
    "log": "log_commands",
    "history": "time_commands",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in LAZY_COMMANDS:
            importlib.import_module(f"delegation.cli.{LAZY_COMMANDS[name]}")
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    default=None,
    envvar="DELEGATION_RULES",
    help="Folder of rules files (default: the built-in Aarhus plans).",
)
@click.version_option(package_name="delegation")
@click.pass_context
def cli(ctx: click.Context, rules_dir: str | None) -> None:
    """Who decides a municipal case, who must be told, and why.

    Exit codes: 0 answered, 1 error in the rules, 2 bad usage or input,
    3 the case text fits several case types (candidates are listed).
    """
    ctx.obj = {"rules": rules_dir}


def _facts(fact: tuple[str, ...], amount: tuple[str, ...], persons: tuple[str, ...]) -> dict[str, str]:
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
                Problem(f"--fact {item!r}: expected NAME=VALUE", hint="e.g. --fact amount=500.000")
            )
        if name in values:
            raise InputError(
                Problem(
                    f"fact '{name}' is given twice: {seen[name]} {values[name]} and {option} {value}",
                    hint="give each fact once",
                    field=f"facts.{name}",
                )
            )
        values[name], seen[name] = value, option
    return values


@cli.command("decide")
@click.argument("case", required=False)
@click.option(
    "--plan",
    "plan_ids",
    multiple=True,
    metavar="A|B|C|PATH",
    help="Plan id or rules file; repeat to compare (default: every plan).",
)
@click.option("--kle", metavar="SUBJECT[-FACET]", help="Find the case type by its KLE code.")
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8"),
    metavar="FILE|-",
    help='JSON Lines of {"case", "facts", "plan"}: one decision per line out.',
)
@click.option("--fact", multiple=True, metavar="NAME=VALUE", help="A fact of the case (500.000, 2 mio.).")
@click.option("--amount", metavar="N", multiple=True, help="Shorthand for --fact amount=N.")
@click.option("--persons", metavar="N", multiple=True, help="Shorthand for --fact persons=N.")
@click.option("--department", metavar="ID", help="The department that owns the case (its id in the rules).")
@click.option(
    "--as-of",
    metavar="YYYY-MM-DD",
    help="Answer from the plan in force on this day (with --plan: that plan, saying if it was in force).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the delegation.decision/2 JSON object.")
@_lang_option
@click.pass_context
@handles_errors
def decide_command(ctx, case, plan_ids, kle, batch, fact, amount, persons, department, as_of, as_json, lang):
    """Who decides CASE (an id or the words you would use), who is told, and why."""
    if batch is not None:
        if case or fact or amount or persons or department or kle or as_of or len(plan_ids) > 1:
            raise click.UsageError("--batch takes its cases from the file; give only --plan and --lang")
        sys.exit(_run_batch(ctx, batch, plan_ids[0] if plan_ids else None, lang))
    if not case and not kle:
        raise click.UsageError("give a CASE (its id or the words you would use) or --kle")
    facts = _facts(fact, amount, persons)
    results = []
    if plan_ids and as_of is None:  # the plans named, without time: today's path, nothing stamped
        for plan_id in plan_ids:
            plan = load(plan_id, ctx.obj["rules"])
            results.append((plan, decide(plan, case or "", facts, department=department, lang=lang, kle=kle)))
    else:
        from delegation.engine.intime import decide_in_time

        plans = [load(p, ctx.obj["rules"]) for p in plan_ids] if plan_ids else all_plans(ctx.obj["rules"])
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
    if as_json:
        payload = [decision.to_dict() for _, decision in results]
        echo_json(payload[0] if len(payload) == 1 else payload)
    else:
        click.echo("\n\n".join(render_decision(plan, decision, lang, _style) for plan, decision in results))
    if any(decision.ambiguous for _, decision in results):
        sys.exit(EXIT_AMBIGUOUS)


def _run_batch(ctx, stream, plan_id, lang) -> int:
    """Stream decisions line by line; exit 2 when any line was bad (its error object is written)."""
    from delegation.service.batch import BATCH_ERROR_SCHEMA, json_lines

    lines = stream.readlines()
    failed = False
    show_progress = sys.stderr.isatty()
    with click.progressbar(
        length=len(lines), file=sys.stderr, label="delegation", hidden=not show_progress
    ) as progress:
        for line in json_lines(lines, default_plan=plan_id, rules_dir=ctx.obj["rules"], lang=lang):
            failed |= BATCH_ERROR_SCHEMA in line[:40]
            click.echo(line)
            progress.update(1)
    return EXIT_USAGE if failed else EXIT_OK


@cli.command("schema")
@click.argument("name", type=click.Choice(["decision", "plan"]), default="decision")
@handles_errors
def schema_command(name):
    """The JSON Schema of a contract: the decision (default) or the plan model."""
    from delegation.engine.decision import Decision
    from delegation.model import Plan

    model = {"decision": Decision, "plan": Plan}[name]
    echo_json(model.model_json_schema(by_alias=True))


@cli.command("show")
@click.argument("case")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="Plan id or rules file.")
@click.option("--department", metavar="ID", help="Make 'the department' concrete.")
@_lang_option
@click.pass_context
@handles_errors
def show_command(ctx, case, plan_id, department, lang):
    """Every band of a case type with its outcome and the plan's text."""
    plan = load(plan_id, ctx.obj["rules"])
    resolution = resolve_case(plan, case)
    if resolution.case is None:
        decision = decide(plan, case, {}, department=department, lang=lang)
        click.echo(render_decision(plan, decision, lang, _style))
        sys.exit(EXIT_AMBIGUOUS if decision.ambiguous else EXIT_USAGE)
    click.echo(render_case(plan, resolution.case, lang, _style, department))


@cli.command("cases")
@click.option("--plan", "plan_id", default=None, metavar="A|B|C|PATH", help="Plan (default: the first).")
@click.option("--search", metavar="TEXT", help="Only case types matching the text, best first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def cases_command(ctx, plan_id, search, as_json):
    """The case types of a plan."""
    plan = load(plan_id or _plan_ids(ctx, ())[0], ctx.obj["rules"])
    found = plan.cases(search)
    if as_json:
        echo_json(
            [
                {
                    "id": c.id,
                    "title": c.title,
                    "aliases": list(c.aliases),
                    "section": c.section,
                    "category": c.category,
                }
                for c in found
            ]
        )
        return
    for case in found:
        section = plan.sections[case.section].title if case.section in plan.sections else ""
        click.echo(f"{_style(case.id, bold=True):<45} {case.title}  {_style(section, dim=True)}")


@cli.command("plans")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_lang_option
@click.pass_context
@handles_errors
def plans_command(ctx, as_json, lang):
    """The plans in the rules folder."""
    found = all_plans(ctx.obj["rules"])
    rows = [
        {
            "id": p.id,
            "title": p.title,
            "date": p.date,
            "source": p.source,
            "document": p.document,
            "municipality": p.municipality,
            "case_types": len(p.case_types),
            "status": p.status.value,
            "in_force_from": p.in_force_from,
            "in_force_until": p.in_force_until,
        }
        for p in found
    ]
    if as_json:
        echo_json(rows)
        return
    from delegation.presentation.render import plan_status

    for row in rows:
        about = [row["source"], row["date"], text(lang, "plans.case_types", count=row["case_types"])]
        if row["status"] != "draft":  # a draft says nothing of itself in time
            about.append(plan_status(row["status"], row["in_force_from"], row["in_force_until"], lang))
        title = f"  {row['title']}" if row["title"] else ""
        click.echo(f"{_style(row['id'], bold=True)}{title}  ({', '.join(part for part in about if part)})")


def main() -> None:
    try:
        cli(prog_name="delegation")
    finally:
        # The process ends here: spare the exit its last walk of the cycle collector over every
        # object pydantic and the plan made (about 20 ms, a seventh of `delegation decide`).
        import gc

        gc.freeze()
