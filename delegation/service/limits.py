"""Bounded work: at most so many heavy requests at once; past that, each waits its turn a moment
in a short queue, fairly between clients, then 503 with Retry-After."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections import deque
from collections.abc import Iterable
from typing import Any

from ..messages import message_text
from .headers import HEADERS
from .http_errors import query_lang

# Batches, diffs, checks and web pages cost milliseconds to a second of CPU each, and share the
# interpreter lock with the event loop that answers /healthz and single decisions. Half a core's
# worth at once keeps the loop answering (measured with bench/abuse.py: 2 per core let /healthz
# reach a 145 ms median under 8 abusive clients, one per two cores 45 ms).
HEAVY_AT_ONCE = max(1, (os.cpu_count() or 1) // 2)
# What is light: answered on the event loop in microseconds to a millisecond. A JSON Schema is
# described once per process (contract.json_schema) and copied after that.
LIGHT = ("/healthz", "/static/", "/docs", "/openapi.json", "/admin/", "/schema/")
# Under /admin/ but heavy: a replay decides up to 100,000 logged cases again; a reload reads and
# validates every plan and settles the heap (a full collection): four loopback clients reloading
# back to back ran as many at once, and single decisions waited behind them.
HEAVY_ADMIN = ("/admin/log/replay", "/admin/reload")
# A single decision is light while its body is short: resolving a free text costs about 10 µs a
# character (a 300-character text 3 ms), and eight clients sending such texts back to back kept
# the event loop busy enough to hold /healthz at a 34 ms median. The resolver reads a text's first
# 300 characters (resolve.MAX_TEXT) whatever the body's length; at 400 bytes a case system's title
# with its facts and a reference crossed the line and waited behind batches (attack report).
LIGHT_DECIDE_BYTES = 1024


def heavy(method: str, path: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> bool:
    return place(method, path, headers) is not None


# API reads that compute (a diff of several plans, a check, a plan's history) are work, not pages;
# so is composing a plan (/sammensaet: 125-215 ms of CPU for a 35-byte query, where a page takes
# 5-40 ms), which held the pages' place from the visitors of every other page; and the rule tests
# (/test: every example of every plan decided again, half a second for the Aarhus plans).
_WORK_READS = ("/diff", "/check", "/history", "/sammensaet", "/test")
# A plan's reports: its graph (SVG and PNG run Graphviz, 0.5 s and more) and its document are
# work; a case type's bands and a body's duties cost what a page costs, and wait their turn as
# pages do. A case list and the list of bodies stay light.
_PLAN_WORK = ("graph", "render")
_PLAN_PAGES = ("cases/", "bodies/")


def place(method: str, path: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> str | None:
    """Which places a request takes: none (light), "pages" (a web page read) or "work" (a batch,
    a diff, a check, a case file, a long decision)."""
    if path.startswith(HEAVY_ADMIN):
        return "work"
    if path.startswith(LIGHT) or path == "/plans":
        return None
    if path == "/decide":  # a decision in every plan, or the one the body names: light while short
        return "work" if _long_body(headers) else None
    if path.startswith("/plans/"):
        # /plans/{id}/REST: what follows the plan's id, whatever a case's words hold after it
        # ("/plans/A/cases/x/decide" is a case type shown, not a decision)
        rest = path.split("/", 3)[3] if path.count("/") >= 3 else ""
        if rest == "decide":
            return "work" if _long_body(headers) else None
        if rest in ("decide/batch", *_PLAN_WORK):
            return "work"
        return "pages" if rest.startswith(_PLAN_PAGES) else None  # the lists of cases and bodies are light
    if method in ("GET", "HEAD") and not path.startswith(_WORK_READS):
        return "pages"
    return "work"


def _long_body(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """A body over LIGHT_DECIDE_BYTES, or one of unknown length: chunked, whatever Content-Length
    says beside it (h11 reads the chunks: "Content-Length: 10" with a chunked megabyte went light)."""
    length = None
    for name, value in headers:
        if name == b"transfer-encoding":
            return True
        if name == b"content-length":
            length = value
    return length is None or not length.isdigit() or int(length) > LIGHT_DECIDE_BYTES


# A page waits this long for a place, first come first served: one client asking for pages back
# to back (6 ms each) left the one place free for moments only, and another visitor got 503 for 87
# of 111 pages (attack report). At most PAGE_QUEUE wait.
PAGE_WAIT = 1.0
PAGE_QUEUE = 16
# Work waits its turn too, longer (a batch takes up to seconds): answered 503 at once, a client
# sending batches back to back took the place again the moment it left it, and every other client
# was refused, Retry-After or not. In turn, the next in the queue has it when it is left.
WORK_WAIT = 3.0
WORK_QUEUE = 8
# Waiting places one address may hold in each queue: a client opening many connections does not
# fill the queue ahead of the others, and an office behind one address (NAT) still has several.
# Behind the reverse proxy docs/security.md sets up, every client arrives from the loopback: its
# address is then the X-Real-IP header the proxy sets, trusted for this count only (a client
# that forges it gains no more than a direct client has, never a reload: api._reload_refused).
WAITING_PER_CLIENT = 4


class _Waiter:
    __slots__ = ("loop", "future", "handed")

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop, self.future, self.handed = loop, loop.create_future(), False


class _Gate:
    """Places of one kind. A place left is handed to the first waiter, if any; the state is kept
    under a lock, not on one event loop (tests and the server may run several)."""

    def __init__(self, size: int):
        self._lock = threading.Lock()
        self.free = size
        self._queue: deque[_Waiter] = deque()
        self._waiting: dict[str, int] = {}  # waiters per client address (not the loopback)

    def take(self) -> bool:
        """A place now, or False."""
        with self._lock:
            if self.free and not self._queue:
                self.free -= 1
                return True
            return False

    async def enter(self, wait: float, queue: int, client: str | None = None) -> bool:
        """A place now, or within `wait` seconds in turn behind at most `queue` others, of whom at
        most WAITING_PER_CLIENT from `client` (an address; None: not counted)."""
        with self._lock:
            if self.free and not self._queue:
                self.free -= 1
                return True
            if wait <= 0 or len(self._queue) >= queue:
                return False
            if client is not None and self._waiting.get(client, 0) >= WAITING_PER_CLIENT:
                return False
            waiter = _Waiter(asyncio.get_running_loop())
            self._queue.append(waiter)
            if client is not None:
                self._waiting[client] = self._waiting.get(client, 0) + 1
        try:
            await asyncio.wait_for(asyncio.shield(waiter.future), wait)
            return True
        except TimeoutError:
            return self._handed(waiter)
        except asyncio.CancelledError:  # the client left while it waited
            if self._handed(waiter):
                self.leave()
            raise
        finally:
            if client is not None:
                with self._lock:
                    left = self._waiting.pop(client) - 1
                    if left:
                        self._waiting[client] = left

    def _handed(self, waiter: _Waiter) -> bool:
        """Whether the waiter was handed a place (just as its wait ended); if not, it leaves the queue."""
        with self._lock:
            if not waiter.handed:
                self._queue.remove(waiter)
            return waiter.handed

    def leave(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self.free += 1
                    return
                waiter = self._queue.popleft()
                waiter.handed = True  # under the lock: a waiter timing out now sees it has the place
            try:
                waiter.loop.call_soon_threadsafe(_wake, waiter.future)
                return
            except RuntimeError:  # its event loop is closed: the place goes to the next, not lost
                continue


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class Limiter:
    """ASGI middleware: a heavy request holds one of HEAVY_AT_ONCE places of its kind for its whole
    life, or waits its turn for one, or is answered 503, before its body is read or parsed (parsing
    a 1,000-case batch alone costs the event loop milliseconds). It wraps the whole application, outside even
    Starlette's error layer, so that a refusal costs the event loop as little as it can: eight
    clients retrying at once as fast as they are refused send it a few hundred requests a second.

    Web pages have places of their own: one client sending batches, case files or slow bodies back
    to back held the only place, and every page was answered 503 while it did (attack report,
    2026-11-28: 476 of 476 pages in a minute). It can still hold the places for work."""

    def __init__(self, app: Any, size: int = HEAVY_AT_ONCE):
        self.app = app
        self._gates = {kind: _Gate(size) for kind in ("pages", "work")}
        self.size = size
        self.busy = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        kind = (
            place(scope["method"], scope["path"], scope.get("headers", ()))
            if scope["type"] == "http"
            else None
        )
        if kind is None:
            await self.app(scope, receive, send)
            return
        gate = self._gates[kind]
        wait, queue = (PAGE_WAIT, PAGE_QUEUE) if kind == "pages" else (WORK_WAIT, WORK_QUEUE)
        if not await gate.enter(wait, queue, _address(scope)):
            await _busy(send, scope)
            return
        self.busy += 1
        try:
            # A client that left while it waited its turn (uvicorn cancels nothing) is not worked
            # for: eight queued rule tests whose clients had gone ran one after another, a live
            # request waiting 1,6 s behind them (attack report, 2026-11-28), and so did batches
            # sent and abandoned. Its first message is asked for and given one turn of the loop:
            # a request without a body has it at once, one with a body has it when the body is
            # in, and a client gone says so. Nothing is waited for (a body over the limit is
            # refused from its declared length, before a byte of it comes), and the application
            # is handed the message as it was. A client that waits to be told to send its body
            # ("Expect: 100-continue") would be told so by asking: it is not asked.
            if not _expects_continue(scope):
                first = asyncio.ensure_future(receive())
                await asyncio.sleep(0)
                if first.done() and first.result()["type"] == "http.disconnect":
                    return
                receive = _replaying(first, receive)
            await self.app(scope, receive, send)
        finally:
            self.busy -= 1
            gate.leave()


def _replaying(first: asyncio.Future[Any], receive: Any) -> Any:
    """`receive`, its first message already asked for (`first`)."""
    pending = [first]

    async def replayed() -> Any:
        return await pending.pop() if pending else await receive()

    return replayed


def _expects_continue(scope: Any) -> bool:
    """An "Expect" header naming 100-continue among its expectations, as h11 reads it."""
    return any(
        name == b"expect" and b"100-continue" in (token.strip().lower() for token in value.split(b","))
        for name, value in scope.get("headers", ())
    )


def _address(scope: Any) -> str | None:
    """The client's address, where it tells clients apart: the socket's, or from the loopback (a
    proxy) the X-Real-IP it sets; None for a loopback client without it (not counted)."""
    client = scope.get("client")
    host = client[0] if client else None
    if host is not None and _loopback(host):
        host = next(
            (
                value.decode("latin-1")[:64]
                for name, value in scope.get("headers", ())
                if name == b"x-real-ip"
            ),
            None,
        )
    return None if host is None else str(host)


async def _busy(send: Any, scope: Any) -> None:
    lang = query_lang(scope)
    if lang not in _BUSY:
        message = message_text("http.busy", {}, lang)
        _BUSY[lang] = json.dumps(
            {"error": {"type": "busy", "message": message, "field": None, "key": "http.busy"}},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
    body = _BUSY[lang]
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", b"1"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,  # the Limiter is the outermost layer: the security headers are its own
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_BUSY: dict[str | None, bytes] = {}  # the 503's body in each language, made once


MAX_HEAD = 16 * 1024  # a request line and headers, as `serve` caps them when they arrive in parts
_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\ncontent-length: 0\r\nconnection: close\r\n"
    + b"".join(name + b": " + value + b"\r\n" for name, value in HEADERS)
    + b"\r\n"
)


HEAD_SECONDS = 10.0  # for a request's line and headers to arrive, on a new or a kept-alive connection
BODY_SECONDS = 20.0  # for its body to arrive after them (1 MB at most: 50 KB/s)
# For the client to read an answer once the socket's buffers are full: a client that sent 60
# requests down one connection and read nothing held a place for work or pages as long as it
# stayed open, its answer blocked in `send` (attack report, 2026-11-28).
WRITE_SECONDS = 20.0
MAX_PER_CLIENT = 32  # open connections from one address; beyond it a new one is closed at once


def _loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1")


def short_heads(protocol_class: Any) -> Any:
    """uvicorn's h11 protocol, refusing (431, connection closed) a request whose line and headers
    run past MAX_HEAD bytes in one read, before h11 parses them. h11 stops a head that grows past
    the limit across reads, but one that arrives whole it parses in full: a 100 KB request line
    cost the event loop a sixth of its time under bench/abuse.py, before anything could refuse it.

    It also closes a connection whose head has not arrived HEAD_SECONDS after it opened (or after
    its last answer), and a connection from an address that already holds MAX_PER_CLIENT: uvicorn
    times out only an idle kept-alive connection, so 200 connections that never sent a byte (or
    sent a head a byte at a time) took every slot of --limit-concurrency, for good. And it drops a
    connection whose client has not read its answer for WRITE_SECONDS."""
    import h11  # here: only the service, never `delegation decide`, needs it

    class ShortHeads(protocol_class):  # type: ignore[misc]
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._answers, self._body_wait, self._stalls = 0, -1, 0
            host = self.client[0] if self.client else None
            # Not for the loopback: behind the reverse proxy docs/security.md sets up, every client
            # arrives from it.
            if (
                host is not None
                and not _loopback(host)
                and sum(1 for c in self.connections if c.client and c.client[0] == host) > MAX_PER_CLIENT
            ):
                transport.close()
                return
            self._wait(h11.IDLE, HEAD_SECONDS)

        def _wait(self, state: Any, seconds: float) -> None:
            """Close the connection if, `seconds` from now, it is still in `state` (waiting for a
            request's head, or for its body) with no answer given meanwhile."""
            self.loop.call_later(seconds, self._late, state, self._answers)

        def _late(self, state: Any, answers: int) -> None:
            if (
                answers == self._answers
                and self.conn.their_state is state
                and not self.transport.is_closing()
            ):
                self.transport.close()

        def handle_events(self) -> None:
            super().handle_events()
            # The head is in and the body is coming: it has BODY_SECONDS. A body that never came
            # held the heavy slot the request had taken (503 to every page) as long as the socket.
            if self.conn.their_state is h11.SEND_BODY and self._body_wait != self._answers:
                self._body_wait = self._answers
                self._wait(h11.SEND_BODY, BODY_SECONDS)

        def on_response_complete(self) -> None:
            self._answers += 1
            super().on_response_complete()
            if not self.transport.is_closing():
                self._wait(h11.IDLE, HEAD_SECONDS)

        def pause_writing(self) -> None:
            """The socket's buffers are full: the client has until WRITE_SECONDS to read."""
            super().pause_writing()
            self._stalls += 1
            self.loop.call_later(WRITE_SECONDS, self._unread, self._stalls)

        def resume_writing(self) -> None:
            super().resume_writing()
            self._stalls += 1

        def _unread(self, stall: int) -> None:
            # abort, not close: close waits for the buffer the client does not read to drain. The
            # connection's loss resumes the blocked answer, which ends and leaves its place.
            if stall == self._stalls and not self.transport.is_closing():
                self.transport.abort()

        def data_received(self, data: bytes) -> None:
            if (
                len(data) > MAX_HEAD
                and self.conn.their_state is h11.IDLE
                and data.find(b"\r\n\r\n", 0, MAX_HEAD) < 0
            ):
                self.transport.write(_TOO_LARGE)
                self.transport.close()
                return
            super().data_received(data)

    return ShortHeads
