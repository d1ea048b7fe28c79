"""The authoring commands: `delegation fmt`, `delegation test` and `delegation render`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from delegation.cli.localized import say
from delegation.cli.main import (
    EXIT_RULES,
    _lang_option,
    _style,
    cli,
    echo_json,
    handles_errors,
    rules_option,
)

from delegation import load
from delegation.i18n import text


@cli.command("fmt", help="cmd.fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--check", is_flag=True, help="fmt.check")
@click.option("--diff", "show_diff", is_flag=True, help="fmt.diff")
@_lang_option
@handles_errors
def fmt_command(paths, check, show_diff, lang):
    from delegation.language.fmt import format_paths, format_text

    if paths == ("-",):
        click.echo(format_text(sys.stdin.read(), "<stdin>"), nl=False)
        return
    results = format_paths(paths, write=not (check or show_diff))
    for result in results:
        if result.problems:
            for problem in result.problems:
                click.echo(problem.render(lang), err=True)
        elif result.changed:
            key = "fmt.would_change" if check or show_diff else "fmt.changed"
            click.echo(text(lang, key, path=result.path), err=show_diff)
            if show_diff:
                click.echo(_diff(result), nl=False)
    changed = sum(result.changed for result in results)
    verb = text(lang, "fmt.verb.would_change" if check or show_diff else "fmt.verb.changed")
    click.echo(text(lang, "fmt.summary", changed=changed, files=len(results), verb=verb), err=True)
    if any(result.problems for result in results) or (check and changed):
        sys.exit(EXIT_RULES)


def _diff(result) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            result.text.splitlines(keepends=True),
            result.formatted.splitlines(keepends=True),
            f"{result.path}",
            f"{result.path} (formatted)",
        )
    )


@cli.command("test", help="cmd.test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--coverage", is_flag=True, help="test.coverage")
@click.option("-v", "--verbose", is_flag=True, help="test.verbose")
@click.option("--json", "as_json", is_flag=True, help="test.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def test_command(ctx, paths, coverage, verbose, as_json, lang):
    from delegation.analysis.ruletest import render_report, run_tests

    report = run_tests(paths, ctx.obj["rules"], coverage=coverage)
    if as_json:
        echo_json(report.to_dict(lang))
    else:
        click.echo(render_report(report, lang, verbose))
    if not report.ok:
        sys.exit(EXIT_RULES)


@cli.command("render", help="cmd.render")
@click.option("--plan", "plan_id", required=True, metavar="A|B|C|PATH", help="opt.plan")
@click.option(
    "--format",
    "format_",
    type=click.Choice(("md", "html")),
    default="md",
    show_default=True,
    help="render.format",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="opt.output")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def render_command(ctx, plan_id, format_, output, lang):
    from delegation.presentation.render_plan import render_plan, source_folder

    plan = load(plan_id, ctx.obj["rules"])
    document = render_plan(plan, format_, lang, source_root=source_folder(plan))
    if output:
        Path(output).write_text(document, encoding="utf-8")
        click.echo(say("status.wrote", path=_style(str(output), bold=True)), err=True)
    else:
        click.echo(document, nl=False)
