"""`delegation check`, `graph`, `body` and `bodies`: thin commands over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from delegation.cli.localized import say
from delegation.cli.main import (
    EXIT_OK,
    EXIT_RULES,
    _footer,
    _lang_option,
    _style,
    cli,
    echo_json,
    handles_errors,
    rules_option,
)

from delegation import load
from delegation.analysis.findings import Severity
from delegation.analysis.graph import FORMATS, VIEWS
from delegation.errors import InputError, Problem
from delegation.messages import Message


@cli.command("check", help="cmd.check")
@click.argument("targets", nargs=-1, metavar="[PLAN|PATH ...]")
@click.option("--json", "as_json", is_flag=True, help="check.json")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    show_default=True,
    help="check.min_severity",
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def check_command(ctx, targets, as_json, min_severity, lang):
    from delegation.analysis.checking import check, render_report

    report = check(*targets, rules_dir=ctx.obj["rules"], lang=lang)
    minimum = Severity(min_severity)
    if as_json:
        echo_json(report.to_dict(minimum))
    else:
        click.echo(render_report(report, lang, _style, minimum))
    sys.exit(EXIT_OK if report.ok else EXIT_RULES)


@cli.command("graph", help="cmd.graph")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option(
    "--format",
    "image_format",
    type=click.Choice(FORMATS),
    default="dot",
    show_default=True,
    help="graph.format",
)
@click.option(
    "--view", "which", type=click.Choice(VIEWS), default="summary", show_default=True, help="graph.view"
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="opt.output"
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def graph_command(ctx, plan_id, image_format, which, output, lang):
    from delegation.analysis.graph import draw

    if image_format == "png" and output is None and sys.stdout.isatty():
        raise InputError(Problem("cli.png_tty", hint=Message("cli.png_tty.hint", plan=plan_id)))
    drawn = draw(load(plan_id, ctx.obj["rules"]), image_format, which, lang)
    data = drawn if isinstance(drawn, bytes) else drawn.encode("utf-8")
    if output is not None:
        output.write_bytes(data)
        click.echo(say("status.wrote", path=output), err=True)
    else:
        click.echo(data, nl=False)


@cli.command("body", help="cmd.body")
@click.argument("body")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option("--json", "as_json", is_flag=True, help="opt.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def body_command(ctx, body, plan_id, as_json, lang):
    from delegation.analysis.roles import body_report, render_body_report

    plan = load(plan_id, ctx.obj["rules"])
    report = body_report(plan, body, lang)
    if as_json:
        echo_json(report.model_dump(mode="json"))
    else:
        click.echo(render_body_report(plan, report, lang, _style))
        click.echo(_footer(ctx, plan, lang))


@cli.command("bodies", help="cmd.bodies")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="bodies.format",
)
@click.option("--json", "as_json", is_flag=True, help="opt.json_format")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def bodies_command(ctx, plan_id, output, as_json, lang):
    from delegation.engine.wording import body_refs
    from delegation.plandata import as_data
    from delegation.presentation.render import render_bodies

    plan = load(plan_id, ctx.obj["rules"])
    refs = body_refs(plan)
    if as_json or output == "json":
        echo_json([as_data(ref) for ref in refs])
    else:
        click.echo(render_bodies(plan, refs, lang, _style))
        click.echo(_footer(ctx, plan, lang))
