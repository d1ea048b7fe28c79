"""Regression tests for what an attack on the running service found (each reproduced before the fix)."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import delegation
from delegation.analysis import casefile
from delegation.engine.registry import builtin_rules_dir, plan_files
from delegation.errors import InputError
from delegation.numbers import MAX_AMOUNT_TEXT, parse_amount
from delegation.service.api import create_app
from delegation.service.decisionlog import DecisionLog

LOCAL = ("127.0.0.1", 5000)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), client=LOCAL)


def test_an_amount_padded_with_spaces_is_read_or_refused_at_once():
    # With plain \s* around the optional parts, 400 spaces on each side took the matcher over two
    # minutes, and held the interpreter (every other request of the service) meanwhile.
    assert parse_amount(" " * 25 + "1.000" + " " * 25) == 1000
    for padded in (" " * 400 + "1.000" + " " * 400 + "x", "1" + " " * MAX_AMOUNT_TEXT + "kr."):
        with pytest.raises(ValueError):
            parse_amount(padded)


@pytest.mark.parametrize(
    "value",
    [
        10**400,
        "9" * 400,
        1e308,
        2e18,
        10**18 + 1,
        10**18 + 64,
        "1000000000000000001",
        "1.000.000.000.000.000.001",
    ],
)
def test_a_fact_past_any_amount_is_refused_not_a_crash(client, value):
    plan = delegation.load("A")
    with pytest.raises(InputError) as raised:
        plan.decide("integrationspolitikken_stoette", annual_amount=value)
    assert raised.value.problems[0].key in ("facts.too_large", "facts.not_number")
    body = {"case": "integrationspolitikken_stoette", "facts": {"annual_amount": value}}
    answer = client.post("/plans/A/decide", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == "facts.annual_amount"
    # In a batch it is one case's error, not the whole batch's.
    batch = client.post("/plans/A/decide/batch", json={"cases": [body, {"case": "erhvervspuljen"}]})
    assert batch.status_code == 200, batch.text
    first, second = batch.json()["decisions"]
    assert first["error"]["key"] in ("facts.too_large", "facts.not_number") and second["case_type"]


def test_the_largest_amount_a_rule_may_name_is_still_a_fact():
    decision = delegation.load("A").decide("integrationspolitikken_stoette", annual_amount=10**18)
    assert decision.facts == {"annual_amount": 10**18}


def test_the_openapi_document_is_served_with_the_decision_log(tmp_path):
    log = DecisionLog(str(tmp_path / "log.sqlite"))
    try:
        answer = TestClient(create_app(log=log), client=LOCAL).get("/openapi.json")
        assert answer.status_code == 200, answer.text
        assert "/admin/log" in answer.json()["paths"]
    finally:
        log.close()


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A copy of the built-in rules served from a temporary folder, and its client."""
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    return rules, TestClient(create_app(rules_dir=rules), client=LOCAL)


def test_an_unreadable_plan_file_fails_the_reload_and_the_plan_stays(served):
    rules, client = served
    plan_c = rules / "plan_c.dlg"
    with plan_c.open("ab") as stream:
        stream.write(b"\xff")  # a Latin-1 save, say: the plan vanished from service, said as a warning
    refused = client.post("/admin/reload", json={}).json()
    assert refused["reloaded"] is False and refused["plans"] == ["A", "B", "C"]
    assert "plan_c.dlg" in refused["errors"][0] and "UTF-8" in refused["errors"][0]
    assert client.post("/plans/C/decide", json={"case": "erhvervspuljen"}).status_code == 200
    assert str(rules) not in json.dumps(client.get("/healthz").json())  # no server paths


def test_a_reload_reads_an_edit_that_kept_the_files_stamp(served):
    rules, client = served
    plan_a = rules / "plan_a.dlg"
    stamp = plan_a.stat()
    text = plan_a.read_text(encoding="utf-8")
    edited = text.replace('"Bevillinger fra Erhvervspuljen"', '"Bevillinger fra Erhvervspuljen!"', 1)
    assert len(edited.encode()) == len(text.encode()) + 1
    plan_a.write_text(edited.replace("# ", "#", 1), encoding="utf-8")  # the same size
    assert plan_a.stat().st_size == stamp.st_size
    os.utime(plan_a, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as cp -p or rsync -a leave it
    assert client.post("/admin/reload", json={}).json()["reloaded"] is True
    answer = client.post("/plans/A/decide", json={"case": "erhvervspuljen"}).json()
    assert answer["case_type"]["title"] == "Bevillinger fra Erhvervspuljen!"


def test_a_plan_file_linked_from_outside_the_folder_is_not_served(tmp_path, served):
    rules, client = served
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "plan_z.dlg").write_text('plan Z extends "plan_zz.dlg" { title "Z" }\n', encoding="utf-8")
    (rules / "plan_z.dlg").symlink_to(outside / "plan_z.dlg")
    assert "Z" not in plan_files(rules)
    result = client.post("/admin/reload", json={}).json()
    assert result["reloaded"] is True and result["plans"] == ["A", "B", "C"]
    assert client.post("/plans/Z/decide", json={"case": "x"}).status_code == 404


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Sag", "Dato"])
    for _ in range(rows):
        sheet.append(["erhvervspuljen", "01-01-2024"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_a_case_file_has_a_bounded_number_of_rows(client, monkeypatch):
    # A 372 KB .xlsx held a million rows: 128 s of the service's heavy slot and a 225 MB answer.
    monkeypatch.setattr(casefile, "MAX_CASE_ROWS", 50)
    data = _workbook(51)
    with pytest.raises(InputError) as raised:
        casefile.read_cases(data, delegation.load("A").facts, name="sager.xlsx")
    assert raised.value.problems[0].key == "cases.too_many_rows"
    answer = client.post("/workload", content=data)
    assert answer.status_code == 422 and answer.json()["error"]["key"] == "cases.too_many_rows"
    csv = ("sag;dato\n" + "erhvervspuljen;01-01-2024\n" * 51).encode()
    assert client.post("/workload", content=csv).json()["error"]["key"] == "cases.too_many_rows"
    assert client.post("/workload", content=_workbook(50)).status_code == 200


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(casefile, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(InputError) as raised:
        casefile.read_cases(_workbook(5), delegation.load("A").facts, name="sager.xlsx")
    assert raised.value.problems[0].key == "cases.xlsx_too_large"


def _raw_workbook(sheet: bytes, shared: bytes | None = None, **members: bytes) -> bytes:
    """A minimal .xlsx around a sheet's XML as given, compressed: what a hostile upload is built of."""
    import zipfile

    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
        b'.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        b'.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package'
        b'/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument'
        b'/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheet'
        b'ml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        b'<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
        b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org'
        b'/spreadsheetml/2006/main"><sheetData>' + sheet + b"</sheetData></worksheet>",
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(members)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return stream.getvalue()


@pytest.mark.parametrize(
    "sheet, shared",
    [
        # one row of two million empty cells (a 95 KB file of 24 million took 136 s and 7.5 GB)
        (b"<row>" + b"<c/>" * 2_000_000 + b"</row>", None),
        # many rows of few cells, past the cells a case list has
        ((b"<row>" + b"<c><v>1</v></c>" * 10 + b"</row>") * 30, None),
        # shared strings past the cells (5.8 million took 86 s)
        (b"<row><c><v>1</v></c></row>", b"<sst>" + b"<si><t>x</t></si>" * 300 + b"</sst>"),
        # the same tags with a namespace prefix, or a break inside them, which openpyxl reads as well
        (b'<x:row xmlns:x="urn:x">' + b"<x:c/>" * 100 + b"</x:row>", None),
        (b"<row>" + b"<c\n/>" * 100 + b"</row>", None),
        (b"<row>" + b"<c\t/>" * 100 + b"</row>", None),
    ],
)
def test_a_workbook_with_more_cells_than_a_case_list_is_refused_before_it_is_read(monkeypatch, sheet, shared):
    monkeypatch.setattr(casefile, "MAX_XLSX_CELLS", 200)
    monkeypatch.setattr(casefile, "MAX_XLSX_STRINGS", 200)
    monkeypatch.setattr(casefile, "MAX_XLSX_ROW_CELLS", 16)
    data = _raw_workbook(sheet, shared)
    with pytest.raises(InputError) as raised:
        casefile.read_cases(data, delegation.load("A").facts, name="sager.xlsx")
    assert raised.value.problems[0].key == "cases.xlsx_too_many_cells"


def test_a_workbook_holding_a_text_no_case_list_has_is_refused_before_it_is_read():
    """One shared string of 95 MB in a 94 KB workbook took 1 GB while openpyxl read it; a text
    over MAX_XLSX_TEXT characters (in one piece of the stream or across pieces) is refused first."""
    facts = delegation.load("A").facts
    for long in (b"x" * (casefile.MAX_XLSX_TEXT + 1), b"x" * (3 << 20)):
        data = _raw_workbook(b'<row><c t="s"><v>0</v></c></row>', b"<sst><si><t>" + long + b"</t></si></sst>")
        with pytest.raises(InputError) as raised:
            casefile.read_cases(data, facts, name="sager.xlsx")
        assert raised.value.problems[0].key == "cases.xlsx_long_text"
        assert "en sagsliste har titler, ikke bøger" in raised.value.render("da")
    from openpyxl import Workbook

    book, written = Workbook(), io.BytesIO()
    book.active.append(["Sagstitel"])
    book.active.append(["Bevillinger fra Erhvervspuljen " + "x" * 2000])  # long, but a line
    book.save(written)
    assert len(casefile.read_cases(written.getvalue(), facts, name="sager.xlsx").rows) == 1


def test_a_file_of_made_up_rows_lists_the_first_unresolved_and_counts_the_rest(monkeypatch):
    """A workbook of 199.000 made-up rows of 400 characters was answered with 270 MB of JSON:
    each plan lists MAX_LISTED rows, each text cut to what the resolver reads, and counts the rest."""
    from delegation.analysis import workload as weighing

    monkeypatch.setattr(weighing, "MAX_LISTED", 5)
    rows = "\n".join(
        ["Sagstitel"] + [f"Qwzx plorv nummer {n} " + "y" * 500 for n in range(12)] + ["Tillægsbevillinger"]
    )
    volumes = weighing.workload(rows.encode(), ["A"], name="sager.csv")
    (plan,) = volumes.plans
    assert len(plan.unresolved) == 5 and plan.unlisted == 7 and plan.resolved == 1
    assert all(len(row.text) <= 300 for row in plan.unresolved)
    from delegation.presentation.volumes import summary_lines

    assert "Plan A: 1 sager fundet, 12 ikke fundet." in summary_lines(volumes)


def test_a_sheet_with_a_comment_is_refused(monkeypatch):
    """No spreadsheet writes XML comments; one holding "<row" would start a row and reset the count."""
    monkeypatch.setattr(casefile, "MAX_XLSX_ROW_CELLS", 16)
    sheet = b"<row>" + (b"<c/>" * 10 + b"<!--<row-->") * 10 + b"</row>"
    with pytest.raises(InputError) as raised:
        casefile.read_cases(_raw_workbook(sheet), delegation.load("A").facts, name="sager.xlsx")
    assert raised.value.problems[0].key == "cases.bad_xlsx"


def test_a_sheet_where_the_relations_put_it_is_counted_too(monkeypatch):
    monkeypatch.setattr(casefile, "MAX_XLSX_ROW_CELLS", 16)
    wide = b"<worksheet><sheetData><row>" + b"<c/>" * 100 + b"</row></sheetData></worksheet>"
    data = _raw_workbook(b"<row><c><v>1</v></c></row>", None, **{"xl/elsewhere/sheet.xml": wide})
    with pytest.raises(InputError) as raised:
        casefile.read_cases(data, delegation.load("A").facts, name="sager.xlsx")
    assert raised.value.problems[0].key == "cases.xlsx_too_many_cells"


def test_the_cell_count_sees_every_tag_whatever_the_pieces_it_is_read_in(monkeypatch):
    """The sheet is counted in pieces of the unpacked stream; a tag cut between two is counted once."""
    monkeypatch.setattr(casefile, "MAX_XLSX_ROW_CELLS", 1_000)
    sheet = b"<row>" + b"<c/>" * 1_000 + b"</row>"
    assert sum(1 for _ in casefile._xlsx_rows(_raw_workbook(sheet), "s.xlsx", "da")) == 1
    with pytest.raises(InputError):
        list(casefile._xlsx_rows(_raw_workbook(b"<row>" + b"<c/>" * 1_001 + b"</row>"), "s.xlsx", "da"))
    pieces = list(casefile._chunks(io.BytesIO(b"<row>" + b"<c/>" * 600_000 + b"</row>")))
    assert len(pieces) > 1 and sum(piece.count(b"<c/") for piece in pieces) == 600_000


@pytest.mark.parametrize(
    "members",
    [
        {"xl/workbook.xml": b"<workbook><sheets><sheet"},  # damaged XML
        {"[Content_Types].xml": b"not xml"},
        {
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheet'
            b'ml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            b'<sheet name="S" sheetId="abc" r:id="rId1"/></sheets></workbook>'
        },
    ],
)
def test_a_damaged_workbook_is_bad_input_never_a_500(client, members):
    data = _raw_workbook(b"<row><c><v>1</v></c></row>", None, **members)
    answer = client.post("/workload", content=data)
    assert answer.status_code == 422 and answer.json()["error"]["key"] == "cases.bad_xlsx", answer.text


def test_the_memo_of_written_dates_keeps_no_tail_a_file_sends(monkeypatch):
    """A date cell with a long tail ("01-01-2024 " and 120 KB) is read as its date, and what the
    memo of dates is given (and keeps) is no longer than a date and a time can be."""
    given: list[str] = []
    memo = casefile._year_of

    def spy(written: str) -> int:
        given.append(written)
        return memo(written)

    monkeypatch.setattr(casefile, "_year_of", spy)
    for tail in range(50):
        assert casefile._year("01-01-2024 " + str(tail) * 20_000) == 2024
    assert len(given) == 50 and max(map(len, given)) <= casefile.MAX_DATE_TEXT


def test_a_text_of_made_up_words_costs_a_bounded_number_of_guesses(monkeypatch):
    """A word the plan lacks is cut into compound parts and compared with the plan's words (a
    millisecond each): only the first MAX_GUESSED of a text are, and the other drafts are asked
    only when the text holds a word of a case type they list and this one does not. A 394-byte
    text of 44 made-up words took 45-61 ms of the event loop; now a few."""
    import random

    from delegation.engine import rank, uncovered
    from delegation.engine.index import index_of

    rng = random.Random(1)
    text = " ".join("b" + "".join(rng.choice("abdefgiklmnoprstuv") for _ in range(6)) for _ in range(44))
    plan = delegation.load("A")
    guessed: list[str] = []

    def counting(index, word, key):
        if key not in index.postings:
            guessed.append(word)
        return rank._alternatives(index, word, key)

    pairs = [(w, w, rank.stem(w)) for w in text.split()]
    rank.slots_of(index_of(plan), pairs, counting)
    assert len(guessed) == rank.MAX_GUESSED
    asked: list[str] = []
    monkeypatch.setattr(uncovered, "resolve_case", lambda other, *a, **k: asked.append(other.id))
    decision = plan.decide(text)
    assert not decision.covered and asked == []
    # a case type B removed is still named with the drafts that list it
    monkeypatch.undo()
    removed = delegation.load("B").decide("Ansættelsesforhold for forvaltningschefer")
    assert removed.known_in and removed.known_in[0].plan in ("A", "C")


def test_healthz_says_no_path_outside_the_rules_folder(served):
    """A reload's errors are public (/healthz): an include of "../fælles.dlg" or a file linked to
    /etc/passwd is named by its file's name, never its path on the server."""
    rules, client = served
    outside = rules.parent / "fælles.dlg"
    outside.write_text('fact x "x"\n', encoding="utf-8")
    plan = rules / "plan_a.dlg"
    plan.write_text(plan.read_text(encoding="utf-8") + '\ninclude "../fælles.dlg"\n', encoding="utf-8")
    result = client.post("/admin/reload", json={}).json()
    assert result["reloaded"] is False and result["errors"]
    shown = json.dumps(client.get("/healthz").json(), ensure_ascii=False)
    assert str(rules.parent) not in shown and "fælles.dlg" in shown


def test_a_message_keeps_a_web_address_and_a_fraction_whole():
    from delegation.service.store import _within

    assert _within("se https://x.dk/a/b og 1/2 mio.", Path("/srv/rules")) == "se https://x.dk/a/b og 1/2 mio."
    # a quoted path keeps none of its folders, spaces or not
    assert _within('include "/home/jens hansen/hemmelig/x.dlg"', Path("/srv/rules")) == 'include "x.dlg"'


def test_a_batch_line_names_a_plan_never_a_file():
    from delegation.service.batch import decide_lines

    lines = ['{"case": "x", "plan": "/etc/passwd"}', '{"case": "x", "plan": "../rules/plan_a.dlg"}']
    lines.append('{"case": "erhvervspuljen", "plan": "a"}')
    first, second, third = decide_lines(lines)
    assert first["error"]["key"] == second["error"]["key"] == "batch.plan_path"
    assert "root" not in first["error"]["message"] and third["case_type"]["id"] == "erhvervspuljen"


def test_head_a_trailing_slash_and_a_500_are_answered_as_a_browser_expects(monkeypatch):
    client = TestClient(create_app(), client=LOCAL, raise_server_exceptions=False)
    head = client.head("/healthz")
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
    assert client.head("/sporg", params={"sag": "erhvervspuljen"}).status_code == 200
    # No redirect built from the Host header: the path is served as it is meant.
    page = client.get("/plan/", headers={"host": "evil.example"}, follow_redirects=False)
    assert page.status_code == 200 and "location" not in page.headers
    # An internal error's 500 carries the security headers, as every other answer does.
    from delegation.service import api

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "_decide", broken)
    failed = client.post("/plans/A/decide", json={"case": "erhvervspuljen"})
    assert failed.status_code == 500 and "a bug" not in failed.text
    assert (
        failed.headers["x-content-type-options"] == "nosniff" and failed.headers["x-frame-options"] == "DENY"
    )


def test_a_diff_over_http_compares_a_bounded_number_of_plans(client):
    answer = client.get("/diff", params={"plans": ",".join(["A"] * 99)})
    assert answer.status_code == 422 and answer.json()["error"]["key"] == "diff.too_many_plans"
    assert client.get("/diff", params={"plans": "A,B,C,A"}).status_code == 200


def test_a_fifo_in_an_included_files_place_is_an_error_not_a_hang(served):
    rules, client = served
    assert client.post("/plans/A/decide", json={"case": "erhvervspuljen"}).status_code == 200  # cached
    (rules / "sprog.dlg").rename(rules.parent / "sprog.dlg")
    os.mkfifo(rules / "sprog.dlg")
    refused = client.post("/admin/reload", json={}).json()  # the compiled cache's check blocked here
    assert refused["reloaded"] is False and "sprog.dlg" in refused["errors"][0]
    with pytest.raises(delegation.DelegationError):
        delegation.load("A", rules)
    os.unlink(rules / "sprog.dlg")
    (rules / "sprog.dlg").mkdir()  # a folder in its place: "intern fejl" from the cache's check
    with pytest.raises(delegation.DelegationError) as raised:
        delegation.load("A", rules)
    assert raised.value.problems[0].key == "source.directory"
    assert "sprog.dlg" in client.post("/admin/reload", json={}).json()["errors"][0]


def test_two_files_declaring_one_plan_are_an_error_not_a_silent_choice(served):
    rules, client = served
    shutil.copy2(rules / "plan_c.dlg", rules / "plan_c - kopi.dlg")
    plan_c = rules / "plan_c.dlg"
    plan_c.write_text(plan_c.read_text(encoding="utf-8").replace("plan C", "plan C", 1), encoding="utf-8")
    refused = client.post("/admin/reload", json={}).json()
    assert refused["reloaded"] is False and refused["plans"] == ["A", "B", "C"]
    assert "plan C erklæres af to filer i regelmappen: plan_c - kopi.dlg, plan_c.dlg" in refused["errors"][0]
    with pytest.raises(delegation.DelegationError) as raised:
        delegation.load("C", rules)
    assert raised.value.problems[0].key == "registry.duplicate"
    assert delegation.load("A", rules).id == "A"  # the other plans are not in doubt


def test_a_5000_digit_number_fails_its_line_not_the_batch():
    from delegation.service.batch import decide_lines

    lines = [
        '{"case": "erhvervspuljen", "facts": {"amount": ' + "9" * 5000 + "}}",
        '{"case": "erhvervspuljen"}',
    ]
    first, second = decide_lines(lines, default_plan="A")
    assert first["error"]["key"] == "batch.not_json" and second["case_type"]["id"] == "erhvervspuljen"


def test_the_log_to_the_last_day_there_is(tmp_path):
    from delegation.service.logbook import LogFilter, read_log

    log = DecisionLog(str(tmp_path / "log.sqlite"))
    log.close()
    assert list(read_log(log.url, LogFilter.parse(until="9999-12-31"))) == []  # OverflowError: a 500
    with pytest.raises(InputError) as raised:
        LogFilter.parse(since="2025-02-30")
    assert raised.value.problems[0].field == "from"  # as the query names it, not "since"


def test_a_case_files_amount_past_any_decision_is_the_rows_problem():
    plan = delegation.load("A")
    data = ("sag;beløb\nerhvervspuljen;" + "9" * 30 + "\nerhvervspuljen;600.000\n").encode()
    read = casefile.read_cases(data, plan.facts, name="sager.csv")
    assert [row.facts for row in read.rows] == [{"amount": 600_000}] and len(read.skipped) == 1


def test_no_redirect_is_built_from_the_host_header(client):
    for path in ("/static", "/static/", "/docs-assets"):
        answer = client.get(path, headers={"host": "evil.example"}, follow_redirects=False)
        assert answer.status_code == 404 and "location" not in answer.headers


def test_a_trailing_slash_does_not_make_heavy_work_light():
    from delegation.service.api import create_app as app_of
    from delegation.service.headers import RequestShape

    seen = []

    async def app(scope, receive, send):
        seen.append(scope["path"])

    import asyncio

    asyncio.run(
        RequestShape(app)({"type": "http", "method": "POST", "path": "/plans/A/decide/batch/"}, None, None)
    )
    assert seen == ["/plans/A/decide/batch"]
    # ... and the limiter sits inside it, so it weighs that path.
    built = app_of().build_middleware_stack()
    assert type(built) is RequestShape


def test_check_test_and_plans_refuse_a_folder_where_two_files_declare_one_plan(tmp_path, monkeypatch):
    from delegation.analysis.checking import check
    from delegation.analysis.ruletest import run_tests

    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    shutil.copy2(rules / "plan_c.dlg", rules / "plan_c - kopi.dlg")
    # check said "0 fejl", test skipped plan C's examples, plans listed the copy as C
    for call in (
        lambda: check(rules_dir=rules),
        lambda: run_tests([], rules_dir=rules),
        lambda: delegation.plans(rules),
    ):
        with pytest.raises(delegation.DelegationError) as raised:
            call()
        assert raised.value.problems[0].key == "registry.duplicate"


@pytest.mark.parametrize(
    "body",
    [
        b'{"case": "x", "facts": {"amount": ' + b"9" * 5000 + b"}}",
        b'{"case": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",  # nested past the parser's depth
    ],
    ids=["5000-digits", "50000-deep"],
)
def test_a_body_json_cannot_read_is_malformed_json_in_the_callers_language(client, body):
    answer = client.post(
        "/plans/A/decide?lang=en", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400 and answer.json()["error"]["key"] == "http.malformed_json"
    assert "There was an error" not in answer.text


# From an attack on the command line (2026-11-27): each gave "intern fejl" (exit 70) or hung.
@pytest.mark.parametrize(
    "make, key",
    [
        (lambda tmp: ("a" * 300 + ".dlg", None), "source.unreadable"),  # ENAMETOOLONG
        (lambda tmp: ("B", str(tmp / ("a" * 300))), "rules.unreadable"),
        (lambda tmp: ("/proc/self/mem", None), "source.unreadable"),  # a "regular" file that fails to read
    ],
)
def test_a_path_the_system_refuses_is_an_input_error(tmp_path, make, key):
    from delegation.engine.rulesfolder import find_rules

    plan, rules = make(tmp_path)
    with pytest.raises(delegation.DelegationError) as raised:
        delegation.load(plan, find_rules(rules).path if rules else None)
    assert raised.value.problems[0].key == key


def test_a_plan_file_linked_to_itself_is_no_plan(tmp_path):
    (tmp_path / "plan_b.dlg").symlink_to("plan_b.dlg")
    assert plan_files(tmp_path) == {}
    with pytest.raises(InputError):
        delegation.load("B", tmp_path)


def test_a_project_file_nested_too_deep_is_said_to_be_so(tmp_path):
    from delegation.engine.rulesfolder import find_rules

    (tmp_path / "delegation.toml").write_text("rules = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        find_rules(start=tmp_path, environ={})
    assert raised.value.problems[0].text("en").endswith("not valid TOML: nested too deeply")


@pytest.mark.parametrize("kind", ["fifo", "nested"])
def test_a_cache_entry_that_is_no_json_file_is_compiled_again(tmp_path, monkeypatch, kind):
    from delegation.engine import cache, registry

    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path))
    tmp_path.chmod(0o700)
    main = (Path(builtin_rules_dir()) / "plan_c.dlg").resolve()
    registry.forget()
    delegation.load("C")  # writes the entry
    (entry,) = tmp_path.glob("plan-*.json")
    entry.unlink()
    if kind == "fifo":  # opening it without O_NONBLOCK waited for a writer for good
        os.mkfifo(entry)
    else:
        entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert cache.read(main) is None
    registry.forget()
    assert delegation.load("C").id == "C"


def test_importing_the_package_loads_no_stage():
    """The command is inside its own error handling (and Ctrl-C's) before the engine is imported."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import delegation, sys; print(sorted(m for m in sys.modules if m.startswith('delegation.')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['delegation._version', 'delegation.hints', 'delegation.lazy']"  # no stage
    for name in delegation.__all__:  # and every public name is there when asked for
        assert getattr(delegation, name) is not None, name


def test_a_body_of_many_unknown_keys_is_refused_for_the_first_with_one_error(client):
    """50.000 unknown keys made pydantic build 50.000 errors on the event loop (0.5 s, while
    /healthz waited): the body is refused for its first unknown key, as before, with one error."""
    from pydantic import ValidationError

    from delegation.service.contracts import BatchRequest, DecideRequest

    body = {"case": "erhvervspuljen", **{f"k{i}": 1 for i in range(50_000)}}
    with pytest.raises(ValidationError) as raised:
        DecideRequest.model_validate(body)
    assert raised.value.error_count() == 1 and raised.value.errors()[0]["loc"] == ("k0",)
    with pytest.raises(ValidationError) as raised:
        BatchRequest.model_validate({"cases": [], **{f"k{i}": 1 for i in range(1000)}})
    assert raised.value.error_count() == 1
    answer = client.post("/plans/A/decide", json={"case": "x", "colour": 1, "size": 2})
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "colour"


@pytest.mark.parametrize(
    "text", ["udlicitering med nı ansatte", "ſeks ansatte udliciteres", "NİTTEN personer"]
)
def test_a_count_word_spelled_with_a_dotless_or_long_letter_is_no_500(client, text):
    """Under IGNORECASE "i" matches "ı" and "İ", "s" matches "ſ": the count word's table had no
    such key (KeyError: 500 for a decision, and for a whole batch of 1.000 with one such text)."""
    assert client.post("/plans/A/decide", json={"case": text}).status_code == 200
    batch = client.post("/plans/A/decide/batch", json={"cases": [{"case": text}, {"case": "erhvervspuljen"}]})
    assert batch.status_code == 200


def test_a_chunked_body_is_weighed_as_long_whatever_content_length_says():
    """ "Content-Length: 10" beside a chunked megabyte made a decision light: h11 reads the chunks."""
    from delegation.service.limits import place

    chunked = [(b"content-length", b"10"), (b"transfer-encoding", b"chunked")]
    assert place("POST", "/plans/A/decide", chunked) == "work"
    assert place("POST", "/plans/A/decide", [(b"content-length", b"10")]) is None
    # A decision in every plan is a decision: light while short, as one plan's is.
    assert place("POST", "/decide", [(b"content-length", b"60")]) is None
    assert place("POST", "/decide", [(b"content-length", b"5000")]) == "work"


def test_a_long_unknown_fact_name_is_refused_without_a_suggestion(client):
    """difflib compared each made-up name with every fact in time quadratic in its length: 50 names
    of 19.000 characters took 160-280 ms of the event loop."""
    from delegation.errors import MAX_SUGGESTED, did_you_mean

    assert did_you_mean("x" * (MAX_SUGGESTED + 1), ["amount"]) is None
    assert did_you_mean("amout", ["amount"]) is not None
    facts = {f"{index}{'x' * 19_000}": 1 for index in range(50)}
    refused = client.post("/plans/A/decide", json={"case": "erhvervspuljen", "facts": facts})
    assert refused.status_code == 422 and "hint" not in refused.json()["error"]
