"""`delegation compose` (a compromise plan from the drafts) and `delegation workload` (real case volumes)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from delegation.cli.main import _lang_option, _style, cli, handles_errors

from delegation.i18n import text

PROGRESS_ROWS = 3000  # a progress bar for files over this many rows, when stderr is a terminal


def column_options(columns: tuple[str, ...]) -> dict[str, str]:
    """--column case=Titel --column amount=Beløb -> {"case": "Titel", "amount": "Beløb"}."""
    found: dict[str, str] = {}
    for item in columns:
        role, equals, header = item.partition("=")
        if not equals or not role.strip() or not header.strip():
            raise click.BadParameter(f"{item!r} is not ROLE=HEADER (e.g. case=Titel)", param_hint="--column")
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


@cli.command("compose")
@click.option("--base", required=True, metavar="PLAN", help="The plan to start from (id or .dlg file).")
@click.option(
    "--take",
    "takes",
    multiple=True,
    required=True,
    metavar="PLAN:ID,...",
    help="Case types (or a list's or category's id) to answer as PLAN does; repeatable.",
)
@click.option("--id", "plan_id", default="D", show_default=True, help="The composed plan's id.")
@click.option("--title", default=None, help="The composed plan's title.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the plan here (and its examples beside it); default: print it.",
)
@_lang_option
@click.pass_context
@handles_errors
def compose_command(ctx, base, takes, plan_id, title, output, lang):
    """Compose a plan: BASE, with chosen case types as another draft has them.

    \b
    delegation compose --base B --take A:politikker -o plan_d.dlg
    delegation compose --base B --take A:erhvervsplan,oekonomisk_politik --take C:udlicitering
    """
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
    click.echo(text(lang, "compose.wrote", files=", ".join(str(p) for p in written)), err=True)


@cli.command("workload")
@click.option(
    "--cases", "case_file", required=True, type=click.Path(dir_okay=False), help="CSV or .xlsx file of cases."
)
@click.option(
    "--plan", "plan_ids", multiple=True, metavar="A|B|C|PATH", help="Plans to weigh (default: all)."
)
@click.option(
    "--column", "columns", multiple=True, metavar="ROLE=HEADER", help="case, kle, date or a fact: its column."
)
@click.option("--json", "as_json", is_flag=True, help="Print the delegation.workload/1 JSON object.")
@click.option("--html", "as_html", is_flag=True, help="A self-contained HTML page with the chart.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option(
    "--all", "show_all", is_flag=True, help="List every skipped and unresolved row (default: 50 of each)."
)
@_lang_option
@click.pass_context
@handles_errors
def workload_command(ctx, case_file, plan_ids, columns, as_json, as_html, output, show_all, lang):
    """Weigh the plans by a file of real cases: who decides and is told, per year.

    Each row is a case (title, case type id or KLE code; date; facts such as amount). Rows that
    cannot be read are listed with their line and skipped; rows no case type fits are listed.
    """
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
        click.echo(text(lang, "compose.wrote", files=output), err=True)
