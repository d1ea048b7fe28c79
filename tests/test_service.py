"""The HTTP service through FastAPI's test client: every endpoint and every class of error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import UDVALGSKOMMUNE
from fastapi.testclient import TestClient

from delegation.engine.registry import builtin_rules_dir
from delegation.service.api import PlanStore, create_app
from delegation.service.contracts import MAX_BATCH, MAX_BODY_BYTES

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), client=LOCAL)


def test_healthz_and_plans(client):
    assert client.get("/healthz").json()["plans"] == ["A", "B", "C"]
    plans = client.get("/plans").json()
    assert [p["id"] for p in plans] == ["A", "B", "C"]
    assert len(plans[0]["rules_sha256"]) == 64 and plans[0]["case_types"] == 71


def test_cases_with_search(client):
    found = client.get("/plans/A/cases", params={"search": "erhvervspulje"}).json()
    assert found[0]["id"] == "erhvervspuljen"
    assert len(client.get("/plans/B/cases").json()) == 70


def test_decide_returns_the_contract(client):
    answer = client.post("/plans/B/decide", json={"case": "erhvervspuljen", "facts": {"amount": "600.000"}})
    assert answer.status_code == 200
    body = answer.json()
    assert body["schema"] == "delegation.decision/2"
    assert body["decides"] == "magistraten"
    assert body["inform"] == [{"body": "oeu", "when": "before", "channel": "meeting", "frequency": None}]
    assert body["receipt"]["rule"]["file"] == "plan_b.dlg" and body["receipt"]["rule"]["id"]
    assert body["receipt"]["engine"]


def test_same_request_same_bytes(client):
    request = {"case": "udlicitering", "facts": {"persons": 5}, "department": "mtm"}
    assert (
        client.post("/plans/C/decide", json=request).content
        == client.post("/plans/C/decide", json=request).content
    )


def test_batch_keeps_order_and_reports_bad_items(client):
    cases = [
        {"case": "erhvervspuljen", "facts": {"amount": 300000}},
        {"case": "erhvervspuljen", "facts": {"amout": 1}},
        {"case": "personalepolitik"},
    ]
    body = client.post("/plans/A/decide/batch", json={"cases": cases}).json()
    decisions = body["decisions"]
    assert decisions[0]["decides"] == "magistraten"
    assert decisions[1]["error"]["field"] == "facts.amout" and decisions[1]["line"] == 2
    assert decisions[2]["decides"] == "byraadet"


@pytest.mark.parametrize(
    "method, path, payload, status, kind, field",
    [
        ("post", "/plans/X/decide", {"case": "a"}, 404, "unknown_plan", "plan"),
        ("get", "/plans/X/cases", None, 404, "unknown_plan", "plan"),
        (
            "post",
            "/plans/A/decide",
            {"case": "erhvervspuljen", "facts": {"amout": 5}},
            422,
            "bad_input",
            "facts.amout",
        ),
        (
            "post",
            "/plans/A/decide",
            {"case": "erhvervspuljen", "facts": {"amount": "fem"}},
            422,
            "bad_input",
            "facts.amount",
        ),
        (
            "post",
            "/plans/A/decide",
            {"case": "erhvervspuljen", "facts": {"amount": [1]}},
            422,
            "invalid_request",
            "facts.amount",  # not pydantic's "facts.amount.int", the union member it tried first
        ),
        ("post", "/plans/A/decide", {"case": 5}, 422, "invalid_request", "case"),
        ("post", "/plans/A/decide", {"case": "a", "extra": 1}, 422, "invalid_request", "extra"),
        ("post", "/plans/A/decide", {}, 422, "bad_input", "case"),
        (
            "post",
            "/plans/A/decide",
            {"case": "udlicitering", "department": "mtx"},
            422,
            "bad_input",
            "department",
        ),
        ("post", "/plans/A/decide", {"case": "a", "lang": "fr"}, 422, "invalid_request", "lang"),
        (
            "post",
            "/plans/A/decide/batch",
            {"cases": [{"case": "a"}] * (MAX_BATCH + 1)},
            422,
            "invalid_request",
            "cases",
        ),
        ("get", "/no/such/route", None, 404, "http_error", None),
        ("put", "/plans/A/decide", {"case": "a"}, 405, "http_error", None),
    ],
)
def test_errors_name_the_field(client, method, path, payload, status, kind, field):
    response = getattr(client, method)(path, **({"json": payload} if payload is not None else {}))
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["type"] == kind
    if field is not None:
        assert error["field"] == field
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "method, path, payload, field, danish, english",
    [
        (
            "post",
            "/plans/A/decide",
            {"case": "a", "lang": "fr"},
            "lang",
            "skal være 'da' eller 'en'",
            "Input should be 'da' or 'en'",
        ),
        (
            "get",
            "/check?min_severity=x",
            None,
            "min_severity",
            "skal være 'error', 'warning' eller 'info'",
            "Input should be 'error', 'warning' or 'info'",
        ),
        (
            "post",
            "/plans/A/decide",
            {"case": "erhvervspuljen", "facts": {"amount": [1]}},
            "facts.amount",
            "værdien har ikke en af de typer, feltet tager imod",
            "the value is of none of the types the field accepts",
        ),
        (
            "post",
            "/plans/A/decide",
            {"case": 5},
            "case",
            "skal være en tekst",
            "Input should be a valid string",
        ),
        (
            "get",
            "/diff?plans=A,B&only_changed=kanske",
            None,
            "only_changed",
            "skal være true eller false",
            "Input should be a valid boolean",
        ),
    ],
)
def test_refused_requests_are_worded_in_the_callers_language(
    client, method, path, payload, field, danish, english
):
    for lang, expected in (("da", danish), ("en", english)):
        joined = f"{path}{'&' if '?' in path else '?'}lang={lang}"
        response = getattr(client, method)(joined, **({"json": payload} if payload is not None else {}))
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert (error["message"], error["field"]) == (expected, field), lang
        assert "Input should" not in error["message"] or lang == "en"


@pytest.mark.parametrize(
    "kind, value, danish, english",
    [
        ("int", "fem", "skal være et heltal", "Input should be a valid integer"),
        ("float", "fem", "skal være et tal", "Input should be a valid number"),
        ("bool", 3, "skal være true eller false", "Input should be a valid boolean"),
        ("str", 3, "skal være en tekst", "Input should be a valid string"),
    ],
)
def test_pydantic_type_errors_have_a_message_in_both_languages(kind, value, danish, english):
    from pydantic import TypeAdapter, ValidationError

    from delegation.messages import message_text
    from delegation.service.http_errors import invalid_message

    with pytest.raises(ValidationError) as refused:
        TypeAdapter(
            {"int": int, "float": float, "bool": bool, "str": str}[kind], config={"strict": True}
        ).validate_python(value)
    key, args = invalid_message(refused.value.errors()[0])
    assert (message_text(key, args, "da"), message_text(key, args, "en")) == (danish, english)


def test_malformed_json_is_400(client):
    response = client.post(
        "/plans/A/decide", content=b'{"case": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "malformed_json"


def test_oversize_body_is_413(client):
    big = b'{"case": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    response = client.post("/plans/A/decide", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "body_too_large"


def test_ambiguous_text_answers_with_candidates(client):
    body = client.post("/plans/A/decide", json={"case": "restarealer"}).json()
    assert {c["id"] for c in body["candidates"]} >= {"kb_bevillinger_restarealer", "provenu_salg_restarealer"}


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/plans",
        "/plans/{plan_id}/cases",
        "/plans/{plan_id}/decide",
        "/plans/{plan_id}/decide/batch",
        "/healthz",
        "/admin/reload",
        "/diff",
        "/check",
    } <= set(paths)


def test_reload_only_from_loopback():
    remote = TestClient(create_app(), client=("192.0.2.10", 5000))
    assert remote.post("/admin/reload", json={}).status_code == 403
    # A forwarded-for header changes nothing: the socket's address counts.
    assert remote.post("/admin/reload", json={}, headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 403


def test_reload_without_a_token_wants_this_host_named():
    """From loopback, a request naming another host (a page of another site whose name was made to
    point at 127.0.0.1, or a proxy passing its public name) may not reload without the token."""
    local = TestClient(create_app(), client=LOCAL)
    foreign = {"X-Delegation-Reload": "1", "Host": "rebind.attacker.example:8000"}
    refused = local.post("/admin/reload", headers=foreign)
    assert refused.status_code == 403 and refused.json()["error"]["key"] == "http.reload.host"
    assert "rebind.attacker.example:8000" in refused.json()["error"]["message"]
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST", "localhost.:8000", "[::1]:8000", "testserver"):
        assert (
            local.post("/admin/reload", headers={"X-Delegation-Reload": "1", "Host": host}).status_code == 200
        )


def test_a_reload_in_a_frozen_heap_leaves_the_replaced_plans_collectable(monkeypatch):
    """`serve` freezes the heap with the plans it serves; a reload over HTTP settles it again, so
    the plans it replaced are collected (each reload kept 1.2 MB for good)."""
    import gc

    from delegation.service import api

    settled: list[bool] = []
    monkeypatch.setattr(api, "settle_heap", lambda: settled.append(True))
    local = TestClient(create_app(), client=LOCAL)
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 0)
    local.post("/admin/reload", json={})
    assert settled == []  # a process that froze nothing (a test's) is left as it is
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 1)
    assert local.post("/admin/reload", json={}).json()["reloaded"] is True and settled == [True]


def test_a_reload_in_a_really_frozen_heap_frees_the_plans_it_replaced(tmp_path):
    """The same without stand-ins: the reload's own load (model.building) unfroze the whole heap,
    so the check above found nothing frozen, skipped settling, and each reload kept its old plans
    (1,2 MB, 360 MB after 300 reloads; attack report)."""
    import gc
    import weakref

    from delegation.service.store import settle_heap

    # plans of its own, held by no other test
    rules = shutil.copytree(builtin_rules_dir(), tmp_path / "rules")
    app = create_app(rules)
    local = TestClient(app, client=LOCAL)
    old = weakref.ref(app.state.store.plans["A"])
    settle_heap()  # as `serve` does
    try:
        assert local.post("/admin/reload", json={}).json()["reloaded"] is True
        assert gc.get_freeze_count() > 0  # the heap stays frozen: no collection walks the plans
        assert old() is None  # and the replaced plan is gone
    finally:
        gc.unfreeze()


def test_reload_refuses_a_cross_site_form_post_from_loopback():
    local = TestClient(create_app(), client=LOCAL)
    assert (
        local.post("/admin/reload", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 403
    )
    assert local.post("/admin/reload", headers={"X-Delegation-Reload": "1"}).json()["reloaded"] is True


def test_reload_with_a_token_needs_exactly_that_token():
    remote = TestClient(create_app(admin_token="s3cret"), client=("192.0.2.10", 5000))
    assert remote.post("/admin/reload", json={}).status_code == 401
    assert remote.post("/admin/reload", json={}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = remote.post("/admin/reload", json={}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["reloaded"] is True


def test_reload_keeps_old_rules_when_new_ones_are_broken(tmp_path, monkeypatch):
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    client = TestClient(create_app(rules_dir=rules), client=LOCAL)
    before = client.post(
        "/plans/A/decide", json={"case": "erhvervspuljen", "facts": {"amount": 300000}}
    ).json()
    plan_a = rules / "plan_a.dlg"
    good = plan_a.read_text(encoding="utf-8")
    plan_a.write_text(good.replace("decides magistraten", "decides magistratn", 1), encoding="utf-8")
    refused = client.post("/admin/reload", json={}).json()
    assert refused["reloaded"] is False and "ukendt organ 'magistratn'" in refused["errors"][0]
    still = client.post(
        "/plans/A/decide", json={"case": "erhvervspuljen", "facts": {"amount": 300000}}
    ).json()
    assert still == before
    plan_a.write_text(
        good.replace('Bevillinger fra Erhvervspuljen"', 'Bevillinger fra Erhvervspuljen (ny)"', 1),
        encoding="utf-8",
    )
    assert client.post("/admin/reload", json={}).json()["reloaded"] is True
    after = client.post(
        "/plans/A/decide", json={"case": "erhvervspuljen", "facts": {"amount": 300000}}
    ).json()
    assert after["case_type"]["title"].endswith("(ny)")
    assert after["receipt"]["rules_sha256"] != before["receipt"]["rules_sha256"]


def test_store_serves_only_the_rules_folder(tmp_path):
    store = PlanStore(builtin_rules_dir())
    from delegation import InputError

    with pytest.raises(InputError):
        store.get("../../etc/passwd")


def test_diff_endpoint(client):
    body = client.get("/diff", params={"plans": "A,B", "only_changed": "true"}).json()
    assert body["schema"] == "delegation.diff/1"
    assert [p["id"] for p in body["plans"]] == ["A", "B"]
    assert all(change["change"] != "unchanged" for change in body["changes"])
    assert body["workload"]["A"]["byraadet"]["decides"] > body["workload"]["B"]["byraadet"]["decides"]
    english = client.get("/diff", params={"plans": "A,B", "only_changed": "true", "lang": "en"}).json()
    pool = next(c for c in english["changes"] if c["case_type"] == "erhvervspuljen")
    assert [band["condition"] for band in pool["bands"]][1] == "beløb: exactly 250.000 kr."
    assert client.get("/diff", params={"plans": "A,B", "lang": "fr"}).status_code == 422


@pytest.mark.parametrize(
    "params, status, field",
    [
        ({"plans": "A"}, 422, None),
        ({"plans": "A,X"}, 404, "plan"),
        ({"plans": "A,B", "body": "nobody"}, 422, "body"),
        ({}, 422, "plans"),
    ],
)
def test_diff_endpoint_errors(client, params, status, field):
    response = client.get("/diff", params=params)
    assert response.status_code == status
    assert response.json()["error"]["field"] == field


def test_check_endpoint(client):
    report = client.get("/check").json()
    assert report["schema"] == "delegation.check/1"
    assert report["plans"] == ["A", "B", "C"]
    assert not [f for f in report["findings"] if f["severity"] == "error"]
    warnings = client.get("/check", params={"min_severity": "warning", "lang": "en"}).json()
    assert warnings["findings"] and {f["severity"] for f in warnings["findings"]} == {"warning"}
    assert client.get("/check", params={"min_severity": "fatal"}).status_code == 422


def test_every_response_carries_the_security_headers(client):
    for path in ("/healthz", "/plans", "/sporg?sag=erhvervspuljen", "/static/app.js", "/docs", "/nowhere"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path


def test_the_api_docs_page_needs_no_network(client):
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "http" not in page.split("<body>")[1]
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs.js").status_code == 200


def test_healthz_names_the_rules_and_the_last_reload(tmp_path, monkeypatch):
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    client = TestClient(create_app(rules_dir=rules), client=LOCAL)
    health = client.get("/healthz").json()
    assert set(health["rules"]) == {"A", "B", "C"} and len(health["rules_sha256"]) == 64
    assert health["last_reload"] is None
    (rules / "plan_c.dlg").write_text("plan C {", encoding="utf-8")
    client.post("/admin/reload", json={})
    after = client.get("/healthz").json()
    assert after["last_reload"]["reloaded"] is False and "plan_c.dlg:1:" in after["last_reload"]["errors"][0]
    assert after["rules_sha256"] == health["rules_sha256"]


def test_busy_service_answers_503_with_retry_after_before_reading_the_body(monkeypatch):
    from delegation.service import limits
    from delegation.service.api import _limiter

    monkeypatch.setattr(limits, "WORK_WAIT", 0.05)  # then refused: the test does not wait its turn
    app = create_app()
    client = TestClient(app, client=LOCAL)
    assert client.get("/healthz").json()["busy"] == 0
    gate = _limiter(app)
    held = [gate._gates["work"].take() for _ in range(gate.size)]
    try:
        assert all(held)
        response = client.post("/plans/A/decide/batch", json={"cases": [{"case": "x"}]})
        assert response.status_code == 503 and response.headers["retry-after"] == "1"
        assert response.json()["error"]["type"] == "busy"
        assert client.get("/diff?plans=A,B").status_code == 503
        # Pages have places of their own: work held by one client does not turn them away.
        assert client.get("/sporg?sag=erhvervspuljen").status_code == 200
        # Light requests are still answered: health, single decisions.
        assert client.get("/healthz").status_code == 200
        assert client.post("/plans/A/decide", json={"case": "erhvervspuljen"}).status_code == 200
        titled = {
            "case": "Ansøgning om tilskud fra Erhvervspuljen - projekt X - 2025",
            "facts": {"amount": 1},
        }
        assert client.post("/plans/A/decide", json=titled).status_code == 200
        # A long text costs the resolver milliseconds: it waits its turn like a batch.
        long_text = {"case": "Ansøgning om tilskud fra Erhvervspuljen " * 25}
        assert client.post("/plans/A/decide", json=long_text).status_code == 503
    finally:
        for _ in held:
            gate._gates["work"].leave()
    assert client.post("/plans/A/decide/batch", json={"cases": [{"case": "x"}]}).status_code == 200
    pages = [gate._gates["pages"].take() for _ in range(gate.size)]
    try:
        assert client.get("/sporg?sag=erhvervspuljen").status_code == 503
        assert client.post("/plans/A/decide/batch", json={"cases": [{"case": "x"}]}).status_code == 200
    finally:
        for _ in pages:
            gate._gates["pages"].leave()
    assert (
        client.post(
            "/plans/A/decide", json={"case": "Ansøgning om tilskud fra Erhvervspuljen " * 25}
        ).status_code
        == 200
    )


def test_answers_stamped_with_a_day_leave_the_receipt_memo_as_small_as_the_plans():
    store = PlanStore()
    client = TestClient(create_app(store=store), client=LOCAL)
    client.post("/plans/A/decide", json={"case": "anlægsbevilling"})
    memoised = len(store._shown)
    for _ in range(300):  # each answer with as_of has a receipt of its own
        answer = client.post("/plans/A/decide", json={"case": "anlægsbevilling", "as_of": "2025-01-01"})
        assert (
            answer.json()["receipt"]["rules_folder"] == Path(builtin_rules_dir()).name
        )  # its name only, never the path
    assert len(store._shown) == memoised == 1
    # POST /decide always stamps its answer (today when no day is asked about)
    in_time = PlanStore(UDVALGSKOMMUNE.parent)
    client = TestClient(create_app(store=in_time), client=LOCAL)
    for _ in range(100):
        now = client.post("/decide", json={"case": "vejprojekt", "as_of": "2026-03-12"}).json()
        assert now["receipt"]["rules_folder"] == "udvalgskommune" and now["receipt"]["as_of"] == "2026-03-12"
    assert in_time._shown == {}


@pytest.mark.parametrize("reference", ["X\n2026-01-01 A forged", "sag\x1b[31m", "sag\u202e1", "a\x85b"])
def test_a_reference_with_control_characters_is_refused(client, reference):
    answer = client.post("/plans/A/decide", json={"case": "kommuneplan", "reference": reference})
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "reference"
    assert answer.json()["error"]["key"] == "http.invalid.controls"
    batch = client.post("/plans/A/decide/batch", json={"cases": [{"case": "x", "reference": reference}]})
    [item] = batch.json()["decisions"]  # the item's own error, in the batch's answer
    assert (batch.status_code, item["line"], item["error"]["field"]) == (200, 1, "reference")
    plain = client.post("/plans/A/decide", json={"case": "kommuneplan", "reference": "J.nr. 2026/17 æøå"})
    assert plain.status_code == 200


def test_a_log_replay_and_a_reload_are_heavy_work_and_the_other_admin_endpoints_light():
    from delegation.service.limits import heavy

    assert heavy("GET", "/admin/log/replay") and heavy("POST", "/admin/reload")
    assert not heavy("GET", "/admin/log")


def test_composing_a_plan_is_work_not_a_page():
    """/sammensaet with choices costs 125-215 ms of CPU: it held the one place for pages, and an
    honest visitor of /plan got 503s while one client asked for it back to back."""
    from delegation.service.limits import place

    assert place("GET", "/sammensaet") == place("GET", "/sammensaet/plan_D.dlg") == "work"
    assert place("GET", "/plan") == place("GET", "/sammenlign") == "pages"


def test_a_refused_reload_carries_its_key_in_the_language_asked_for():
    client = TestClient(create_app(admin_token="t0ken"), client=LOCAL)
    error = client.post("/admin/reload?lang=en", headers={"authorization": "Bearer wrong"}).json()["error"]
    assert error["key"] == "http.reload.token" and error["message"].startswith("reload needs the admin token")


def test_a_batch_writes_each_decision_byte_for_byte_as_decide_does(client):
    # One writer for the contract (Decision.to_json): a fraction Python writes with an exponent
    # (2.5e-05) would come out as pydantic writes it (0.000025) through a response model.
    for facts in ({"amount": 2.5e-5}, {"amount": 1e-7}, {"amount": 600_000}, {}):
        question = {"case": "erhvervspuljen", "facts": facts}
        one = client.post("/plans/B/decide", json=question).text
        many = client.post("/plans/B/decide/batch", json={"cases": [question]}).text
        assert many == '{"decisions":[' + one + "]}", facts


def test_a_wrongly_typed_batch_item_is_its_own_error_and_the_rest_answered(client):
    """One item the contract refuses rejected the whole batch (422), the good items unanswered."""
    items = [
        {"case": "erhvervspuljen", "facts": {"amount": 300000}},
        {"case": "erhvervspuljen", "facts": {"amount": [1, 2]}},
        {"case": 123},
        {"case": "x", "colour": "red"},
        {"case": "x", "lang": "fr"},
        "not an object",
        {"case": "erhvervspuljen", "facts": {"amount": "abc"}, "lang": "en"},
        {"case": "kommuneplan"},
    ]
    answer = client.post("/plans/A/decide/batch?lang=en", json={"cases": items})
    assert answer.status_code == 200
    out = answer.json()["decisions"]
    assert [item.get("line") for item in out] == [None, 2, 3, 4, 5, 6, 7, None]
    assert out[0]["decides"] == "magistraten" and out[7]["case_type"]["id"] == "kommuneplan"
    assert [item["error"]["field"] for item in out[1:7]] == [
        "facts.amount",
        "case",
        "colour",
        "lang",
        None,
        "facts.amount",
    ]
    assert {item["error"]["type"] for item in out[1:6]} == {"invalid_request"}
    assert out[6]["error"]["type"] == "bad_input" and out[6]["error"]["message"].endswith("is not a number")
    assert out[2]["error"]["message"] == "Input should be a valid string"  # ?lang=en, the batch's language
    assert out[0]["answer"] == "Magistraten decides."  # ... and the answers' too


def test_the_language_of_the_url_is_the_answer_s_where_the_body_names_none(client):
    english = client.post("/plans/A/decide?lang=en", json={"case": "erhvervspuljen", "facts": {"amount": 1}})
    assert english.json()["answer"].endswith("decides.")
    danish = client.post("/plans/A/decide?lang=en", json={"case": "erhvervspuljen", "lang": "da"})
    assert danish.json()["explanation"][0].startswith("Sagstypen")  # the body's choice wins
    refused = client.post("/plans/A/decide", json={"case": 5, "lang": "en"})  # the body's lang, refused too
    assert refused.json()["error"]["message"] == "Input should be a valid string"
    for body in ([], "x"):
        assert client.post("/plans/A/decide", json=body).json()["error"]["key"] == "http.invalid.object"


def test_an_error_s_hint_is_in_the_http_error_too(client):
    """The command line's "tip:" line was dropped over HTTP: POST /decide did not name the drafts."""
    answer = client.post("/decide?lang=en", json={"case": "erhvervspuljen", "as_of": "2026-03-12"})
    assert answer.status_code == 422
    assert answer.json()["error"]["hint"].startswith("drafts: A, B and C")
    plain = client.post("/plans/A/decide", json={"case": "erhvervspuljen", "facts": {"amount": "abc"}})
    assert "hint" in plain.json()["error"] and "Tip" not in plain.json()["error"]["message"]


def test_a_page_waits_its_turn_a_moment(monkeypatch):
    """One client asking for pages back to back left the one place free for moments only, and
    another visitor got 503 for 87 of 111 pages: a page now waits for a place, first come first
    served, up to PAGE_WAIT."""
    import threading

    from delegation.service import limits
    from delegation.service.api import _limiter

    app = create_app()
    client = TestClient(app, client=LOCAL)
    client.get("/healthz")
    gate = _limiter(app)
    held = [gate._gates["pages"].take() for _ in range(gate.size)]
    assert all(held)
    threading.Timer(0.2, lambda: [gate._gates["pages"].leave() for _ in held]).start()
    assert client.get("/plan/A").status_code == 200  # the place, handed over when it was left
    monkeypatch.setattr(limits, "PAGE_WAIT", 0.05)
    held = [gate._gates["pages"].take() for _ in range(gate.size)]
    try:
        busy = client.get("/plan/A")
        assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
    finally:
        for _ in held:
            gate._gates["pages"].leave()
    assert client.get("/plan/A").status_code == 200 and gate._gates["pages"].take()  # every place back
    gate._gates["pages"].leave()


def test_a_fact_of_null_is_a_fact_not_given_on_every_interface(client):
    """null was refused over HTTP (422) where the command's batch lines and Python skip it."""
    import delegation
    from delegation.service.batch import decide_lines

    answer = client.post("/plans/A/decide", json={"case": "erhvervspuljen", "facts": {"amount": None}})
    assert answer.status_code == 200 and answer.json()["depends_on"] == ["amount"]
    [line] = decide_lines(['{"case": "erhvervspuljen", "facts": {"amount": null}}'], default_plan="A")
    assert (
        line["depends_on"]
        == answer.json()["depends_on"]
        == list(delegation.load("A").decide("erhvervspuljen", amount=None).depends_on)
    )


def test_a_place_left_for_a_waiter_whose_event_loop_closed_is_not_lost():
    import asyncio

    from delegation.service.limits import _Gate, _Waiter

    gate = _Gate(1)
    assert gate.take() and not gate.take()
    loop = asyncio.new_event_loop()
    gate._queue.append(_Waiter(loop))
    loop.close()
    gate.leave()  # handing it to the waiter fails: the place is free again
    assert gate.take()


def test_work_waits_its_turn_and_an_address_waits_a_bounded_number_of_times(monkeypatch):
    """A client sending batches back to back took the one place for work again the moment it left
    it, and every other client was answered 503: work now waits its turn (WORK_WAIT), first come
    first served, and an address has at most WAITING_PER_CLIENT requests waiting in a queue (a
    client of many connections does not fill it). A loopback client is counted by the X-Real-IP
    its proxy sets, else not at all."""
    import threading
    import time

    from delegation.service import limits
    from delegation.service.api import _limiter

    monkeypatch.setattr(limits, "WAITING_PER_CLIENT", 1)
    app = create_app()
    batch = {"cases": [{"case": "erhvervspuljen"}]}
    first = TestClient(app, client=("192.0.2.1", 40000))
    other = TestClient(app, client=("192.0.2.2", 40000))
    proxied = TestClient(app, client=LOCAL, headers={"x-real-ip": "192.0.2.1"})
    first.get("/healthz")
    gate = _limiter(app)
    work = gate._gates["work"]
    held = [work.take() for _ in range(gate.size)]
    assert all(held)
    answers: dict[str, int] = {}

    def ask(name: str, client: TestClient) -> None:
        answers[name] = client.post("/plans/A/decide/batch", json=batch).status_code

    waiting = [
        threading.Thread(target=ask, args=(name, client))
        for name, client in [("first", first), ("other", other)]
    ]
    waiting[0].start()
    deadline = time.monotonic() + 10
    while work._waiting.get("192.0.2.1") != 1:  # the first address's batch waits in the queue
        assert time.monotonic() < deadline
        time.sleep(0.005)
    # A second request from that address while the first waits, directly or through the proxy:
    # refused at once.
    assert first.post("/plans/A/decide/batch", json=batch).status_code == 503
    assert proxied.post("/plans/A/decide/batch", json=batch).status_code == 503
    waiting[1].start()  # another address waits its turn behind it
    while work._waiting.get("192.0.2.2") != 1:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    for _ in held:
        work.leave()
    for thread in waiting:
        thread.join(timeout=10)
    assert answers == {"first": 200, "other": 200}
    assert work._waiting == {} and work.free == gate.size
    monkeypatch.setattr(limits, "WORK_WAIT", 0.05)
    held = [work.take() for _ in range(gate.size)]
    try:  # a place not left in time: 503 after the wait, and the address waits no more
        assert other.post("/plans/A/decide/batch", json=batch).status_code == 503
        assert work._waiting == {}
    finally:
        for _ in held:
            work.leave()


def test_a_request_whose_client_left_while_it_waited_is_not_worked_for():
    """Eight queued rule tests whose clients had gone ran one after another when their turns came,
    a live request waiting 1,6 s behind them (attack report): the one message of a request without
    a body is read when it has its place, and a disconnect ends it; else the application gets it."""
    import asyncio

    from delegation.service.limits import Limiter

    ran: list[object] = []

    async def app(scope, receive, send):
        ran.append(await receive())

    async def left():
        return {"type": "http.disconnect"}

    async def stayed():
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def sent(message):
        pass

    limiter = Limiter(app, size=1)
    scope = {"type": "http", "method": "GET", "path": "/test", "headers": []}
    asyncio.run(limiter(scope, left, sent))
    assert ran == [] and limiter.busy == 0 and limiter._gates["work"].free == 1
    asyncio.run(limiter(scope, stayed, sent))
    assert ran == [{"type": "http.request", "body": b"{}", "more_body": False}]
    assert limiter._gates["work"].free == 1
    # So is a request with a body sent and abandoned (a batch, a diff)
    posted = {**scope, "method": "POST", "path": "/diff"}
    asyncio.run(limiter(posted, left, sent))
    assert len(ran) == 1 and limiter._gates["work"].free == 1
    # A body still coming is not waited for: the application is handed the message when it comes
    # (a body over the limit is refused from its declared length, before a byte of it is read).

    async def slow():
        await asyncio.sleep(0.05)
        return {"type": "http.request", "body": b"{}", "more_body": False}

    asyncio.run(limiter(posted, slow, sent))
    assert ran[-1] == {"type": "http.request", "body": b"{}", "more_body": False} and len(ran) == 2
    # A client that waits to be told to send its body (Expect: 100-continue) is not asked for it:
    # asking is what tells it to send
    asked: list[str] = []

    async def expecting():
        asked.append("receive")
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def refuses(scope, receive, send):
        ran.append("refused unread")

    for expected in (b"100-continue", b"100-Continue, x-other"):  # a list, as h11 reads it
        continued = {**posted, "headers": [(b"expect", expected)]}
        asyncio.run(Limiter(refuses, size=1)(continued, expecting, sent))
        assert ran[-1] == "refused unread" and asked == []
