"""`delegation history`: how a case type's competence changed across a municipality's plans."""

from __future__ import annotations

import click
from delegation.cli.main import _lang_option, _style, cli, echo_json, handles_errors, rules_option

from delegation import plans as all_plans


@cli.command("history", help="cmd.history")
@click.argument("case")
@click.option("--json", "as_json", is_flag=True, help="history.json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def history_command(ctx, case, as_json, lang):
    from delegation.analysis.history import history
    from delegation.presentation.render_history import render_history

    plans = all_plans(ctx.obj["rules"])
    found = history(plans, case, lang)
    if as_json:
        echo_json(found.to_dict())
        return
    click.echo(render_history(found, plans, lang, _style))
