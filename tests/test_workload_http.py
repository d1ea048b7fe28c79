"""POST /workload on the real server over loopback: the file in, delegation.workload/1 out."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

from test_server_process import server  # noqa: F401 - the running server, as a fixture

from delegation.service.api_workload import MAX_WORKLOAD_BYTES
from delegation.service.limits import heavy

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "sager_eksempel_opdigtet.csv"


def _post(url: str, data: bytes, content_type: str = "text/csv") -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers={"content-type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_workload_over_http(server):  # noqa: F811
    base, _, _ = server
    status, body = _post(f"{base}/workload?plan=A&plan=B&name=sager.csv", EXAMPLE.read_bytes())
    assert status == 200
    assert body["schema"] == "delegation.workload/1"
    assert (body["rows"], body["used"], len(body["skipped"])) == (13, 10, 3)
    council = [[y["council_items"] for y in plan["years"]] for plan in body["plans"]]
    assert council == [[3, 3], [2, 2]]
    # Windows-1252, as Danish Excel saves "CSV (semikolonsepareret)": the same answer.
    status, again = _post(
        f"{base}/workload?plan=A&plan=B&name=sager.csv", EXAMPLE.read_text("utf-8-sig").encode("cp1252")
    )
    assert status == 200 and again["plans"] == body["plans"]


def test_workload_refusals_over_http(server):  # noqa: F811
    base, _, _ = server
    status, body = _post(f"{base}/workload", b"\x00\x01\x02\x03")
    assert status == 422 and body["error"]["type"] == "bad_input"
    status, body = _post(f"{base}/workload?plan=Q", EXAMPLE.read_bytes())
    assert status == 404
    status, body = _post(f"{base}/workload?column=case", EXAMPLE.read_bytes())
    assert status == 422 and body["error"]["field"] == "column"
    # Over the limit: answered 413 from the declared length, before the body is read.
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(
            f"POST /workload HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/csv\r\n"
            f"Content-Length: {MAX_WORKLOAD_BYTES + 1}\r\n\r\n".encode()
        )
        assert connection.recv(200).startswith(b"HTTP/1.1 413")
    # Under it (and over the JSON API's 1 MB), a file is taken.
    big = EXAMPLE.read_bytes() + b"Tillaegsbevillinger;01-01-2024;;\r\n" * 40_000
    status, body = _post(f"{base}/workload?plan=A", big)
    assert status == 200 and body["used"] == 40_010


def test_workload_is_heavy_work_for_the_limiter():
    assert heavy("POST", "/workload")


def test_the_service_weighs_cases_with_the_cycle_collector_running(monkeypatch):
    # A command of its own pauses the collector while it reads and counts (model.building); a
    # service must not, or every other request would run without it as long as a workload does.
    from contextlib import nullcontext

    from fastapi.testclient import TestClient

    from delegation.analysis import workload as module
    from delegation.service.api import create_app

    paused: list[str] = []
    monkeypatch.setattr(module, "building", lambda: paused.append("paused") or nullcontext())
    data = (Path(__file__).parents[1] / "docs" / "sager_eksempel_opdigtet.csv").read_bytes()
    client = TestClient(create_app(), client=("127.0.0.1", 5000))
    assert client.post("/workload?plan=A", content=data).status_code == 200
    assert paused == []
    module.workload(data, ["A"])  # the command's way: read and count, each paused
    assert paused == ["paused", "paused"]


def test_a_case_file_is_weighed_for_a_bounded_time(monkeypatch):
    """A file made to be slow held the place for work for minutes; past WORKLOAD_SECONDS it is
    refused, saying how far it got, and a file within the time is weighed as before."""
    from fastapi.testclient import TestClient

    from delegation.service import api_workload
    from delegation.service.api import create_app

    client = TestClient(create_app(), client=("127.0.0.1", 5000))
    assert client.post("/workload?plan=A", content=EXAMPLE.read_bytes()).status_code == 200
    monkeypatch.setattr(api_workload, "WORKLOAD_SECONDS", -1)
    answer = client.post("/workload?plan=A&plan=B&lang=en", content=EXAMPLE.read_bytes())
    error = answer.json()["error"]
    assert (answer.status_code, error["key"], error["field"]) == (422, "workload.too_long", "body")
    assert error["message"].startswith("the case file took over -1 s to weigh (0 of ")
    assert "delegation workload" in error["hint"]
