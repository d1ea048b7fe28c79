"""`delegation check`, `graph`, `body` and `bodies`: thin commands over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click
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


@cli.command("check")
@click.argument("targets", nargs=-1, metavar="[PLAN|PATH ...]")
@click.option("--json", "as_json", is_flag=True, help="Print the delegation.check/1 JSON object.")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    show_default=True,
    help="Leave out findings below this severity.",
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def check_command(ctx, targets, as_json, min_severity, lang):
    """Lint plans: codes DLG001..., file:line:col, message and hint (docs/checks.md).

    PLAN is a plan id, PATH a rules file or a folder of plans; default: every plan.
    Exit 1 when there is an error; warnings and info do not fail.
    """
    from delegation.analysis.checking import check, render_report

    report = check(*targets, rules_dir=ctx.obj["rules"], lang=lang)
    minimum = Severity(min_severity)
    if as_json:
        echo_json(report.to_dict(minimum))
    else:
        click.echo(render_report(report, lang, _style, minimum))
    sys.exit(EXIT_OK if report.ok else EXIT_RULES)


@cli.command("graph")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="Plan id or rules file.")
@click.option(
    "--format",
    "image_format",
    type=click.Choice(FORMATS),
    default="dot",
    show_default=True,
    help="svg and png need Graphviz's `dot`.",
)
@click.option(
    "--view",
    "which",
    type=click.Choice(VIEWS),
    default="summary",
    show_default=True,
    help="summary: bodies and sections with counts; full: every case type. json is always the full graph.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def graph_command(ctx, plan_id, image_format, which, output, lang):
    """The delegation graph: who delegates to whom, who decides and who is told."""
    from delegation.analysis.graph import draw

    if image_format == "png" and output is None and sys.stdout.isatty():
        raise InputError(
            Problem(
                "a PNG is binary: give --output FILE, or redirect the output",
                hint=f"delegation graph --plan {plan_id} --format png -o graph.png",
            )
        )
    drawn = draw(load(plan_id, ctx.obj["rules"]), image_format, which, lang)
    data = drawn if isinstance(drawn, bytes) else drawn.encode("utf-8")
    if output is not None:
        output.write_bytes(data)
    else:
        click.echo(data, nl=False)


@cli.command("body")
@click.argument("body")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="Plan id or rules file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def body_command(ctx, body, plan_id, as_json, lang):
    """Everything BODY (id, name or alias) decides, is briefed on and is told, by section."""
    from delegation.analysis.roles import body_report, render_body_report

    plan = load(plan_id, ctx.obj["rules"])
    report = body_report(plan, body, lang)
    if as_json:
        echo_json(report.model_dump(mode="json"))
    else:
        click.echo(render_body_report(plan, report, lang, _style))
        click.echo(_footer(ctx, plan, lang))


@cli.command("bodies")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="Plan id or rules file.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the names a decision's `bodies` gives each body, as GET /plans/{id}/bodies.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def bodies_command(ctx, plan_id, output, as_json, lang):
    """The plan's bodies with their names: id, as a sentence names it, name, kind and head."""
    from delegation.engine.wording import body_refs
    from delegation.presentation.render import render_bodies

    plan = load(plan_id, ctx.obj["rules"])
    refs = body_refs(plan)
    if as_json or output == "json":
        echo_json([ref.model_dump(mode="json") for ref in refs])
    else:
        click.echo(render_bodies(plan, refs, lang, _style))
        click.echo(_footer(ctx, plan, lang))
