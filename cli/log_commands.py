"""`delegation log`: list, filter and export the decision log, and replay it under another plan."""

from __future__ import annotations

import json
import re

import click
from delegation.cli.localized import LocalizedGroup
from delegation.cli.main import _lang_option, _style, cli, echo_json, handles_errors, rules_option

from delegation.engine.registry import load
from delegation.i18n import text

# What must never reach a terminal raw from the log: C0/C1 controls (line breaks that forge an
# entry, escape sequences), the Unicode line separators and bidirectional overrides.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _shown(value: object) -> str:
    """A logged value as printed: control characters as escapes (\\n, \\x1b, \\u202e)."""
    return _CONTROLS.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), str(value))


def _db_option(function):
    return click.option(
        "--db",
        "url",
        envvar="DELEGATION_LOG",
        required=True,
        metavar="PATH|postgresql://...",
        help="log.db",
    )(function)


def _filter_options(function):
    for option in reversed(
        [
            click.option("--from", "since", metavar="YYYY-MM-DD", help="log.from"),
            click.option("--to", "until", metavar="YYYY-MM-DD", help="log.to"),
            click.option("--plan", "plan_id", metavar="ID", help="log.plan"),
            click.option("--case", "case_type", metavar="ID", help="log.case"),
            click.option("--body", metavar="ID", help="log.body"),
            click.option("--limit", type=click.IntRange(1), help="log.limit"),
        ]
    ):
        function = option(function)
    return function


@cli.group("log", cls=LocalizedGroup, invoke_without_command=True, help="cmd.log")
@_db_option
@_filter_options
@click.option("--jsonl", is_flag=True, help="log.jsonl")
@_lang_option
@click.pass_context
@handles_errors
def log_command(ctx, url, since, until, plan_id, case_type, body, limit, jsonl, lang):
    from delegation.service.logbook import LogFilter, read_log

    wanted = LogFilter.parse(since, until, plan_id, case_type, body, limit, lang)
    ctx.obj["log"] = (url, wanted)
    if ctx.invoked_subcommand is not None:
        return
    count = 0
    for entry in read_log(url, wanted):
        count += 1
        if jsonl:
            click.echo(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            continue
        decision = entry["decision"]
        case = _shown((decision.get("case_type") or {}).get("id") or "-")
        reference = f" [{_shown(entry['reference'])}]" if entry["reference"] else ""
        click.echo(
            f"{_style(_shown(entry['logged_at'])[:19], dim=True)} {_shown(entry['plan']):<8} {case:<40} "
            f"{_shown(decision.get('decides') or '-')}{reference}"
        )
    if not jsonl:
        click.echo(_style(text(lang, "log.entries", count=count), dim=True))


@log_command.command("replay", help="cmd.log_replay")
@click.option("--plan", "plan_id", required=True, metavar="ID|PATH", help="log.replay_plan")
@click.option("--json", "as_json", is_flag=True, help="log.replay_json")
@_lang_option
@rules_option
@click.pass_context
@handles_errors
def replay_command(ctx, plan_id, as_json, lang):
    from delegation.service.logbook import replay

    url, wanted = ctx.obj["log"]
    report = replay(url, load(plan_id, ctx.obj["rules"]), wanted, lang)
    if as_json:
        echo_json(report)
        return
    for change in report["changed"]:
        before, after = change["before"], change["after"]
        reference = f" [{_shown(change['reference'])}]" if change["reference"] else ""
        click.echo(
            f"{_style(_shown(change['logged_at'])[:19], dim=True)} {_shown(change['query'])}{reference}"
        )
        click.echo(f"  {text(lang, 'log.replay.before')} {before['plan']}: {_said(before, lang)}")
        click.echo(f"  {text(lang, 'log.replay.after')} {after['plan']}: {_said(after, lang)}")
    click.echo(
        text(lang, "log.replay", changed=len(report["changed"]), count=report["entries"], plan=report["plan"])
    )


def _said(outcome: dict, lang: str) -> str:
    if "error" in outcome:
        return _shown(outcome["error"])
    parts = [
        _shown(outcome.get("case_type") or "-"),
        _shown(outcome.get("decides") or text(lang, "log.none")),
    ]
    if outcome.get("basis"):
        parts.append(text(lang, f"basis.{outcome['basis']}"))
    if outcome.get("depends_on"):
        parts.append("(" + ", ".join(outcome["depends_on"]) + ")")
    return " · ".join(parts)
