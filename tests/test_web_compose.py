"""The Sammensæt page: choices per case type or list, the composed plan's totals, and its downloads."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient

import delegation
from delegation.analysis.diffing import diff
from delegation.language.parse import parse_text
from delegation.service.api import create_app


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def _workload_cell(html: str, body: str, plan: str) -> list[int]:
    row = re.search(rf'<tr data-body="{body}">(.*?)</tr>', html, re.S)
    assert row is not None
    return [int(v) for v in re.findall(rf'<td class="num" data-plan="{plan}">(\d+)</td>', row.group(1))]


def test_choosing_a_whole_list_from_another_plan_changes_the_totals(client):
    plain = client.get("/sammensaet?base=B").text
    mixed = client.get("/sammensaet?base=B&s.ba=A").text
    # With nothing chosen, D is B; with Borgmesterens Afdeling's list from A, the council decides more.
    assert _workload_cell(plain, "byraadet", "D") == _workload_cell(plain, "byraadet", "B")
    a, b = delegation.load("A"), delegation.load("B")
    composed = delegation.compose("B", {"A": ["ba"]}).plan
    expected = diff(a, b, composed).workload["D"]["byraadet"]
    assert _workload_cell(mixed, "byraadet", "D") == [
        expected.decides,
        expected.briefed_before,
        expected.informed_after,
    ]
    assert _workload_cell(mixed, "byraadet", "D") != _workload_cell(plain, "byraadet", "D")


def test_a_row_choice_overrides_its_list_and_the_downloads_carry_it(client):
    html = client.get("/sammensaet?base=B&c.erhvervsplan=A").text
    assert "med 1 sagstype fra plan A" in html
    links = [link.replace("&amp;", "&") for link in re.findall(r'href="(/sammensaet/[^"]+)"', html)]
    assert {link.split("?")[0] for link in links} == {
        "/sammensaet/plan_d.dlg",
        "/sammensaet/plan_d_test.dlg",
        "/sammensaet/plan_d.html",
        "/sammensaet/sammenligning.html",
    }
    rules = client.get(next(link for link in links if "plan_d.dlg" in link))
    assert rules.headers["content-disposition"] == 'attachment; filename="plan_d.dlg"'
    parsed = parse_text(rules.text, "plan_d.dlg")
    assert [item.case.id for item in parsed.items if hasattr(item, "case")] == ["erhvervsplan"]
    report = client.get(next(link for link in links if "sammenligning" in link)).text
    assert "Plan D" in report and "<svg" in report
    document = client.get(next(link for link in links if "plan_d.html" in link)).text
    assert "Erhvervsplan" in document


def test_unknown_choices_are_ignored_and_the_menu_links_the_page(client):
    html = client.get("/sammensaet?base=Q&c.erhvervsplan=Z").text
    assert 'aria-current="page"' in html and "Sammensæt" in html
    assert "uden ændringer" in html


def test_a_folder_with_one_plan_says_so(tmp_path):
    from conftest import UDVALGSKOMMUNE

    for name in (UDVALGSKOMMUNE.name, "organisation.dlg"):  # one plan and the file it includes
        shutil.copy(UDVALGSKOMMUNE.parent / name, tmp_path / name)
    page = TestClient(create_app(tmp_path)).get("/sammensaet")
    assert page.status_code == 200 and "mindst to planer" in page.text
