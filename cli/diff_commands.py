"""`delegation diff A B [C ...]`: compare plan variants band by band, with workload and flows."""

from __future__ import annotations

from pathlib import Path

import click
from delegation.cli.localized import say
from delegation.cli.main import _lang_option, _style, cli, handles_errors, rules_option


@cli.command("diff", help="cmd.diff")
@click.argument("plan_ids", nargs=-1, required=True, metavar="A B [C ...]")
@click.option("--json", "fmt", flag_value="json", help="diff.json")
@click.option("--markdown", "fmt", flag_value="markdown", help="diff.markdown")
@click.option("--html", "fmt", flag_value="html", help="diff.html")
@click.option("--cite", is_flag=True, help="diff.cite")
@click.option("--section", metavar="ID", help="diff.section")
@click.option("--body", metavar="ID", help="diff.body")
@click.option("--only-changed", is_flag=True, help="diff.only_changed")
@click.option(
    "--cases",
    "case_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="diff.cases",
)
@click.option("--column", "columns", multiple=True, metavar="ROLE=HEADER", help="diff.column")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="opt.output"
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def diff_command(ctx, plan_ids, fmt, cite, section, body, only_changed, case_file, columns, output, lang):
    from delegation.analysis.diffing import diff

    if len(plan_ids) < 2:
        raise click.UsageError(say("diff.usage"))
    if case_file is not None and fmt == "json":
        raise click.UsageError(say("diff.cases_json"))
    result = diff(
        *plan_ids,
        section=section,
        body=body,
        only_changed=only_changed,
        rules_dir=ctx.obj["rules"],
        lang=lang,
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
        click.echo(say("status.wrote", path=output), err=True)
