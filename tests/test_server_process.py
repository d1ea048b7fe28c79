"""The real server: `delegation serve` on uvicorn, on a free loopback port, queried and stopped."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from delegation.engine.registry import builtin_rules_dir


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


class Served(subprocess.Popen):
    """`delegation serve` with its stderr read as it comes (the access log would otherwise fill
    the pipe and stall the server): `log` holds the lines so far."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.stderr:
            self.log.append(line.rstrip("\n"))

    def wait_for_log(self, wanted: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.log if wanted in line]
            if found:
                return found[-1]
            time.sleep(0.05)
        pytest.fail(f"no log line with {wanted!r} in: {self.log}")


def start_server(tmp_path: Path, rules: Path, *options: str) -> tuple[str, Served]:
    port = _free_port()
    script = Path(sys.executable).with_name("delegation")
    process = Served(
        [str(script), "serve", "--port", str(port), "--rules", str(rules), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"DELEGATION_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            _request(base + "/healthz")
            return base, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=10)
                pytest.fail("server did not start: " + "\n".join(process.log))
            time.sleep(0.1)


@pytest.fixture
def server(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    base, process = start_server(tmp_path, rules)
    yield base, rules, process
    process.terminate()
    process.wait(timeout=10)


def test_real_server_answers_and_stops(server):
    base, _, process = server
    answer = _request(
        base + "/plans/A/decide", {"case": "Bevillinger fra Erhvervspuljen", "facts": {"amount": 300000}}
    )
    assert answer["decides"] == "magistraten"
    assert [p["id"] for p in _request(base + "/plans")] == ["A", "B", "C"]


def test_sighup_reloads_the_rules(server):
    base, rules, process = server
    plan_a = rules / "plan_a.dlg"
    plan_a.write_text(
        plan_a.read_text(encoding="utf-8").replace(
            'title "Bevillinger fra Erhvervspuljen"', 'title "Bevillinger fra Erhvervspuljen (rev.)"', 1
        ),
        encoding="utf-8",
    )
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        answer = _request(base + "/plans/A/decide", {"case": "erhvervspuljen", "facts": {"amount": 1}})
        if answer["case_type"]["title"].endswith("(rev.)"):
            return
        time.sleep(0.1)
    pytest.fail("SIGHUP did not reload the rules")


def _last_reload(base: str, before: str | None) -> dict:
    """The reload /healthz reports after a SIGHUP, once it is newer than `before`."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        health = _request(base + "/healthz")
        last = health["last_reload"]
        if last and last != before:
            return health
        time.sleep(0.1)
    pytest.fail("no reload was reported")


def _plant_fifo(rules: Path) -> None:
    import os

    os.mkfifo(rules / "plan_d.dlg")


ATTACKS = {
    # An editor's lock file: a dangling symbolic link named like a rules file.
    "lock-file link": lambda rules: (rules / ".#plan_a.dlg").symlink_to("user@host.1234:1700000000"),
    "fifo named *.dlg": _plant_fifo,
    "include of a symlink loop": lambda rules: (
        (rules / "loop.dlg").symlink_to(rules / "loop.dlg"),
        (rules / "aarhus.dlg").write_text(
            (rules / "aarhus.dlg").read_text(encoding="utf-8") + '\ninclude "loop.dlg"\n', encoding="utf-8"
        ),
    ),
    "conditions nested 2,000 deep": lambda rules: (rules / "plan_d.dlg").write_text(
        'plan D { }\ninclude "aarhus.dlg"\ncase d { title "d" section ba rule when '
        + "(amount > 1 and " * 2000
        + "persons > 1"
        + ")" * 2000
        + ' { decides byraadet basis lovbestemt cite "a": "b" } }\n',
        encoding="utf-8",
    ),
    "include outside the rules folder": lambda rules: (rules / "plan_d.dlg").write_text(
        'plan D { }\ninclude "/etc/passwd"\n', encoding="utf-8"
    ),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_reload_that_fails_keeps_serving_the_old_plan_and_says_why(server, attack):
    base, rules, process = server
    question = {"case": "erhvervspuljen", "facts": {"amount": 300000}}
    before = _request(base + "/plans/A/decide", question)
    ATTACKS[attack](rules)
    process.send_signal(signal.SIGHUP)
    health = _last_reload(base, None)
    assert process.poll() is None, "the server died"
    last = health["last_reload"]
    assert _request(base + "/plans/A/decide", question) == before
    if last["reloaded"]:  # a file that is not a rules file is passed over, the rest reloads
        assert attack in ("lock-file link", "fifo named *.dlg")
    else:
        assert last["errors"], last
        assert "root:" not in " ".join(last["errors"])  # nothing of /etc/passwd is echoed


def test_an_edited_included_file_is_served_after_a_reload(server):
    base, rules, process = server
    (rules / "cases.inc").write_text(
        'case ekstra { title "Ekstra sagstype" section ba rule { decides byraadet basis lovbestemt '
        'cite "a": "Ekstra sagstype" } }\n',
        encoding="utf-8",
    )
    plan_a = rules / "plan_a.dlg"
    plan_a.write_text(plan_a.read_text(encoding="utf-8") + '\ninclude "cases.inc"\n', encoding="utf-8")
    process.send_signal(signal.SIGHUP)
    first = _last_reload(base, None)["last_reload"]
    assert first["reloaded"], first
    assert _request(base + "/plans/A/decide", {"case": "ekstra"})["case_type"]["title"] == "Ekstra sagstype"
    time.sleep(1.1)  # reload stamps the time to the second
    (rules / "cases.inc").write_text(
        (rules / "cases.inc").read_text(encoding="utf-8").replace("Ekstra sagstype", "Ændret sagstype"),
        encoding="utf-8",
    )
    process.send_signal(signal.SIGHUP)
    _last_reload(base, first)
    assert _request(base + "/plans/A/decide", {"case": "ekstra"})["case_type"]["title"] == "Ændret sagstype"


def _refused(url: str, payload: dict) -> tuple[int, dict]:
    """The status and error object of a request the server refuses."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"content-type": "application/json"}
    )
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())["error"]
    pytest.fail("the request was answered")


def test_errors_are_danish_unless_english_is_asked_for(server):
    base, _, _ = server
    question = {"case": "erhvervspuljen", "facts": {"amout": 5}}
    status, danish = _refused(base + "/plans/A/decide", question)
    assert status == 422 and danish == {
        "type": "bad_input",
        "message": "ukendt faktum 'amout'; sagstypen 'erhvervspuljen' bruger amount (beløb)",
        "field": "facts.amout",
        "key": "facts.unknown.case",
        "hint": "mente du 'amount'?",
    }
    _, english = _refused(base + "/plans/A/decide", {**question, "lang": "en"})
    assert english["message"] == "unknown fact 'amout'; case type 'erhvervspuljen' uses: amount (beløb)"
    assert english["key"] == danish["key"]
    status, plan = _refused(base + "/plans/D/decide?lang=en", {"case": "x"})
    assert status == 404 and plan["message"] == "unknown plan 'D'; the plans are: A, B, C"
    assert plan["key"] == "registry.unknown_plan"


def test_the_server_says_where_it_listens_what_it_serves_and_logs_each_request(server):
    base, rules, process = server
    port = base.rsplit(":", 1)[1]
    assert process.wait_for_log("lytter på") == f"delegation: lytter på http://127.0.0.1:{port}/"
    health = _request(base + "/healthz")
    for plan_id, digest in health["rules"].items():
        line = process.wait_for_log(f"plan {plan_id},")
        assert digest[:12] in line and str(rules.resolve()) in line
    _request(base + "/plans/b/bodies")
    # uvicorn's access-log format, on stderr: level, client, request line, status
    logged = process.wait_for_log("/plans/b/bodies")
    assert logged.startswith("INFO:") and '"GET /plans/b/bodies HTTP/1.1" 200' in logged


def test_no_access_log_leaves_requests_out_of_the_log(tmp_path):
    base, process = start_server(tmp_path, builtin_rules_dir(), "--no-access-log")
    try:
        process.wait_for_log("lytter på")
        _request(base + "/plans")
        _request(base + "/healthz")
        time.sleep(0.3)
        assert not [line for line in process.log if "GET /" in line], process.log
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_bodies_of_a_plan_and_the_names_in_a_decision_agree(server):
    base, rules, _ = server
    bodies = _request(base + "/plans/b/bodies")  # a plan id in any case, as elsewhere
    by_id = {body["id"]: body for body in bodies}
    assert list(by_id)[:2] == ["byraadet", "magistraten"]  # the order the rules declare them
    assert by_id["oeu"]["short"] == "ØEU" and by_id["oeu"]["kind"] == "committee"
    assert by_id["ba"]["head"] == "borgmesteren" and by_id["ba"]["label"] == "Borgmesteren (BA)"
    answer = _request(base + "/plans/B/decide", {"case": "erhvervspuljen", "facts": {"amount": 600000}})
    assert set(answer["bodies"]) == {"magistraten", "oeu"}
    assert all(answer["bodies"][key] == by_id[key] for key in answer["bodies"])
    assert answer["answer"] == "Magistraten beslutter. ØEU orienteres før beslutningen på møde."
    # The receipt names the rules folder by its name only: the server's paths stay its own.
    assert answer["receipt"]["rules_folder"] == "rules"
    assert str(rules.parent) not in json.dumps(answer)
    batch = _request(base + "/plans/B/decide/batch", {"cases": [{"case": "erhvervspuljen"}]})
    assert batch["decisions"][0]["receipt"]["rules_folder"] == "rules"
    with pytest.raises(urllib.error.HTTPError) as missing:
        _request(base + "/plans/nope/bodies")
    assert missing.value.code == 404


def test_port_0_listens_on_a_free_port_and_says_which(tmp_path):
    script = Path(sys.executable).with_name("delegation")
    process = Served(
        [str(script), "serve", "--port", "0", "--rules", str(builtin_rules_dir())],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={"DELEGATION_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    try:
        said = process.wait_for_log("lytter på", timeout=30)
        url = said.rsplit(" ", 1)[1]
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0/")
        assert _request(url + "healthz")["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_port_in_use_is_said_and_never_announced_as_listening(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        script = Path(sys.executable).with_name("delegation")
        process = Served(
            [str(script), "serve", "--port", str(port), "--rules", str(builtin_rules_dir())],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={"DELEGATION_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
        )
        assert process.wait(timeout=30) != 0
        process.wait_for_log("address already in use")
        assert not [line for line in process.log if "lytter på" in line], process.log


def test_a_request_line_past_16_kb_is_refused_before_it_is_parsed(server):
    base, _, _ = server
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(b"GET /sporg?sag=" + b"x" * 100_000 + b" HTTP/1.1\r\nhost: x\r\n\r\n")
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head = answer.decode("latin-1").lower()
    assert head.startswith("http/1.1 431 ") and "x-content-type-options: nosniff" in head
    # A long request that stays under the limit is answered, and so is the next one.
    with urllib.request.urlopen(base + "/sporg?sag=" + "x" * 1000, timeout=10) as page:
        assert page.status == 200
    assert _request(base + "/healthz")["status"] == "ok"


def test_connections_that_send_nothing_do_not_hold_the_service(server):
    # 200 idle connections took every slot of --limit-concurrency for as long as they stayed open,
    # and one request whose body never came held the heavy slot (503 to every page).
    from delegation.service.limits import BODY_SECONDS, HEAD_SECONDS, MAX_PER_CLIENT

    base, _, _ = server
    host, port = base.removeprefix("http://").split(":")

    def connect(source: str = "127.0.0.2") -> socket.socket:
        # Not from 127.0.0.1: the reverse proxy's address, which the cap leaves alone.
        return socket.create_connection(
            (host, int(port)), timeout=BODY_SECONDS + 5, source_address=(source, 0)
        )

    withheld = connect("127.0.0.1")
    withheld.sendall(b"POST /plans/A/decide/batch HTTP/1.1\r\nhost: x\r\ncontent-length: 500\r\n\r\n")
    started = time.monotonic()
    idle = [connect() for _ in range(MAX_PER_CLIENT + 8)]
    try:
        # Past MAX_PER_CLIENT from one address, a connection is closed at once ...
        assert sum(conn.recv(1) == b"" for conn in idle[-8:]) == 8
        # ... one sending a head a byte at a time is closed when HEAD_SECONDS are up ...
        idle[0].sendall(b"GET /healthz HTTP/1.1\r\n")
        assert idle[0].recv(1) == b"" and HEAD_SECONDS - 1 < time.monotonic() - started < HEAD_SECONDS + 5
        # ... and so are the ones that sent nothing, after which the service answers again ...
        assert all(conn.recv(1) == b"" for conn in idle[1:MAX_PER_CLIENT])
        assert _request(base + "/healthz")["status"] == "ok"
        # ... and the body that never came is given up when BODY_SECONDS are up: pages answer again.
        assert withheld.recv(1) == b"" and time.monotonic() - started < BODY_SECONDS + 5
        with urllib.request.urlopen(base + "/sporg?sag=erhvervspuljen", timeout=10) as page:
            assert page.status == 200
    finally:
        for conn in (withheld, *idle):
            conn.close()


def test_a_client_that_reads_no_answer_leaves_its_place_when_its_time_is_up(server):
    """Sixty page requests down one connection whose client never reads: the answers fill the
    socket's buffers, the next one blocks in `send` and held the place for pages as long as the
    connection stayed open. After WRITE_SECONDS unread, the connection is dropped."""
    from delegation.service.limits import WRITE_SECONDS

    base, _, _ = server
    host, port = base.removeprefix("http://").split(":")

    def page() -> int:
        try:
            with urllib.request.urlopen(base + "/plan/A", timeout=10) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    unread = socket.socket()
    unread.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    unread.connect((host, int(port)))
    unread.sendall(b"GET /sammenlign/rapport.html HTTP/1.1\r\nhost: x\r\n\r\n" * 60)
    started = time.monotonic()
    try:
        while page() != 503:  # the place held: a page waits its turn a second, then 503
            assert time.monotonic() - started < 15
            time.sleep(0.5)
        held = time.monotonic()
        while page() != 200:
            assert time.monotonic() - started < WRITE_SECONDS + 20
        assert time.monotonic() - held > 2 and _request(base + "/healthz")["busy"] == 0
    finally:
        unread.close()
