"""`delegation diff A B [C ...]`: compare plan variants band by band, with workload and flows."""

from __future__ import annotations

from pathlib import Path

import click
from delegation.cli.main import _lang_option, _style, cli, handles_errors


@cli.command("diff")
@click.argument("plan_ids", nargs=-1, required=True, metavar="A B [C ...]")
@click.option("--json", "fmt", flag_value="json", help="Print the delegation.diff/1 JSON object.")
@click.option("--markdown", "fmt", flag_value="markdown", help="A Markdown report with inline SVG pictures.")
@click.option("--html", "fmt", flag_value="html", help="A self-contained HTML report (works offline).")
@click.option("--cite", is_flag=True, help="Quote the plans' text under each changed band.")
@click.option("--section", metavar="ID", help="Only the case types of one list (ba, tvaer, or its title).")
@click.option("--body", metavar="ID", help="Only case types where this body decides, is told or involved.")
@click.option("--only-changed", is_flag=True, help="Leave out the unchanged case types.")
@click.option(
    "--cases",
    "case_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Weigh workload and flows by a file of real cases (CSV or .xlsx; see `delegation workload`).",
)
@click.option("--column", "columns", multiple=True, metavar="ROLE=HEADER", help="With --cases: a column.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
@_lang_option
@click.pass_context
@handles_errors
def diff_command(ctx, plan_ids, fmt, cite, section, body, only_changed, case_file, columns, output, lang):
    """Compare plans A, B (and more): who decides each case type, band by band, in each plan.

    Starts with the workload (case types each body decides, is briefed on before, or is told
    about after) and the flows of case types between bodies; then every change by list.
    """
    from delegation.analysis.diffing import diff

    if len(plan_ids) < 2:
        raise click.UsageError("give at least two plans, e.g. delegation diff A B")
    if case_file is not None and fmt == "json":
        raise click.UsageError(
            "--cases weighs the text, Markdown and HTML reports; for JSON: delegation workload --json"
        )
    result = diff(
        *plan_ids, section=section, body=body, only_changed=only_changed, rules_dir=ctx.obj["rules"]
    )
    volumes = None
    if case_file is not None:
        from delegation.cli.volume_commands import column_options, progress_bar

        from delegation.analysis.workload import workload

        volumes = workload(
            case_file,
            plan_ids,
            column_options(columns),
            rules_dir=ctx.obj["rules"],
            progress=progress_bar(lang),
            lang=lang,
        )
    if fmt == "json":
        rendered = result.to_json()
    elif fmt == "markdown":
        from delegation.presentation.report import render_markdown

        rendered = render_markdown(result, lang, volumes)
    elif fmt == "html":
        from delegation.presentation.report_html import render_html

        rendered = render_html(result, lang, volumes)
    else:
        from delegation.presentation.render import plain
        from delegation.presentation.report import render_text

        rendered = render_text(result, _style if output is None else plain, cite, lang, volumes)
    if output is None:
        click.echo(rendered)
    else:
        Path(output).write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
