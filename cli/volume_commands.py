"""`delegation compose` (a compromise plan from the drafts) and `delegation workload` (real case volumes)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from delegation.cli.localized import say
from delegation.cli.main import _lang_option, _style, cli, handles_errors, rules_option

from delegation.i18n import text

PROGRESS_ROWS = 3000  # a progress bar for files over this many rows, when stderr is a terminal


def column_options(columns: tuple[str, ...]) -> dict[str, str]:
    """--column case=Titel --column amount=Beløb -> {"case": "Titel", "amount": "Beløb"}."""
    found: dict[str, str] = {}
    for item in columns:
        role, equals, header = item.partition("=")
        if not equals or not role.strip() or not header.strip():
            raise click.BadParameter(say("workload.bad_column", item=item), param_hint="--column")
        found[role.strip()] = header.strip()
    return found


def progress_bar(lang: str):
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, object] = {}

    def update(done: int, total: int) -> None:
        if total < PROGRESS_ROWS:
            return
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label=text(lang, "workload.progress"), file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return update


@cli.command("compose", help="cmd.compose")
@click.option("--base", required=True, metavar="PLAN", help="compose.base")
@click.option(
    "--take",
    "takes",
    multiple=True,
    required=True,
    metavar="PLAN:ID,...",
    help="compose.take",
)
@click.option("--id", "plan_id", default=None, help="compose.id")
@click.option("--title", default=None, help="compose.title")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="compose.output",
)
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def compose_command(ctx, base, takes, plan_id, title, output, lang):
    from delegation.analysis.compose import compose, parse_take, write_composition

    composition = compose(
        base,
        [parse_take(spec, lang) for spec in takes],
        plan_id=plan_id,
        title=title,
        rules_dir=ctx.obj["rules"],
        lang=lang,
    )
    if output is None:
        click.echo(composition.text, nl=False)
        return
    written = write_composition(composition, output, lang)
    click.echo(say("status.wrote", lang=lang, path=", ".join(str(p) for p in written)), err=True)


@cli.command("workload", help="cmd.workload")
@click.option("--cases", "case_file", required=True, type=click.Path(dir_okay=False), help="workload.cases")
@click.option("--plan", "plan_ids", multiple=True, metavar="A|B|C|PATH", help="workload.plan")
@click.option("--column", "columns", multiple=True, metavar="ROLE=HEADER", help="workload.column")
@click.option("--json", "as_json", is_flag=True, help="workload.json")
@click.option("--html", "as_html", is_flag=True, help="workload.html")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="opt.output",
)
@click.option("--all", "show_all", is_flag=True, help="workload.all")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def workload_command(ctx, case_file, plan_ids, columns, as_json, as_html, output, show_all, lang):
    from delegation.analysis.workload import workload

    volumes = workload(
        case_file,
        plan_ids,
        column_options(columns),
        rules_dir=ctx.obj["rules"],
        progress=progress_bar(lang),
        lang=lang,
    )
    if as_json:
        rendered = volumes.to_json()
    elif as_html:
        from delegation.presentation.volumes import volumes_document

        rendered = volumes_document(volumes, lang)
    else:
        from delegation.presentation.render import plain
        from delegation.presentation.volumes import render_volumes

        rendered = render_volumes(
            volumes, _style if output is None else plain, lang, None if show_all else 50
        )
    if output is None:
        click.echo(rendered)
    else:
        Path(output).write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
        click.echo(say("status.wrote", lang=lang, path=output), err=True)
