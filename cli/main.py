"""The `delegation` command: parse options, call one library function, render the result."""

from __future__ import annotations

import functools
import importlib
import os
import sys

import click

from delegation import DelegationError
from delegation import plans as all_plans
from delegation.engine.rulesfolder import find_rules
from delegation.i18n import LANGUAGES, text

from .answers import (
    EXIT_AMBIGUOUS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_RULES,
    EXIT_USAGE,
    cases_answer,
    debugging,
    decide_answer,
    facts_of,
    failure_json,
    failure_text,
    footer,
    internal_text,
    json_text,
    show_answer,
)
from .localized import LocalizedGroup, cli_lang, install_click_translations, say

install_click_translations()

__all__ = ["EXIT_AMBIGUOUS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_RULES", "EXIT_USAGE", "cli"]


def _style(value: str, **styles: object) -> str:
    return click.style(value, **styles)


def echo_json(value: object) -> None:
    """Print JSON as the commands do: UTF-8 as is, indented."""
    click.echo(json_text(value))


def handles_errors(command):
    """Turn library errors into their documented exit codes, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DelegationError as error:
            if (
                kwargs.get("as_json") or kwargs.get("fmt") == "json"
            ):  # a program asked: the error object on stdout too
                click.echo(failure_json(error, cli_lang()))
            click.echo(failure_text(error, cli_lang()), err=True)
            sys.exit(error.exit_code)
        except BrokenPipeError:
            # The reader went away (`delegation cases | head -1`): end quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as error:  # a bug, not the user's fault: say so briefly
            if debugging():
                raise
            click.echo(internal_text(error, cli_lang()), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _footer(ctx: click.Context, plan, lang: str) -> str:
    """The last line of text for people: which rules answered (folder, why that one, hash)."""
    return footer(ctx.obj["rules_folder"], plan, lang, _style)


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
        metavar="PATH",  # checked where the folder is found (rulesfolder.py), as the entry does
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
@click.option("--rules", "rules_dir", metavar="PATH", default=None, help="opt.rules")
@_lang_option
@click.version_option(package_name="delegation")
@click.pass_context
def cli(ctx: click.Context, rules_dir: str | None, lang: str) -> None:
    ctx.obj = Settings(rules_option=rules_dir)


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
    if not (case or "").strip() and not kle:
        raise click.UsageError(say("decide.no_case"))
    facts = facts_of(fact, amount, persons)
    output, code = decide_answer(
        ctx.obj["rules_folder"],
        case,
        plan_ids,
        facts,
        kle=kle,
        department=department,
        as_of=as_of,
        as_json=as_json,
        lang=lang,
        style=_style,
    )
    click.echo(output)
    if code:
        sys.exit(code)


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
# The names of contract.SCHEMAS, written out: reading them from there would import pydantic to parse a line
@click.argument("name", type=click.Choice(["decision", "plan"]), default="decision")
@_lang_option
@handles_errors
def schema_command(name, lang):
    from delegation.analysis.contract import json_schema  # here: pydantic describes, decide never needs it

    echo_json(json_schema(name))


@cli.command("show", help="cmd.show")
@click.argument("case")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option("--department", metavar="ID", help="show.department")
@click.option("--json", "as_json", is_flag=True, help="show.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def show_command(ctx, case, plan_id, department, as_json, lang):
    output, code = show_answer(ctx.obj["rules_folder"], case, plan_id, department, lang, _style, as_json)
    click.echo(output)
    if code:
        sys.exit(code)


@cli.command("cases", help="cmd.cases")
@click.option("--plan", "plan_id", default=None, metavar="A|B|C|PATH", help="cases.plan")
@click.option("--search", metavar="TEXT", help="cases.search")
@click.option("--json", "as_json", is_flag=True, help="opt.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def cases_command(ctx, plan_id, search, as_json, lang):
    click.echo(cases_answer(ctx.obj["rules_folder"], plan_id, search, as_json, lang, _style)[0])


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
    click.echo(_footer(ctx, None, lang))
