"""`delegation serve`: run the HTTP service on uvicorn."""

from __future__ import annotations

import signal
import sys
import threading

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
@click.option(
    "--admin-token",
    envvar="DELEGATION_ADMIN_TOKEN",
    default=None,
    help="POST /admin/reload needs this bearer token (then also from other hosts).",
)
@click.option(
    "--limit-concurrency",
    default=200,
    show_default=True,
    type=click.IntRange(1),
    help="Connections at once; more are answered 503 at once (file descriptors stay free).",
)
@click.option(
    "--timeout-keep-alive",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="Seconds an idle connection is kept open.",
)
@click.option(
    "--log",
    "log_url",
    envvar="DELEGATION_LOG",
    default=None,
    metavar="PATH|postgresql://...",
    help="Record every decision in this decision log: a SQLite file, or PostgreSQL for several replicas.",
)
@click.pass_context
@handles_errors
def serve_command(ctx, host, port, rules_dir, admin_token, limit_concurrency, timeout_keep_alive, log_url):
    """Serve the decision API (POST /plans/{id}/decide ...); SIGHUP reloads the rules."""
    import uvicorn

    from delegation.service.api import create_app
    from delegation.service.store import PlanStore

    store = PlanStore(rules_dir or ctx.obj["rules"])
    log = None
    if log_url:
        from delegation.service.decisionlog import DecisionLog, redacted

        log = DecisionLog(log_url)  # an unreachable database stops the start here, in plain words
        click.echo(f"delegation: decision log {redacted(log_url)}", err=True)
    app = create_app(store=store, admin_token=admin_token, log=log)
    if log is not None:
        # After the app's own shutdown hook has closed (flushed) the log: uvicorn then re-raises
        # the SIGTERM or SIGINT it stopped on, so nothing after uvicorn.run may be relied on.
        def closed() -> None:
            status = log.status()
            click.echo(
                f"delegation: decision log closed, {status['written']} written, {status['lost']} lost",
                err=True,
            )

        app.router.on_shutdown.append(closed)

    def reload_in_background() -> None:
        result = store.reload()
        message = "rules reloaded" if result.reloaded else "reload refused:\n" + "\n".join(result.errors)
        for warning in result.warnings:
            message += f"\nWARNING: {warning}"
        click.echo(f"delegation: {message}", err=True)

    def reload_on_hangup(signum, frame):
        # Off the event loop: a reload reads and validates every plan, which takes seconds on a
        # large plan, and must never stall the answers (nor kill the server when it fails).
        threading.Thread(target=reload_in_background, name="reload", daemon=True).start()

    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, reload_on_hangup)
    # The event loop shares the interpreter lock with the threads doing heavy work; handing the
    # lock over every millisecond (not every 5) keeps /healthz answered while batches run.
    sys.setswitchinterval(0.001)
    status = store.status()
    click.echo(f"delegation: serving http://{host}:{port}/", err=True)
    for plan_id, digest in status["plans"].items():
        click.echo(f"delegation: plan {plan_id}, rules {digest[:12]}", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        # The socket's address is the client's: no X-Forwarded-For from a proxy on this host
        # can make a visitor look like loopback (docs/security.md shows the proxy set-up).
        proxy_headers=False,
        limit_concurrency=limit_concurrency,
        timeout_keep_alive=timeout_keep_alive,
        h11_max_incomplete_event_size=16 * 1024,
    )
    if log is not None:  # when uvicorn returns rather than re-raising the signal it stopped on
        log.close()
