"""`delegation serve`: run the HTTP service on uvicorn."""

from __future__ import annotations

import signal

import click
from delegation.cli.main import cli, handles_errors


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Folder of rules files to serve (default: the built-in plans, or --rules of the group).",
)
@click.pass_context
@handles_errors
def serve_command(ctx, host, port, rules_dir):
    """Serve the decision API (POST /plans/{id}/decide ...); SIGHUP reloads the rules."""
    import uvicorn

    from delegation.service.api import PlanStore, create_app

    store = PlanStore(rules_dir or ctx.obj["rules"])
    app = create_app(store=store)

    def reload_on_hangup(signum, frame):
        result = store.reload()
        message = "rules reloaded" if result.reloaded else "reload refused:\n" + "\n".join(result.errors)
        click.echo(f"delegation: {message}", err=True)

    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, reload_on_hangup)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
