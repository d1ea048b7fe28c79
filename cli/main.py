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
from delegation.engine.rulesfolder import find_rules
from delegation.errors import InputError, Problem
from delegation.i18n import LANGUAGES, text
from delegation.messages import Message, message_text
from delegation.presentation.render import render_case, render_decision, rules_footer

from .localized import LocalizedGroup, cli_lang, install_click_translations, say

install_click_translations()

EXIT_OK, EXIT_RULES, EXIT_USAGE, EXIT_AMBIGUOUS, EXIT_INTERNAL = 0, 1, 2, 3, 70


def _style(value: str, **styles: object) -> str:
    return click.style(value, **styles)


def echo_json(value: object) -> None:
    """Print JSON as the commands do: UTF-8 as is, indented."""
    import json  # here: `delegation decide` without --json never needs it

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _fail(error: DelegationError) -> None:
    lang = cli_lang()
    label = message_text("label.error", {}, lang)
    for problem in error.problems:
        rendered = problem.render(lang)
        click.echo(rendered if problem.location else f"{label}: {rendered}", err=True)
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
                message_text("label.internal", {"error": f"{type(error).__name__}: {error}"}, cli_lang()),
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _plan_ids(ctx: click.Context, chosen: tuple[str, ...]) -> list[str]:
    return list(chosen) if chosen else list(plan_files(ctx.obj["rules"]))


def _lang_option(function):
    """--lang: the run's language (read before parsing, see localized.py) is its default."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=cli_lang, help="opt.lang")(function)


# The commands of the other stages live in their own modules, which register on `cli` when imported.
# They are imported only when one of their commands runs (or for --help), so that
# `delegation decide` does not pay for the linter, the graph or the service at start-up.
LAZY_COMMANDS = {
    "diff": "diff_commands",
    "check": "check_commands",
    "graph": "check_commands",
    "body": "check_commands",
    "bodies": "check_commands",
    "fmt": "authoring_commands",
    "test": "authoring_commands",
    "render": "authoring_commands",
    "serve": "serve_commands",
    "compose": "volume_commands",
    "workload": "volume_commands",
    "log": "log_commands",
    "history": "time_commands",
}


class Settings(dict):
    """The group's settings (`ctx.obj`). The rules folder is found when a command first asks for
    it (`ctx.obj["rules"]`, `ctx.obj["rules_folder"]`), after the command's own --rules is read,
    so that a broken delegation.toml fails the commands that read plans, never `--help`."""

    def __missing__(self, key: str) -> object:
        if key not in ("rules", "rules_folder"):
            raise KeyError(key)
        folder = find_rules(self.get("rules_option"))
        self["rules_folder"], self["rules"] = folder, folder.path
        return self[key]


def _set_rules(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        settings = ctx.find_root().obj
        settings["rules_option"] = value
        settings.pop("rules", None)
        settings.pop("rules_folder", None)


def rules_option(function):
    """--rules on a command that reads plans, as before the command name: `delegation decide X
    --plan B --rules rules/` and `delegation --rules rules/ decide X --plan B` are the same."""
    return click.option(
        "--rules",
        type=click.Path(),
        default=None,
        expose_value=False,
        callback=_set_rules,
        help="opt.rules",
    )(function)


class LazyGroup(LocalizedGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in LAZY_COMMANDS:
            importlib.import_module(f"delegation.cli.{LAZY_COMMANDS[name]}")
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, help="cli", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--rules", "rules_dir", type=click.Path(), default=None, help="opt.rules")
@_lang_option
@click.version_option(package_name="delegation")
@click.pass_context
def cli(ctx: click.Context, rules_dir: str | None, lang: str) -> None:
    ctx.obj = Settings(rules_option=rules_dir)


def _footer(ctx: click.Context, plan, lang: str) -> str:
    """The last line of text for people: which rules answered (folder, why that one, hash)."""
    return _style(rules_footer(plan, ctx.obj["rules_folder"], lang), dim=True)


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


@cli.command("decide", help="cmd.decide")
@click.argument("case", required=False)
@click.option("--plan", "plan_ids", multiple=True, metavar="A|B|C|PATH", help="decide.plan")
@click.option("--kle", metavar="SUBJECT[-FACET]", help="decide.kle")
@click.option("--batch", type=click.File("r", encoding="utf-8"), metavar="FILE|-", help="decide.batch")
@click.option("--fact", multiple=True, metavar="NAME=VALUE", help="decide.fact")
@click.option("--amount", metavar="N", multiple=True, help="decide.amount")
@click.option("--persons", metavar="N", multiple=True, help="decide.persons")
@click.option("--department", metavar="ID", help="decide.department")
@click.option("--as-of", metavar="YYYY-MM-DD", help="decide.as_of")
@click.option("--json", "as_json", is_flag=True, help="decide.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def decide_command(ctx, case, plan_ids, kle, batch, fact, amount, persons, department, as_of, as_json, lang):
    if batch is not None:
        if case or fact or amount or persons or department or kle or as_of or len(plan_ids) > 1:
            raise click.UsageError(say("decide.batch_alone"))
        sys.exit(_run_batch(ctx, batch, plan_ids[0] if plan_ids else None, lang))
    if not case and not kle:
        raise click.UsageError(say("decide.no_case"))
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
        click.echo(
            "\n\n".join(
                render_decision(plan, decision, lang, _style) + "\n" + _footer(ctx, plan, lang)
                for plan, decision in results
            )
        )
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


@cli.command("schema", help="cmd.schema")
@click.argument("name", type=click.Choice(["decision", "plan"]), default="decision")
@_lang_option
@handles_errors
def schema_command(name, lang):
    from pydantic import TypeAdapter  # here: pydantic describes the contract, decide never needs it

    from delegation.engine.decision import Decision
    from delegation.model import Plan

    model = {"decision": Decision, "plan": Plan}[name]
    echo_json(TypeAdapter(model).json_schema(by_alias=True))


@cli.command("show", help="cmd.show")
@click.argument("case")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option("--department", metavar="ID", help="show.department")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def show_command(ctx, case, plan_id, department, lang):
    plan = load(plan_id, ctx.obj["rules"])
    resolution = resolve_case(plan, case)
    if resolution.case is None:
        decision = decide(plan, case, {}, department=department, lang=lang)
        click.echo(render_decision(plan, decision, lang, _style) + "\n" + _footer(ctx, plan, lang))
        sys.exit(EXIT_AMBIGUOUS if decision.ambiguous else EXIT_USAGE)
    click.echo(render_case(plan, resolution.case, lang, _style, department))
    click.echo(_footer(ctx, plan, lang))


@cli.command("cases", help="cmd.cases")
@click.option("--plan", "plan_id", default=None, metavar="A|B|C|PATH", help="cases.plan")
@click.option("--search", metavar="TEXT", help="cases.search")
@click.option("--json", "as_json", is_flag=True, help="opt.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def cases_command(ctx, plan_id, search, as_json, lang):
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
    click.echo(_footer(ctx, plan, "da"))


@cli.command("plans", help="cmd.plans")
@click.option("--json", "as_json", is_flag=True, help="opt.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def plans_command(ctx, as_json, lang):
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
    click.echo(_style(rules_footer(None, ctx.obj["rules_folder"], lang), dim=True))


def main() -> None:
    try:
        cli(prog_name="delegation")
    finally:
        # The process ends here: spare the exit its last walk of the cycle collector over every
        # object the imports and the plan made (20 ms when pydantic was imported here; less now).
        import gc

        gc.freeze()
