"""`delegation serve`: run the HTTP service on uvicorn."""

from __future__ import annotations

import signal
import sys
import threading

import click
from delegation.cli.localized import say
from delegation.cli.main import _lang_option, cli, handles_errors, rules_option


@cli.command("serve", help="cmd.serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="serve.host")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="serve.port")
@rules_option
@click.option("--admin-token", envvar="DELEGATION_ADMIN_TOKEN", default=None, help="serve.admin_token")
@click.option(
    "--limit-concurrency",
    default=200,
    show_default=True,
    type=click.IntRange(1),
    help="serve.limit_concurrency",
)
@click.option(
    "--timeout-keep-alive",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="serve.timeout_keep_alive",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="serve.access_log")
@click.option(
    "--log",
    "log_url",
    envvar="DELEGATION_LOG",
    default=None,
    metavar="PATH|postgresql://...",
    help="serve.log",
)
@_lang_option
@click.pass_context
@handles_errors
def serve_command(
    ctx, host, port, admin_token, limit_concurrency, timeout_keep_alive, access_log, log_url, lang
):
    import uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol

    from delegation.service.api import create_app
    from delegation.service.limits import MAX_HEAD, short_heads
    from delegation.service.store import PlanStore, settle_heap

    store = PlanStore(ctx.obj["rules"], lang)
    log = None
    if log_url:
        from delegation.service.decisionlog import DecisionLog, redacted

        log = DecisionLog(log_url, lang=lang)  # an unreachable database stops the start here, in plain words
        click.echo(say("serve.log_open", lang=lang, url=redacted(log_url)), err=True)
    app = create_app(store=store, admin_token=admin_token, log=log)
    if log is not None:
        # After the app's own shutdown hook has closed (flushed) the log: uvicorn then re-raises
        # the SIGTERM or SIGINT it stopped on, so nothing after the server's run may be relied on.
        def closed() -> None:
            status = log.status()
            click.echo(
                say("serve.log_closed", lang=lang, written=status["written"], lost=status["lost"]), err=True
            )

        app.router.on_shutdown.append(closed)

    def reload_in_background() -> None:
        result = store.reload()
        if result.reloaded:
            settle_heap()
        # In the reload's own thread: the language is the one the server was started with.
        lines = [say("serve.reloaded", lang=lang)] if result.reloaded else [say("serve.refused", lang=lang)]
        lines += result.errors if not result.reloaded else []
        lines += [say("serve.warning", lang=lang, warning=warning) for warning in result.warnings]
        click.echo("\n".join(lines), err=True)

    def reload_on_hangup(signum, frame):
        # Off the event loop: a reload reads and validates every plan, which takes seconds on a
        # large plan, and must never stall the answers (nor kill the server when it fails).
        threading.Thread(target=reload_in_background, name="reload", daemon=True).start()

    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, reload_on_hangup)
    # The event loop shares the interpreter lock with the threads doing heavy work; handing the
    # lock over every 0.2 ms (not every 5) keeps /healthz answered while batches run (bench/
    # abuse.py, 8 clients: /healthz median 21 ms and p99 54 ms, against 26 and 64 ms at 1 ms).
    sys.setswitchinterval(0.0002)
    settle_heap()
    folder = ctx.obj["rules_folder"]
    for plan_id, digest in store.status()["plans"].items():
        click.echo(
            say("serve.plan", lang=lang, plan=plan_id, digest=digest[:12], folder=folder.path), err=True
        )
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
        h11_max_incomplete_event_size=MAX_HEAD,
        http=short_heads(H11Protocol),
    )
    _announcing(uvicorn.Server, lang)(config).run()
    if log is not None:  # when uvicorn returns rather than re-raising the signal it stopped on
        log.close()


def _announcing(server_class, lang: str):
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
                    click.echo(say("serve.listening", lang=lang, url=f"http://{shown}:{port}/"), err=True)

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
