"""The real server: `delegation serve` on uvicorn, on a free loopback port, queried and stopped."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
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


@pytest.fixture
def server(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    port = _free_port()
    script = Path(sys.executable).with_name("delegation")
    process = subprocess.Popen(
        [str(script), "serve", "--port", str(port), "--rules", str(rules)],
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
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"server did not start: {process.stderr.read()}")
            time.sleep(0.1)
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
