"""`delegation workload`: a file of real cases weighed against the plans, counted per year and body.

The expected counts are worked out by hand from the plans' text (docs/sager_eksempel_opdigtet.csv,
invented figures): Tillægsbevillinger and Klage over kommunalvalg are the council's in every plan;
Erhvervspuljen is the council's over 500.000 kr. in A, Magistraten's from 250.000 kr. (A: to
500.000) with ØEU briefed before in B and C, BA's below; Erhvervsplan is the council's in A and C,
Magistraten's in B with ØEU briefed before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import delegation
from delegation.analysis.casefile import read_cases
from delegation.analysis.workload import plan_facts, weigh, workload
from delegation.errors import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "sager_eksempel_opdigtet.csv"
DELEGATION = str(Path(sys.executable).with_name("delegation"))


def _decides(volumes, plan: str, year: int) -> dict[str, int]:
    found = next(y for y in volumes.plan(plan).years if y.year == year)
    return {body: counts.decides for body, counts in found.bodies.items() if counts.decides}


def _briefed(volumes, plan: str) -> dict[str, int]:
    return {b: c.briefed_before for b, c in volumes.plan(plan).total.items() if c.briefed_before}


def test_the_invented_example_counted_by_hand():
    volumes = workload(EXAMPLE, ["A", "B", "C"])
    assert (volumes.rows, volumes.used, len(volumes.skipped)) == (13, 10, 3)
    assert [s.line for s in volumes.skipped] == [11, 12, 13]  # bad date, bad amount, missing column
    assert volumes.years == (2024, 2025)
    assert _decides(volumes, "A", 2024) == {"byraadet": 3, "magistraten": 1, "ba": 1}
    assert _decides(volumes, "A", 2025) == {"byraadet": 3}
    assert _decides(volumes, "B", 2024) == {"byraadet": 2, "magistraten": 2, "ba": 1}
    assert _decides(volumes, "B", 2025) == {"byraadet": 2, "magistraten": 1}
    assert _decides(volumes, "C", 2024) == {"byraadet": 2, "magistraten": 2, "ba": 1}
    assert _decides(volumes, "C", 2025) == {"byraadet": 3}
    assert _briefed(volumes, "A") == {}
    assert _briefed(volumes, "B") == {"oeu": 3}
    assert _briefed(volumes, "C") == {"oeu": 2}
    assert [[y.council_items for y in volumes.plan(p).years] for p in "ABC"] == [[3, 3], [2, 2], [2, 3]]
    for plan in volumes.plans:  # nothing silently dropped: every used row is resolved or listed
        assert plan.resolved + len(plan.unresolved) == volumes.used
        assert [(u.line, u.reason) for u in plan.unresolved] == [(10, "facts"), (14, "none")]
    flows = {(f.from_plan, f.to_plan, f.from_, f.to): f.cases for f in volumes.flows}
    assert flows == {
        ("A", "B", "byraadet", "magistraten"): 2,
        ("A", "C", "byraadet", "magistraten"): 1,
        ("B", "C", "magistraten", "byraadet"): 1,
    }


def _excel_csv(encoding: str) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8-sig")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_danish_excel_encodings_read_alike(encoding):
    plans = [delegation.load("A")]
    facts = plan_facts(plans)
    read = read_cases(_excel_csv(encoding), facts, name="sager.csv")
    expected = read_cases(EXAMPLE, facts)
    assert [(r.line, r.text, r.year, r.facts) for r in read.rows] == [
        (r.line, r.text, r.year, r.facts) for r in expected.rows
    ]
    assert read.rows[4].facts == {"amount": 300_000.0}  # "300.000,00": decimal comma, dotted thousands


def test_xlsx_reads_as_the_csv_with_english_headers_and_real_dates(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Case title", "Date", "Amount"])
    sheet.append(["Bevillinger fra Erhvervspuljen", dt.datetime(2024, 3, 10), 600000])
    sheet.append(["Tillægsbevillinger", dt.date(2025, 1, 2), None])
    sheet.append(["Erhvervsplan", "not a date", None])
    path = tmp_path / "sager.xlsx"
    book.save(path)
    volumes = workload(path, ["A"])
    assert volumes.encoding == "xlsx"
    assert volumes.columns == {"case": "Case title", "date": "Date", "amount": "Amount"}
    assert _decides(volumes, "A", 2024) == {"byraadet": 1}
    assert _decides(volumes, "A", 2025) == {"byraadet": 1}
    assert [(s.line, "dato" in s.reason) for s in volumes.skipped] == [(4, True)]


def test_columns_given_by_name_and_a_header_that_is_not_there():
    data = "Emnet;Hvornår;Kroner\nBevillinger fra Erhvervspuljen;2024-03-10;600.000\n".encode()
    with pytest.raises(InputError):  # no column the reader recognises as the case
        workload(data, ["A"])
    volumes = workload(data, ["A"], columns={"case": "Emnet", "date": "Hvornår", "amount": "Kroner"})
    assert _decides(volumes, "A", 2024) == {"byraadet": 1}
    with pytest.raises(InputError) as missing:
        workload(data, ["A"], columns={"case": "Titel"})
    assert "Emnet" in missing.value.problems[0].message
    with pytest.raises(InputError):
        workload(data, ["A"], columns={"colour": "Emnet"})


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xd0\xcf\x11\xe0 old excel",
        b"\x00\x01\x02\x03",
        b"PK\x03\x04 not really a workbook",
        b"Titel\n\x81\x8d\x8f\n",
    ],
)
def test_unreadable_files_are_refused_with_a_message(data):
    with pytest.raises(InputError) as refused:
        workload(data, ["A"])
    assert refused.value.problems[0].message


def test_kle_codes_malformed_skipped_unknown_unresolved():
    plan = delegation.load(Path(__file__).parent / "fixtures" / "udvalgskommune" / "styrelse_2026.dlg")
    data = b"KLE;Dato\n01.02.05;2026-01-02\n99.99.99;2026-01-03\n5.1;2026-01-04\n"
    volumes = weigh(read_cases(data, plan.facts), [plan])
    assert [s.line for s in volumes.skipped] == [4]
    assert volumes.plans[0].resolved == 1
    assert [(u.line, u.reason) for u in volumes.plans[0].unresolved] == [(3, "kle")]


def test_resolution_is_memoised_per_text_but_facts_still_choose_between_siblings():
    # Anlægsregnskaber and Anlægsregnskaber over 50 mio. kr. are told apart by the amount, row by row.
    data = (
        "Titel;Dato;Beløb\n"
        "Anlægsregnskab;2024-01-01;75 mio.\n"
        "Anlægsregnskab;2024-01-02;10 mio.\n"
        "Anlægsregnskab;2024-01-03;80 mio.\n"
    ).encode()
    plan = delegation.load("B")
    volumes = workload(data, [plan])
    rows = [plan.decide("Anlægsregnskab", amount=v) for v in (75e6, 10e6, 80e6)]
    expected: dict[str, int] = {}
    for decision in rows:
        expected[decision.decides] = expected.get(decision.decides, 0) + 1
    assert _decides(volumes, "B", 2024) == expected


def test_a_rows_sender_is_its_department_as_decide_reads_it():
    """Plan B's Udlicitering is the relative department's: a row opening "MTM - " is MTM's, as
    `decide` answers it, and the same words without the prefix stay the department's."""
    data = (
        b"Titel;Dato\n"
        b"MTM - udlicitering af vejservice med 25 ansatte;2024-01-01\n"
        b"Udlicitering af vejservice med 25 ansatte;2024-01-02\n"
    )
    plan = delegation.load("B")
    assert plan.decide("MTM - udlicitering af vejservice med 25 ansatte").decides == "mtm"
    assert _decides(workload(data, [plan]), "B", 2024) == {"mtm": 1, "afdelingen": 1}


def test_cli_workload_and_diff_with_cases_in_a_real_process(tmp_path):
    done = subprocess.run(
        [DELEGATION, "workload", "--cases", str(EXAMPLE), "--plan", "A", "--plan", "B"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "13 rækker læst: 10 brugt, 3 sprunget over." in done.stdout
    assert "linje 13" in done.stdout
    report = tmp_path / "rapport.html"
    weighted = subprocess.run(
        [DELEGATION, "diff", "A", "B", "C", "--cases", str(EXAMPLE), "--html", "-o", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert weighted.returncode == 0, weighted.stderr
    html = report.read_text()
    assert "Sager på byrådets dagsorden pr. år og plan" in html and "<svg" in html
    garbage = tmp_path / "sager.csv"
    garbage.write_bytes(b"\x00\xff\x00\xfe" * 10)
    refused = subprocess.run(
        [DELEGATION, "workload", "--cases", str(garbage)], capture_output=True, text=True, timeout=120
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr and "sager.csv" in refused.stderr


def test_diff_text_weighs_workload_with_the_unweighted_counts_beside(run):
    result = run("diff", "A", "B", "--cases", str(EXAMPLE))
    assert result.exit_code == 0
    assert "Vægtet med sagsmængder" in result.output
    assert "6 (36)" in result.output  # the council: 6 cases of the file, 36 case types in plan A
    assert run("diff", "A", "B", "--cases", str(EXAMPLE), "--json").exit_code == 2
    markdown = run("diff", "A", "B", "--cases", str(EXAMPLE), "--markdown")
    assert markdown.exit_code == 0
    assert "| Byrådet | 6 (36) |" in markdown.output  # weighed, with the case-type count beside it


def test_progress_is_reported_up_to_the_whole_work():
    seen: list[tuple[int, int]] = []
    plans = [delegation.load("A"), delegation.load("B")]
    read = read_cases(EXAMPLE, plan_facts(plans))
    weigh(read, plans, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2 * len(read.rows), 2 * len(read.rows))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_excel_separator_hint_and_journal_numbers_filed_by_their_kle_code():
    plan = delegation.load(Path(__file__).parent / "fixtures" / "udvalgskommune" / "styrelse_2026.dlg")
    data = (
        "sep=,\nJournalnummer,Dato\n01.02.05-P19-3-25,2026-01-02\n01.02.05,2026-01-03\nG01-01.02,2026-01-04\n"
    )
    read = read_cases(data.encode(), plan.facts)
    assert [row.kle for row in read.rows] == ["01.02.05-P19", "01.02.05"]
    assert [(s.line, "KLE" in s.reason) for s in read.skipped] == [(5, True)]


def _cut_workbook(tmp_path: Path) -> Path:
    """A real .xlsx whose sheet XML is cut in half: the zip opens, the sheet fails only when read."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Titel", "Dato", "Beløb"])
    for n in range(200):
        book.active.append([f"Bevillinger fra Erhvervspuljen {n}", "2024-03-10", 600000])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    return cut


def test_a_workbook_with_a_damaged_sheet_is_refused_as_input(tmp_path):
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    cut = _cut_workbook(tmp_path)
    with pytest.raises(InputError) as refused:
        workload(cut, ["A"])
    assert refused.value.problems[0].key == "cases.bad_xlsx"
    assert "kan ikke læses som Excel-fil" in refused.value.render("da")
    assert "cannot be read as an Excel file" in refused.value.render("en")
    done = subprocess.run(
        [DELEGATION, "workload", "--cases", str(cut)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "bad.xlsx: kan ikke læses som Excel-fil" in done.stderr and "intern fejl" not in done.stderr
    client = TestClient(create_app(), client=("127.0.0.1", 50000))
    answer = client.post("/workload?plan=A&name=bad.xlsx", content=cut.read_bytes())
    assert answer.status_code == 422, answer.text
    assert "kan ikke læses som Excel-fil" in answer.text


def test_a_file_in_no_known_encoding_is_described_in_the_messages_language():
    with pytest.raises(InputError) as refused:
        workload(b"Titel\n\x81\x8d\x8f\n", ["A"])
    assert "byte 0x81 ved position 6; ikke UTF-8 fra byte 6" in refused.value.render("da")
    assert "byte 0x81 at 6; not UTF-8 from byte 6" in refused.value.render("en")
