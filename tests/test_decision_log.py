"""The decision log on SQLite and on a real PostgreSQL: writing behind the answers, flushing on
shutdown, listing, filtering, exporting, replaying, and a database that is away at start or goes
away while the service runs."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import UDVALGSKOMMUNE

import delegation
from delegation.errors import InputError
from delegation.service.decisionlog import DecisionLog, Entry
from delegation.service.logbook import LogFilter, read_log

PG = os.environ.get("DELEGATION_TEST_PG")
SCRIPT = Path(sys.executable).with_name("delegation")
MUNICIPALITY = UDVALGSKOMMUNE.parent


def _admin():
    """A connection to the test server's maintenance database, or a skip saying why there is none."""
    if not PG:
        pytest.skip(
            "no PostgreSQL server: DELEGATION_TEST_PG is not set (.ci/run starts one with .ci/postgres)"
        )
    import psycopg

    try:
        return psycopg.connect(PG, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"the PostgreSQL server at DELEGATION_TEST_PG does not answer: {error}")


@pytest.fixture
def pg_database():
    """A fresh database on the test server: (its URL, an admin connection, its name)."""
    admin = _admin()
    name = "log_" + uuid.uuid4().hex[:12]
    admin.execute(f"CREATE DATABASE {name}")
    yield PG.rsplit("/", 1)[0] + "/" + name, admin, name
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def log_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "decisions.sqlite")
    return request.getfixturevalue("pg_database")[0]


def _entry(plan, case, facts, reference=None, request_id="r"):
    decision = delegation.decide(plan, case, facts)
    return Entry(
        dt.datetime.now(dt.UTC).timestamp(),
        request_id,
        reference,
        {"case": case, "facts": facts, "lang": "da"},
        decision,
    )


def test_entries_are_written_in_the_background_and_filtered(log_url):
    a, b = delegation.load("A"), delegation.load("B")
    log = DecisionLog(log_url)
    for index in range(300):  # more than one batch
        log.record(_entry(a, "erhvervspuljen", {"amount": 300_000 + index}, f"sag-{index}", f"r{index}"))
    log.record(_entry(b, "kommuneplan", {}, "sag-kp"))
    log.close()
    assert log.status()["written"] == 301 and log.status()["lost"] == 0
    everything = list(read_log(log_url))
    assert len(everything) == 301
    assert [e["reference"] for e in everything[:2]] == ["sag-0", "sag-1"]
    assert (
        everything[0]["decision"]["receipt"]["rules_sha256"]
        == delegation.decide(a, "kommuneplan").receipt.rules_sha256
    )
    assert len(list(read_log(log_url, LogFilter(plan="B")))) == 1
    assert len(list(read_log(log_url, LogFilter(case_type="erhvervspuljen", limit=5)))) == 5
    assert [e["case_type"] for e in read_log(log_url, LogFilter(body="byraadet"))] == ["kommuneplan"]
    today = dt.datetime.now(dt.UTC).date()
    assert len(list(read_log(log_url, LogFilter(since=today, until=today)))) == 301
    assert list(read_log(log_url, LogFilter(until=today - dt.timedelta(days=1)))) == []


def test_cli_lists_exports_and_replays(run, log_url):
    log = DecisionLog(log_url)
    a = delegation.load("A")
    log.record(_entry(a, "erhvervspuljen", {"amount": 300_000}, "sag-1"))
    log.record(_entry(a, "kommuneplan", {}, "sag-2"))
    log.close()
    listed = run("log", "--db", log_url)
    assert listed.exit_code == 0, listed.output
    assert "erhvervspuljen" in listed.output and "[sag-2]" in listed.output
    assert listed.output.splitlines()[-1] == "2 poster"
    exported = run("log", "--db", log_url, "--jsonl", "--case", "kommuneplan")
    assert [json.loads(line)["reference"] for line in exported.output.splitlines()] == ["sag-2"]
    # Plan B briefs the standing committee before the pool's grants (its added duty to brief);
    # the municipal plan stays with the council in both drafts.
    replayed = run("log", "--db", log_url, "replay", "--plan", "B")
    assert replayed.exit_code == 0, replayed.output
    assert (
        replayed.output.splitlines()[-1]
        == "1 af 2 loggede afgørelser ville være truffet anderledes efter plan B."
    )
    report = json.loads(run("log", "--db", log_url, "replay", "--plan", "B", "--json").output)
    [change] = report["changed"]
    assert change["reference"] == "sag-1" and change["before"]["inform"] == []
    assert change["after"]["inform"] == [
        {"body": "oeu", "when": "before", "channel": "meeting", "frequency": None}
    ]
    bad = run("log", "--db", log_url, "--from", "2026-02-30")
    assert bad.exit_code == 2 and "datoen 2026-02-30 findes ikke i kalenderen" in bad.output


def test_a_database_that_cannot_be_opened_at_start_is_a_clear_error(tmp_path):
    with pytest.raises(
        InputError, match="kan ikke åbne beslutningsloggen postgresql://x:\\*\\*\\*@127.0.0.1:1/none"
    ):
        DecisionLog("postgresql://x:secret@127.0.0.1:1/none")
    with pytest.raises(InputError, match="mappen til beslutningsloggen"):
        DecisionLog(str(tmp_path / "no" / "such" / "log.sqlite"))
    done = subprocess.run(
        [str(SCRIPT), "serve", "--port", "0", "--log", "postgresql://x:secret@127.0.0.1:1/none"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 2
    assert "fejl: kan ikke åbne beslutningsloggen postgresql://x:***@127.0.0.1:1/none" in done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(url, payload=None, headers=None):
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        url, data=data, headers={"content-type": "application/json", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read()), dict(response.headers)


def _serve(tmp_path, log_url, *extra):
    port = _free_port()
    process = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", str(port), "--rules", str(MUNICIPALITY), "--log", log_url, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"DELEGATION_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _call(base + "/healthz")
            return base, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"server did not start: {process.stderr.read()}")
            time.sleep(0.1)


def _stop(process):
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    # uvicorn shuts down cleanly, then re-raises the signal it stopped on
    assert process.returncode in (0, -signal.SIGTERM), errors
    assert "Traceback" not in errors
    return errors


def _lines(url, headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return [json.loads(line) for line in response.read().decode().splitlines()]


def test_the_real_server_logs_every_answer_and_flushes_on_shutdown(tmp_path, log_url):
    base, process = _serve(tmp_path, log_url, "--admin-token", "s3cret")
    try:
        answer, headers = _call(
            base + "/decide",
            {
                "case": "vejprojekt",
                "facts": {"anlaegssum": "15 mio."},
                "as_of": "2026-03-12",
                "reference": "J.nr. 2026-17",
            },
            {"x-request-id": "lb-1234"},
        )
        assert (answer["plan"], answer["decides"], answer["receipt"]["as_of"]) == (
            "K2026",
            "kommunalbestyrelsen",
            "2026-03-12",
        )
        assert headers["x-request-id"] == "lb-1234"
        draft, headers = _call(
            base + "/plans/K2027/decide", {"case": "boligbyggeri", "facts": {"antal_boliger": 12}}
        )
        assert draft["receipt"]["status"] == "draft" and len(headers["x-request-id"]) == 32
        batch, _ = _call(
            base + "/plans/K2026B/decide/batch",
            {"cases": [{"case": "vejprojekt", "facts": {"anlaegssum": 5}}] * 3},
        )
        assert len(batch["decisions"]) == 3
        health, _ = _call(base + "/healthz")
        assert health["status"] == "ok" and health["log"]["status"] == "ok" and health["log"]["lost"] == 0
        # The log's kind and counts only: never its address (a path, a host, a password)
        assert set(health["log"]) == {"backend", "status", "written", "pending", "lost"}
        assert health["log"]["backend"] == ("sqlite" if "://" not in log_url else "postgresql")
        assert log_url.split("://")[-1].split("@")[-1] not in json.dumps(health)
        # A reference that would forge a line in the log, or drive a terminal, is refused.
        for forged in ("X\n2026-01-01T00:00:00 K2026 forged", "sag\x1b[2J"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                _call(base + "/decide", {"case": "vejprojekt", "as_of": "2026-03-12", "reference": forged})
            assert refused.value.code == 422
            assert json.loads(refused.value.read())["error"]["field"] == "reference"
        for day, message in (
            ("2026-02-30", "datoen 2026-02-30 findes ikke i kalenderen"),
            ("2025-06-01", "Den 1. juni 2025 ligger før den første plan for Eksempel Kommune trådte i kraft"),
        ):
            with pytest.raises(urllib.error.HTTPError) as refused:
                _call(base + "/decide", {"case": "vejprojekt", "as_of": day})
            error = json.loads(refused.value.read())["error"]
            assert (
                refused.value.code == 422
                and error["field"] == "as_of"
                and error["message"].startswith(message)
            )
        # The log over HTTP, for the admin token's holder only
        _health_until(base, lambda h: h["log"]["written"] == 5)
        token = {"authorization": "Bearer s3cret"}
        [logged] = _lines(base + "/admin/log?plan=K2026", token)
        assert (logged["reference"], logged["request_id"]) == ("J.nr. 2026-17", "lb-1234")
        assert len(_lines(base + "/admin/log?from=2026-01-01&limit=2", token)) == 2
        with pytest.raises(urllib.error.HTTPError) as refused:
            _lines(base + "/admin/log?lang=en", {"authorization": "Bearer wrong"})
        error = json.loads(refused.value.read())["error"]
        assert refused.value.code == 401 and error["key"] == "http.log.token"
        assert error["message"].startswith("the decision log can be read over HTTP only with the admin token")
        # Under K2026B: 15 mio. goes to the committee (was the council in K2026), 12 homes to the
        # department's default (the draft K2027 gives them to the committee); the batch was K2026B's.
        report, _ = _call(base + "/admin/log/replay?plan=K2026B", None, token)
        assert (report["entries"], [c["reference"] for c in report["changed"]]) == (
            5,
            ["J.nr. 2026-17", None],
        )
        past, _ = _call(base + "/history?case=vejprojekt")
        assert [(s["plan"], s["change"]) for s in past["steps"]][:2] == [
            ("K2026", "first"),
            ("K2026B", "changed"),
        ]
    finally:
        errors = _stop(process)
    assert "beslutningsloggen er lukket, 5 skrevet, 0 tabt" in errors
    entries = list(read_log(log_url))
    assert [(e["plan"], e["reference"], e["as_of"]) for e in entries[:2]] == [
        ("K2026", "J.nr. 2026-17", "2026-03-12"),
        ("K2027", None, None),
    ]
    assert entries[0]["request_id"] == "lb-1234"
    assert [e["request_id"].split("/")[-1] for e in entries[2:]] == ["1", "2", "3"]
    assert entries[0]["request"]["facts"] == {"anlaegssum": "15 mio."}


def test_two_replicas_write_one_postgresql_log(tmp_path, pg_database):
    url, _, _ = pg_database
    first, first_process = _serve(tmp_path, url)
    second, second_process = _serve(tmp_path, url)
    try:
        for index in range(10):
            base = first if index % 2 else second
            _call(base + "/plans/K2026/decide", {"case": "lokalplan", "reference": f"sag-{index}"})
    finally:
        _stop(first_process)
        _stop(second_process)
    assert sorted(e["reference"] for e in read_log(url)) == sorted(f"sag-{index}" for index in range(10))


def _health_until(base, wanted, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        health, _ = _call(base + "/healthz")
        if wanted(health) or time.monotonic() > deadline:
            return health
        time.sleep(0.1)


def test_a_database_that_goes_away_does_not_stop_decisions(tmp_path, pg_database):
    url, admin, name = pg_database
    base, process = _serve(tmp_path, url)
    try:
        _call(base + "/plans/K2026/decide", {"case": "lokalplan", "reference": "before"})
        _health_until(base, lambda h: h["log"]["written"] == 1)
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        for index in range(3):  # answered while the log is away
            answer, _ = _call(
                base + "/plans/K2026/decide", {"case": "lokalplan", "reference": f"away-{index}"}
            )
            assert answer["decides"] == "kommunalbestyrelsen"
        health = _health_until(base, lambda h: h["log"]["status"] == "failing")
        assert health["status"] == "degraded" and health["log"]["pending"] == 3
        assert "127.0.0.1" not in json.dumps(health) and name not in json.dumps(health)
        admin.execute(f"CREATE DATABASE {name}")
        health = _health_until(base, lambda h: h["log"]["status"] == "ok" and h["log"]["pending"] == 0)
        assert health["status"] == "ok" and health["log"]["written"] == 4 and health["log"]["lost"] == 0
    finally:
        errors = _stop(process)
    assert "beslutningsloggen postgresql://" in errors and "svarer ikke" in errors and "svarer igen" in errors
    assert [e["reference"] for e in read_log(url)] == ["away-0", "away-1", "away-2"]


def test_entries_past_the_queue_are_counted_as_lost_never_dropped_in_silence(pg_database, caplog):
    url, admin, name = pg_database
    log = DecisionLog(url, max_pending=2, retry=0.1)
    plan = delegation.load(UDVALGSKOMMUNE)
    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
    for index in range(5):
        log.record(_entry(plan, "lokalplan", {}, f"sag-{index}"))
    assert (log.status()["pending"], log.status()["lost"]) == (2, 3)
    assert "beslutningsloggens kø er fuld" in caplog.text
    admin.execute(f"CREATE DATABASE {name}")
    assert log.flush(timeout=30)
    log.close()
    assert [e["reference"] for e in read_log(url)] == ["sag-0", "sag-1"]


def test_the_decide_path_never_imports_the_log(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "from delegation.cli.entry import main; main()",
            "decide",
            "erhvervspuljen",
            "--plan",
            "A",
            "--amount",
            "300000",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,  # `python -c` puts the working directory first: the installed package, not the source
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "delegation.service.decisionlog" not in imported
    assert not {"psycopg", "sqlite3"} & imported


def test_a_reference_with_a_nul_never_blocks_the_queue(log_url):
    log = DecisionLog(log_url)
    plan = delegation.load(UDVALGSKOMMUNE)
    log.record(_entry(plan, "lokalplan", {}, "sag\x00-1"))  # PostgreSQL's text refuses NUL
    log.record(_entry(plan, "lokalplan", {}, "sag-2"))
    log.close()
    assert (log.status()["written"], log.status()["lost"]) == (2, 0)
    assert [e["reference"] for e in read_log(log_url)] == ["sag\ufffd-1", "sag-2"]


def test_the_log_over_http_needs_the_admin_token(tmp_path):
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    log = DecisionLog(str(tmp_path / "log.sqlite"))
    try:
        client = TestClient(create_app(MUNICIPALITY, log=log))
        answer = client.get("/admin/log")
        assert answer.status_code == 403 and "administratornøglen" in answer.json()["error"]["message"]
        assert answer.json()["error"]["key"] == "http.log.token"
        english = client.get("/admin/log/replay?plan=K2026&lang=en").json()["error"]
        assert english["key"] == "http.log.token" and "only with the admin token" in english["message"]
    finally:
        log.close()


def test_redacted_hides_passwords_in_the_address_and_its_query():
    from delegation.service.decisionlog import redacted

    assert redacted("postgresql://h/db?password=s3cret") == "postgresql://h/db?password=***"
    assert (
        redacted("postgresql://u:pw@h:5432/db?sslmode=require&sslpassword=k3y&passfile=/etc/pgpass")
        == "postgresql://u:***@h:5432/db?sslmode=require&sslpassword=***&passfile=***"
    )
    assert redacted("postgresql://u@h/db?application_name=x") == "postgresql://u@h/db?application_name=x"
    assert redacted("/var/lib/log.sqlite") == "/var/lib/log.sqlite"


def test_reading_a_log_that_is_not_there_is_exit_2_and_makes_no_file(run, tmp_path):
    typo = tmp_path / "typo.db"
    listed = run("log", "--db", str(typo))
    assert listed.exit_code == 2 and f"beslutningsloggen {typo} findes ikke" in listed.output
    english = run("log", "--db", str(typo), "--lang", "en", "replay", "--plan", "B")
    assert english.exit_code == 2 and f"the decision log {typo} does not exist" in english.output
    assert not typo.exists()
    # A file that is no decision log is said so too, and left as it was.
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    refused = run("log", "--db", str(other))
    assert refused.exit_code == 2 and "kan ikke åbne beslutningsloggen" in refused.output
    assert other.read_bytes() == b""
    done = subprocess.run(
        [str(SCRIPT), "log", "--db", str(typo)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 2 and "findes ikke" in done.stderr and not typo.exists()


def test_a_listed_entry_never_prints_control_characters(run, tmp_path):
    url = str(tmp_path / "log.sqlite")
    log = DecisionLog(url)
    a = delegation.load("A")
    # Written to the database directly (the HTTP service refuses such a reference, see test_service)
    log.record(_entry(a, "kommuneplan", {}, "X\n2026-01-01T00:00:00 A  forged  byraadet \x1b[2J"))
    log.close()
    listed = run("log", "--db", url)
    assert listed.exit_code == 0, listed.output
    assert len(listed.output.splitlines()) == 2  # the entry and the count: no forged line
    assert "[X\\n2026-01-01T00:00:00 A  forged  byraadet \\x1b[2J]" in listed.output
    assert "\x1b" not in listed.output


def test_a_record_after_close_is_counted_as_lost_and_said(tmp_path, caplog):
    plan = delegation.load(UDVALGSKOMMUNE)
    log = DecisionLog(str(tmp_path / "log.sqlite"), lang="en")
    log.record(_entry(plan, "lokalplan", {}, "before"))
    log.close()
    log.record(_entry(plan, "lokalplan", {}, "after"))
    assert (log.status()["written"], log.status()["pending"], log.status()["lost"]) == (1, 0, 1)
    assert "the decision log" in caplog.text and "is closed: 1 entries lost" in caplog.text
    assert [e["reference"] for e in read_log(str(tmp_path / "log.sqlite"))] == ["before"]


def test_close_leaves_a_writer_that_is_still_writing_its_connection(tmp_path):
    import sqlite3

    path = str(tmp_path / "log.sqlite")
    plan = delegation.load(UDVALGSKOMMUNE)
    log = DecisionLog(path)
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")  # the writer waits for this lock (its timeout: 10 s)
    for index in range(3):
        log.record(_entry(plan, "lokalplan", {}, f"sag-{index}"))
    log.close(timeout=0.5)
    assert log._thread.is_alive() and log.status()["lost"] == 3  # said at close: not written yet
    blocker.rollback()
    blocker.close()
    log._thread.join(15)
    assert not log._thread.is_alive() and log.backend is None
    # Written after all: counted once, as written
    assert (log.status()["written"], log.status()["lost"], log.status()["pending"]) == (3, 0, 0)
    assert [e["reference"] for e in read_log(path)] == ["sag-0", "sag-1", "sag-2"]


def test_a_replay_error_is_in_the_language_asked_for(tmp_path):
    from delegation.service.logbook import replay

    url = str(tmp_path / "log.sqlite")
    a = delegation.load("A")
    log = DecisionLog(url)
    logged = _entry(a, "erhvervspuljen", {"amount": 300_000}, "sag-1")
    asked = {"case": "erhvervspuljen", "facts": {"amount": "ikke et tal"}, "lang": "da"}
    log.record(Entry(logged.at, "r", "sag-1", asked, logged.decision))
    log.close()
    [change] = replay(url, a, lang="en")["changed"]
    assert change["after"]["error"] == "fact 'amount': 'ikke et tal' is not a number"
    [change] = replay(url, a)["changed"]
    assert change["after"]["error"] == "faktum 'amount': 'ikke et tal' er ikke et tal"


def test_a_decision_logged_before_briefings_had_a_frequency_replays_unchanged():
    """Entries logged before `frequency` was in the contract: no frequency is no change."""
    from delegation.service.logbook import _outcome

    plan = delegation.load("B")
    fresh = delegation.decide(plan, "erhvervspuljen", {"amount": 300000}).to_dict()
    banded = delegation.decide(plan, "erhvervspuljen").to_dict()
    for decision in (fresh, banded):
        old = json.loads(json.dumps(decision))
        for item in [*old["inform"], *(i for band in old["outcomes"] for i in band["inform"])]:
            del item["frequency"]
        assert _outcome(old) == _outcome(decision)
    assert fresh["inform"] and any(band["inform"] for band in banded["outcomes"])


def test_an_absolute_sqlite_url_is_read_as_it_is_written(tmp_path):
    """sqlite:////abs/path (SQLAlchemy's absolute form): the writer wrote it, the reader took
    "//abs" for a URI's host and said "invalid uri authority" (an attack on the service)."""
    from delegation.service.decisionlog import connect

    url = f"sqlite:///{tmp_path / 'log.db'}"  # tmp_path is absolute: four slashes in all
    assert url.startswith("sqlite:////")
    connect(url).close()
    connect(url, read_only=True).close()


def test_a_new_log_file_is_readable_by_its_owner_alone(tmp_path):
    """The log holds what users asked: a file the service makes is 0600 (an attack report found it
    0644), and SQLite's -wal beside it takes the same mode; an existing file keeps its mode."""
    path = tmp_path / "new.sqlite"
    log = DecisionLog(str(path))
    try:
        assert path.stat().st_mode & 0o777 == 0o600
        wal = tmp_path / "new.sqlite-wal"
        assert not wal.exists() or wal.stat().st_mode & 0o777 == 0o600
    finally:
        log.close()
    kept = tmp_path / "kept.sqlite"
    kept.touch(mode=0o640)
    kept.chmod(0o640)
    DecisionLog(str(kept)).close()
    assert kept.stat().st_mode & 0o777 == 0o640


def test_a_decision_the_log_has_no_room_for_is_refused_and_healthz_says_so(tmp_path):
    """Floods of batches outran the writer and lost 62.000 entries while /healthz said "ok": a
    decision is answered only when the queue has room for its entry (503 with Retry-After), a
    batch only when it has room for all of them, and a lost entry makes /healthz "degraded"."""
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    log = DecisionLog(str(tmp_path / "log.sqlite"), max_pending=3, interval=5, batch_size=1_000)
    try:
        client = TestClient(create_app(MUNICIPALITY, log=log))
        case = client.get("/plans/K2026/cases").json()[0]["id"]
        batch = {"cases": [{"case": case}] * 4}
        refused = client.post("/plans/K2026/decide/batch", json=batch)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
        assert refused.json()["error"]["key"] == "log.full" and not log.pending
        answers = [client.post("/plans/K2026/decide", json={"case": case}) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 503]
        assert (
            "beslutningsloggen kan ikke følge med: 3 beslutninger venter"
            in answers[3].json()["error"]["message"]
        )
        assert client.get("/healthz").json()["status"] == "ok" and log.lost == 0
        log.record(log.pending[0])  # past the queue: lost, and said
        health = client.get("/healthz").json()
        assert health["status"] == "degraded" and health["log"]["status"] == "lost"
    finally:
        log.close()


def test_a_log_file_another_user_may_write_is_refused(tmp_path):
    shared = tmp_path / "shared.sqlite"
    shared.touch()
    shared.chmod(0o666)
    with pytest.raises(InputError, match="kan skrives af andre"):
        DecisionLog(str(shared))
