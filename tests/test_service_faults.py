"""Service faults on a real server (loopback only, bounded loops): reload under load loses no
request; concurrent batch and single requests; a slow client does not block the others."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request

import pytest
from test_server_process import server  # noqa: F401  (the real-server fixture)

DECIDE = {"case": "erhvervspuljen", "facts": {"amount": 300000}}


def _post(url: str, payload: dict, timeout: float = 10) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_reload_with_broken_rules_under_load_loses_no_request(server):  # noqa: F811
    base, rules, _ = server
    plan_a = rules / "plan_a.dlg"
    good = plan_a.read_text(encoding="utf-8")
    broken = good.replace("decides magistraten", "decides nobody", 1)
    results: list[int] = []
    stop = threading.Event()

    def load():
        while not stop.is_set() and len(results) < 2000:
            status, body = _post(base + "/plans/A/decide", DECIDE)
            results.append(status if body.get("decides") == "magistraten" else -status)

    workers = [threading.Thread(target=load) for _ in range(4)]
    for worker in workers:
        worker.start()
    reloads = []
    for round_ in range(6):  # broken, good, broken, ... reloads
        plan_a.write_text(broken if round_ % 2 == 0 else good, encoding="utf-8")
        reloads.append(_post(base + "/admin/reload", {})[1]["reloaded"])
        time.sleep(0.05)
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    assert reloads == [False, True] * 3
    assert results and set(results) == {200}, sorted(set(results))


def test_concurrent_batch_and_single_requests(server):  # noqa: F811
    base, _, _ = server
    batch = {"cases": [{"case": "udlicitering", "facts": {"persons": n}} for n in range(200)]}
    answers: list[bool] = []

    def single():
        for _ in range(50):
            answers.append(_post(base + "/plans/B/decide", DECIDE)[1]["decides"] == "magistraten")

    def batches():
        for _ in range(5):
            decisions = _post(base + "/plans/A/decide/batch", batch)[1]["decisions"]
            answers.append([d["decides"] for d in decisions[4:6]] == ["afdelingen", "byraadet"])

    threads = [threading.Thread(target=single) for _ in range(3)] + [threading.Thread(target=batches)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 155 and all(answers)


def test_slow_client_does_not_block_others(server):  # noqa: F811
    base, _, _ = server
    host, port = base.removeprefix("http://").split(":")
    slow = socket.create_connection((host, int(port)))
    try:
        slow.sendall(
            b"POST /plans/A/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 60\r\n\r\n{"case": '
        )  # and then nothing, for a while
        started = time.monotonic()
        for _ in range(20):
            assert _post(base + "/plans/A/decide", DECIDE, timeout=5)[0] == 200
        assert time.monotonic() - started < 5
    finally:
        slow.close()


@pytest.mark.parametrize(
    "payload", [b"{" * 10_000, b'{"case": "' + "ø".encode() * 100_000 + b'"}', b"\xff\xfe", b'{"cases": 5}']
)
def test_odd_bodies_are_4xx(server, payload):  # noqa: F811
    base, _, _ = server
    request = urllib.request.Request(
        base + "/plans/A/decide", data=payload, headers={"content-type": "application/json"}
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
        assert json.loads(error.read())["error"]["type"]
    assert 400 <= status < 500
