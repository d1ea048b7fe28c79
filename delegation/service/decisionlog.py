"""The decision log: each answer the service gives, with its receipt, written by a background writer.

SQLite (a file path, the standard library's sqlite3) is the embedded default; PostgreSQL
(`postgresql://...`, through psycopg, imported only then) serves several replicas behind one load
balancer. A decision is never held up by the database: `record` queues the entry (microseconds)
and a writer thread writes the queue in batches, one transaction each. When the database goes
away the entries wait in the queue and are retried; past `max_pending` they are counted as lost
and said so, never dropped in silence. `close` writes what is queued before the service ends.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from pydantic import BaseModel

from ..engine.decision import Decision
from ..errors import InputError, Problem
from ..i18n import text
from ..messages import default_lang

logger = logging.getLogger("delegation.log")

COLUMNS = (
    "logged_at",
    "request_id",
    "reference",
    "plan",
    "case_type",
    "decides",
    "as_of",
    "request",
    "decision",
)
_CREATE = """CREATE TABLE IF NOT EXISTS decisions (
    id {serial} PRIMARY KEY,
    logged_at TEXT NOT NULL,
    request_id TEXT NOT NULL,
    reference TEXT,
    plan TEXT NOT NULL,
    case_type TEXT,
    decides TEXT,
    as_of TEXT,
    request TEXT NOT NULL,
    decision TEXT NOT NULL
)"""
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS decisions_logged_at ON decisions (logged_at)",
    "CREATE INDEX IF NOT EXISTS decisions_plan_case ON decisions (plan, case_type)",
)


@dataclass(frozen=True)
class Entry:
    """One answer as it is logged: when (seconds since the epoch), the request's id, the caller's
    reference, what was asked (enough to ask it again: a dict, or the request model, written by
    its own serialiser) and the decision with its receipt. Everything is turned into text by the
    writer, off the answer's path."""

    at: float
    request_id: str
    reference: str | None
    request: dict[str, Any] | BaseModel
    decision: Decision
    # The decision's JSON when the answer already made it (the response body): not made twice.
    decision_json: str | None = None

    def row(self) -> tuple[str | None, ...]:
        decision, request = self.decision, self.request
        return (
            stamp(self.at),
            self.request_id,
            # PostgreSQL's text refuses NUL: a caller's reference holding one must not block the queue
            self.reference.replace("\x00", "\ufffd") if self.reference else self.reference,
            decision.plan,
            decision.case_type.id if decision.case_type else None,
            decision.decides,
            decision.receipt.as_of if decision.receipt else None,
            request.model_dump_json(exclude={"reference"})
            if isinstance(request, BaseModel)
            else json.dumps(request, ensure_ascii=False, separators=(",", ":")),
            self.decision_json or decision.to_json(indent=None),
        )


class Backend(Protocol):
    """A connection to the log's database: write rows, read rows."""

    placeholder: str

    def write(self, rows: Sequence[tuple[str | None, ...]]) -> None: ...
    def select(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]: ...
    def close(self) -> None: ...


def _checked(path: Path) -> None:
    """A log file that another user owns, or that others may write, is refused: as the cache
    folder's owner and mode are checked (cachedir.py). One made 0666 by nobody was written to."""
    info = path.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise InputError(Problem("log.unsafe", {"path": str(path)}, field="log"))


class SqliteBackend:
    """A log file on this host (WAL: the writer never blocks a reader such as `delegation log`)."""

    placeholder = "?"

    def __init__(self, path: str, read_only: bool = False) -> None:
        import sqlite3

        if read_only:  # a reader never makes a file, nor a table, where it was told a log is
            uri = "file:" + quote(str(Path(path).absolute())) + "?mode=ro"
            self.connection = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
            self.connection.execute("SELECT 1 FROM decisions LIMIT 0")  # not a log: said at once
            return
        if path != ":memory:" and Path(path).exists():
            _checked(Path(path))
        elif path != ":memory:":
            # The log holds what users asked: readable by the service's user alone (SQLite gives
            # its -wal and -shm files the database's mode). An existing file keeps its owner's mode.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.connection = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")  # WAL keeps committed rows on a crash
        with self.connection:
            self.connection.execute(_CREATE.format(serial="INTEGER"))
            for index in _INDEXES:
                self.connection.execute(index)

    def write(self, rows: Sequence[tuple[str | None, ...]]) -> None:
        with self.connection:
            self.connection.executemany(_INSERT.format(marks=", ".join("?" * len(COLUMNS))), rows)

    def select(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        return list(self.connection.execute(sql, params))

    def close(self) -> None:
        self.connection.close()


class PostgresBackend:
    """A log in PostgreSQL, shared by every replica of the service."""

    placeholder = "%s"

    def __init__(self, url: str) -> None:
        import psycopg  # here: only a PostgreSQL log pays for importing it

        self.connection = psycopg.connect(url, connect_timeout=5, autocommit=False)
        with self.connection.transaction():
            self.connection.execute(_CREATE.format(serial="BIGSERIAL"))
            for index in _INDEXES:
                self.connection.execute(index)

    def write(self, rows: Sequence[tuple[str | None, ...]]) -> None:
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.executemany(_INSERT.format(marks=", ".join(["%s"] * len(COLUMNS))), rows)

    def select(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.execute(sql.encode(), params)
            return list(cursor.fetchall())

    def close(self) -> None:
        self.connection.close()


_INSERT = "INSERT INTO decisions (" + ", ".join(COLUMNS) + ") VALUES ({marks})"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def connect(url: str, read_only: bool = False) -> Backend:
    """A connection to the log at `url` (a file path, sqlite:///path or postgresql://...);
    InputError, in plain words, when it cannot be opened. `read_only` (the readers): an SQLite
    log must exist already, and is opened read-only."""
    try:
        if is_postgres(url):
            try:
                return PostgresBackend(url)
            except ImportError as error:
                raise InputError(Problem("log.no_psycopg", field="log")) from error
        if "://" in url and not url.startswith("sqlite:///"):
            raise InputError(Problem("log.scheme", {"url": redacted(url)}, field="log"))
        path = url.removeprefix("sqlite://")
        if path.startswith("//"):  # sqlite:////var/log/x.db, as SQLAlchemy writes an absolute path
            path = path[1:]  # "//var" would be read as a URI's host ("invalid uri authority")
        if not Path(path).parent.is_dir():
            raise InputError(Problem("log.folder", {"path": path}, field="log"))
        if read_only and not Path(path).is_file():
            raise InputError(Problem("log.missing", {"path": path}, field="log"))
        return SqliteBackend(path, read_only)
    except InputError:
        raise
    except Exception as error:  # the driver's own error: unreachable host, refused login, locked file
        raise InputError(
            Problem("log.unreachable", {"url": redacted(url), "error": _first_line(error)}, field="log")
        ) from error


def redacted(url: str) -> str:
    """The URL without its password (user:password@, or a query parameter such as ?password=,
    sslpassword= or passfile=), for messages and the service's log."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    rest, mark, query = rest.partition("?")
    if mark:
        query = "&".join(_hidden(pair) for pair in query.split("&"))
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        if ":" in credentials:
            rest = f"{credentials.split(':', 1)[0]}:***@{host}"
    return f"{scheme}://{rest}{mark}{query}"


def _hidden(pair: str) -> str:
    """A query parameter, its value hidden when it is a secret or the path to one."""
    name, equals, _ = pair.partition("=")
    secret = any(word in name.lower() for word in _SECRET_PARAMETERS)
    return f"{name}=***" if equals and secret else pair


# libpq's password, sslpassword and passfile, and anything else that looks like a secret
_SECRET_PARAMETERS = ("pass", "secret", "token", "sslkey")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def stamp(at: float) -> str:
    """The time of an entry as the log keeps it: UTC, to the microsecond (sorts as text)."""
    return dt.datetime.fromtimestamp(at, dt.UTC).isoformat(timespec="microseconds")


def now() -> str:
    """The time now as the log keeps it."""
    return stamp(time.time())


class DecisionLog:
    """The service's writer: `record` queues, a thread writes batches, `close` flushes."""

    def __init__(
        self,
        url: str,
        *,
        batch_size: int = 2000,
        interval: float = 0.2,
        max_pending: int = 100_000,
        retry: float = 1.0,
        lang: str | None = None,
    ) -> None:
        self.url = url
        self.lang = lang or default_lang()  # of the lines it writes to the service's log
        self.backend: Backend | None = connect(url)  # raises at start when the database is unreachable
        self.batch_size, self.interval, self.max_pending, self.retry = (
            batch_size,
            interval,
            max_pending,
            retry,
        )
        self.pending: deque[Entry] = deque()
        self.written = self.lost = self.failures = 0
        self.last_error: str | None = None
        self.failing_since: str | None = None
        self._wake = threading.Condition()
        self._stopping = self._closed = False
        # The writer still running when `close` gave up waiting: what it writes after that is
        # moved from lost to written, and it closes its own connection (`_done`: it has stopped).
        self._abandoned = self._done = False
        self._closed_lost = 0  # entries recorded after `close`
        self._deadline: float | None = None  # when closing: how long a failing database is retried
        self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
        self._thread.start()

    def record(self, entry: Entry) -> None:
        """Queue an entry; the caller's answer never waits for the database."""
        with self._wake:
            if self._closed:  # nothing would write it: counted and said, never queued in silence
                self.lost += 1
                self._closed_lost += 1
                if self._closed_lost == 1 or self._closed_lost % 1000 == 0:
                    logger.error(
                        text(self.lang, "log.lost_closed", count=self._closed_lost, url=redacted(self.url))
                    )
                return
            if len(self.pending) >= self.max_pending:
                self.lost += 1
                if self.lost == 1 or self.lost % 1000 == 0:
                    logger.error(text(self.lang, "log.lost", count=self.lost, url=redacted(self.url)))
                return
            self.pending.append(entry)
            if len(self.pending) >= self.batch_size:
                self._wake.notify()

    def room(self, count: int = 1) -> bool:
        """Whether `count` more entries fit in the queue: the service refuses a decision it could
        not log (503) rather than answer it unlogged. A flood of batches from any caller outran
        the writer and lost 62.000 entries while /healthz said "ok" (attack report, 2026-11-28)."""
        return not self._closed and len(self.pending) + count <= self.max_pending

    def status(self) -> dict[str, Any]:
        """What /healthz says about the log: its kind and counts, never its address or the
        driver's error (they name hosts, ports and paths; the service's own log has them).
        "failing" while the database fails, "lost" once an entry was lost."""
        return {
            "backend": "postgresql" if is_postgres(self.url) else "sqlite",
            "status": "failing" if self.last_error else "lost" if self.lost else "ok",
            "written": self.written,
            "pending": len(self.pending),
            "lost": self.lost,
        }

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued entry is written (True), or the timeout passes (False)."""
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            with self._wake:
                self._wake.notify()
            time.sleep(0.005)
        return not self.pending

    def close(self, timeout: float = 30.0) -> None:
        """Write what is queued and stop; entries the database would not take by the timeout are
        counted as lost and said so in the service's log. Closing twice does nothing."""
        with self._wake:
            if self._closed:
                return
            self._closed = self._stopping = True
            self._wake.notify()
        self._thread.join(timeout)
        with self._wake:
            left = len(self.pending)
            if left:
                self.lost += left
                logger.error(text(self.lang, "log.lost_at_exit", count=left, url=redacted(self.url)))
            if not self._done:
                # Still writing a batch: the queue and the connection stay the thread's, which
                # stops after this batch; what is left is counted as lost above.
                self._abandoned = True
                return
            self.pending.clear()
        self._close_backend()

    def _close_backend(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except Exception:  # closing a connection the server already dropped
                pass
            self.backend = None

    def _take(self) -> list[Entry] | None:
        """The next batch (oldest first, left in the queue until written), or None to stop."""
        with self._wake:
            while not self.pending and not self._stopping:
                self._wake.wait(self.interval)
            if not self.pending or self._abandoned:
                return None
            return list(itertools.islice(self.pending, self.batch_size))

    def _run(self) -> None:
        try:
            self._write()
        finally:
            with self._wake:
                self._done = True
                abandoned = self._abandoned
            if abandoned:
                self._close_backend()

    def _write(self) -> None:
        while True:
            if not self._stopping:
                time.sleep(self.interval)  # let a batch gather: one transaction for many answers
            batch = self._take()
            if batch is None:
                return
            try:
                if self.backend is None:
                    self.backend = connect(self.url)
                self.backend.write([entry.row() for entry in batch])
            except Exception as error:
                self._failed(error)
                if self._abandoned or (self._stopping and time.monotonic() > self._stop_deadline()):
                    return
                time.sleep(self.retry)
                continue
            with self._wake:
                for _ in batch:
                    self.pending.popleft()
                self.written += len(batch)
                if self._abandoned:  # counted as lost by `close`, and written after all
                    self.lost -= len(batch)
            if self.last_error is not None:
                logger.warning(text(self.lang, "log.recovered", url=redacted(self.url), count=len(batch)))
                self.last_error = self.failing_since = None

    def _failed(self, error: BaseException) -> None:
        self.failures += 1
        if self.last_error is None:
            self.failing_since = now()
            logger.error(text(self.lang, "log.failing", url=redacted(self.url), error=_first_line(error)))
        self.last_error = _first_line(error)
        backend, self.backend = self.backend, None  # reconnect on the next try
        if backend is not None:
            try:
                backend.close()
            except Exception:
                pass

    def _stop_deadline(self) -> float:
        if self._deadline is None:
            self._deadline = time.monotonic() + 3 * self.retry
        return self._deadline


def rows(
    backend: Backend, where: str, params: Sequence[object], limit: int | None
) -> Iterator[dict[str, Any]]:
    """Logged entries matching a WHERE clause (written with `?` marks), oldest first."""
    sql = "SELECT id, " + ", ".join(COLUMNS) + " FROM decisions" + (f" WHERE {where}" if where else "")
    sql += " ORDER BY logged_at, id" + (f" LIMIT {int(limit)}" if limit else "")
    if backend.placeholder != "?":
        sql = sql.replace("?", backend.placeholder)
    for row in backend.select(sql, params):
        record = dict(zip(("id", *COLUMNS), row))
        record["request"] = json.loads(record["request"])
        record["decision"] = json.loads(record["decision"])
        yield record
