"""The Sammensæt page: choices per case type or list, the composed plan's totals, and its downloads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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


def test_a_folder_that_has_a_plan_d_composes_plan_e(tmp_path):
    from delegation.engine.registry import builtin_rules_dir

    for source in Path(builtin_rules_dir()).glob("*.dlg"):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "plan_d.dlg").write_text(
        'plan D extends "plan_c.dlg" {\n  title "Plan D, allerede vedtaget"\n}\n', encoding="utf-8"
    )
    client = TestClient(create_app(tmp_path))
    html = client.get("/sammensaet?base=B&c.erhvervsplan=A").text
    assert "Plan D, allerede vedtaget" in html  # offered as a base, like the others
    assert "kan ikke hedde" not in html
    assert '<h2 id="plan-d">Plan E</h2>' in html and "Flytninger til plan E" in html
    links = [link.replace("&amp;", "&") for link in re.findall(r'href="(/sammensaet/[^"]+)"', html)]
    assert [link.split("?")[0] for link in links] == [
        "/sammensaet/plan_e.dlg",
        "/sammensaet/plan_e_test.dlg",
        "/sammensaet/plan_e.html",
        "/sammensaet/sammenligning.html",
    ]
    names = []
    for link in links:
        answer = client.get(link)
        assert answer.status_code == 200, (link, answer.text)
        names.append(answer.headers["content-disposition"])
    assert names == [
        f'attachment; filename="{name}"'
        for name in ("plan_e.dlg", "plan_e_test.dlg", "plan_e.html", "sammenligning_abcde.html")
    ]
    assert client.get(links[0]).text.count('plan E extends "plan_b.dlg"') == 1


def test_the_built_in_plans_still_compose_plan_d_and_say_when_nothing_is_taken(client):
    html = client.get("/sammensaet?base=A").text
    assert "Regelfilen plan_d.dlg" in html
    rules = client.get("/sammensaet/plan_d.dlg?base=A").text
    assert 'title "Sammensat plan D: A uden ændringer"' in rules
    assert 'source "Sammensat af plan A alene"' in rules and 'sagstyper fra"' not in rules
    english = delegation.compose("A", {}, lang="en").text
    assert (
        'title "Composed plan D: A unchanged"' in english and 'source "Composed of plan A alone"' in english
    )
    taken = delegation.compose("B", {"A": ["erhvervsplan"]}).text
    assert 'title "Sammensat plan D: B med sagstyper fra A"' in taken


def test_plan_ids_in_the_choices_are_read_in_any_case(client):
    """base=a took plan B, and s.ba=a was dropped (an attack on the service)."""
    downloaded = client.get("/sammensaet/plan_d.dlg", params={"base": "a", "c.erhvervspuljen": "c"}).text
    assert 'extends "plan_a.dlg"' in downloaded and "erhvervspuljen" in downloaded


def test_the_chooser_shows_each_drafts_whole_answer(client):
    """A row shows what choosing a draft takes, not its decider only: A and B both let the
    Borgmester decide on a rentehenstand, but A tells the council at a meeting and B by mail; and
    a band's words where a draft answers bands differently (Erhvervspuljen)."""
    html = client.get("/sammensaet", params={"base": "B"}).text

    def cells(case: str) -> dict[str, str]:
        row = html[html.index(f'data-case="{case}"') :].split("</tr>")[0]
        return {plan: row[row.index(f'data-plan="{plan}"') :].split("</td>")[0] for plan in "ABC"}

    deferral = cells("rentehenstand")
    assert "på møde" in deferral["A"] and "pr. mail" in deferral["B"] and "pr. mail" not in deferral["A"]
    assert 'class="condition">beløb: under 250.000 kr.:' in cells("erhvervspuljen")["A"]
