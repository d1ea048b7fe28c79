"""`delegation serve`: run the HTTP service on uvicorn."""

from __future__ import annotations

import signal
import sys
import threading

import click
from delegation.cli.main import cli, handles_errors, rules_option

from delegation.i18n import text


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@rules_option
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
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log every request to stderr, in uvicorn's access-log format.",
)
@click.pass_context
@handles_errors
def serve_command(ctx, host, port, admin_token, limit_concurrency, timeout_keep_alive, access_log):
    """Serve the decision API (POST /plans/{id}/decide ...); SIGHUP reloads the rules."""
    import uvicorn

    from delegation.service.api import create_app
    from delegation.service.store import PlanStore

    store = PlanStore(ctx.obj["rules"])
    app = create_app(store=store, admin_token=admin_token)

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
    folder = ctx.obj["rules_folder"]
    for plan_id, digest in store.status()["plans"].items():
        click.echo(text("da", "serve.plan", plan=plan_id, digest=digest[:12], folder=folder.path), err=True)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=_log_config(),
        access_log=access_log,
        # The socket's address is the client's: no X-Forwarded-For from a proxy on this host
        # can make a visitor look like loopback (docs/security.md shows the proxy set-up).
        proxy_headers=False,
        limit_concurrency=limit_concurrency,
        timeout_keep_alive=timeout_keep_alive,
        h11_max_incomplete_event_size=16 * 1024,
    )
    _announcing(uvicorn.Server)(config).run()


def _announcing(server_class):
    """uvicorn's server, saying the address once it listens: the port it really has (--port 0
    asks for a free one), and nothing when the address is taken (uvicorn says why). Made here, so
    that uvicorn is imported only when the service runs."""

    class Announcing(server_class):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if not self.started:
                return
            for server in self.servers:
                for listener in server.sockets:
                    host, port = listener.getsockname()[:2]
                    shown = f"[{host}]" if ":" in host else host
                    click.echo(text("da", "serve.listening", url=f"http://{shown}:{port}/"), err=True)

    return Announcing


def _log_config() -> dict:
    """uvicorn's logging set-up with its access log on stderr (its default is stdout) and its own
    start-up chatter left out: warnings and errors only, and the address said by the server."""
    from copy import deepcopy

    from uvicorn.config import LOGGING_CONFIG

    config = deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["formatters"]["access"]["use_colors"] = sys.stderr.isatty()
    config["formatters"]["default"]["use_colors"] = sys.stderr.isatty()
    config["loggers"]["uvicorn"]["level"] = "WARNING"
    config["loggers"]["uvicorn.error"]["level"] = "WARNING"
    return config
