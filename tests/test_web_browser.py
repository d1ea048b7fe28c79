"""The web pages in headless Chromium: ask with the keyboard, compare the plans, the Organ pages, print."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_harness import browser, open_page, require_browser, server, web  # noqa: F401

import delegation
from delegation.engine.wording import body_label, outcome_sentence

require_browser()
pytestmark = pytest.mark.browser


def cell(page, plan: str, row: str) -> str:
    return " ".join(page.locator(f'td[data-plan="{plan}"][data-row="{row}"]').inner_text().split())


def test_ask_with_the_keyboard_and_compare_the_plans(web):
    page = web.goto("/sporg")
    for _ in range(12):  # skip link, brand, menu ... then the case field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sag":
            break
    assert page.evaluate("document.activeElement.id") == "sag", "the case field is reachable by Tab"
    assert page.locator('[data-fact="amount"]').is_hidden(), "no case type yet: no amount field"
    page.keyboard.type("erhvervspulj")
    page.locator('#forslag [role="option"]').first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#sag", "aria-activedescendant") == "forslag-0"
    page.keyboard.press("Enter")
    assert page.input_value("#sag") == "Bevillinger fra Erhvervspuljen"
    assert page.evaluate("document.activeElement.id") == "fact-amount", "focus moves to the amount"
    assert page.locator('[data-fact="persons"]').is_hidden()
    page.keyboard.type("300.000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"sag": ["Bevillinger fra Erhvervspuljen"], "amount": ["300.000"]}
    for plan in delegation.plans():
        decision = plan.decide("Bevillinger fra Erhvervspuljen", amount=300_000)
        assert cell(page, plan.id, "svar") == outcome_sentence(plan, decision)
        assert cell(page, plan.id, "decides") == body_label(plan, decision.decides)
    assert cell(page, "A", "before") == "Ingen"
    assert cell(page, "B", "before") == "ØEU (på møde)"
    assert "Bevillinger fra Erhvervspuljen 250.000-500.000 kr." in cell(page, "A", "tekst")
    assert web.fits_width()
    web.shot("sporg")


def test_a_missing_fact_shows_the_bands_and_a_band_can_be_asked(web):
    page = web.goto("/sporg?sag=udlicitering")
    assert page.locator('[data-fact="persons"]').is_visible()
    assert page.locator("select#department").is_visible(), "the owning department matters here"
    bands = delegation.load("A").decide("udlicitering").outcomes
    assert page.locator('td[data-plan="A"] ul.bands > li').count() == len(bands)
    web.shot("sporg-udfald")
    page.select_option("select#department", "mtm")
    page.fill("#fact-persons", "3")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert parse_qs(urlsplit(page.url).query) == {
        "sag": ["udlicitering"],
        "persons": ["3"],
        "department": ["mtm"],
    }
    plan = delegation.load("A")
    assert cell(page, "A", "decides") == body_label(plan, "mtm")


def test_only_chosen_plans_are_asked(web):
    page = web.goto("/sporg?sag=erhvervspuljen&amount=300000")
    page.uncheck('input[name="plan"][value="C"]')
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert parse_qs(urlsplit(page.url).query)["plan"] == ["A", "B"]
    assert page.locator('td[data-plan="C"]').count() == 0
    assert page.locator('td[data-plan="B"][data-row="svar"]').is_visible()


def test_a_bad_amount_is_explained_next_to_the_field(web):
    page = web.goto("/sporg?sag=erhvervspuljen&amount=mange")
    error = page.locator("#fejl-amount")
    assert error.is_visible() and "kan ikke læses som et tal" in error.inner_text()
    assert page.get_attribute("#fact-amount", "aria-describedby") == "fejl-amount"
    assert page.locator("table.answers").count() == 0


def test_print_shows_the_answer_not_the_form(web):
    page = web.goto("/sporg?sag=erhvervspuljen&amount=600.000")
    page.emulate_media(media="print")
    assert page.locator("form#ask").is_hidden() and page.locator("header.site").is_hidden()
    assert page.locator("table.answers").is_visible()
    assert page.locator(".print-only").is_visible(), "the printout says where it came from"
    web.shot("sporg-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (web.shot("sporg-print").parent / "sporg-print.pdf").write_bytes(pdf)
    page.goto(web.base + "/sammenlign?section=ba&only_changed=1")
    assert page.locator("form#filters").is_hidden() and page.locator("table.matrix").is_visible()


def test_narrow_screen_has_nothing_cut_off(browser, server):  # noqa: F811
    context, narrow = open_page(browser, server, width=390, height=844)
    try:
        narrow.goto("/sporg?sag=erhvervspuljen&amount=300000")
        assert narrow.fits_width()
        narrow.shot("sporg-smal")
        for path in (
            "/organ/ba",
            "/sammenlign",
            "/sammenlign?celle=A:erhvervspuljen",
            "/historik?sag=erhvervspuljen",
        ):
            narrow.goto(path)
            assert narrow.fits_width(), path
    finally:
        context.close()
    assert not narrow.outside and not narrow.problems


def test_body_pages(web):
    page = web.goto("/organ")
    assert page.locator("table.bodies tbody tr").count() == len(delegation.load("A").bodies)
    web.shot("organer")
    with page.expect_navigation():
        page.get_by_role("link", name="Borgmesterens Afdeling").click()
    assert page.url.endswith("/organ/ba")
    assert page.locator("h1").inner_text().startswith("Borgmesterens Afdeling")
    if shutil.which("dot"):
        assert page.locator("figure.graph svg").is_visible()
        with page.expect_navigation():
            page.get_by_role("link", name="Plan B").first.click()
        assert "graf=B" in page.url
        page.goto(web.base + "/organ/ba")
    assert page.get_by_role("link", name="Bevillinger fra Erhvervspuljen").is_visible()
    web.shot("organ", height=2000)


@pytest.mark.parametrize("path", ["/sporg", "/sammenlign", "/organ", "/organ/byraadet"])
def test_every_page_has_one_main_heading_and_a_skip_link(web, path):
    page = web.goto(path)
    assert page.locator("h1").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Spring til indhold"


def test_filter_the_matrix_and_open_a_cell(web):
    page = web.goto("/sammenlign")
    expected = delegation.diff("A", "B", "C")
    assert page.locator("table.matrix tr[data-case]").count() == len(expected.changes)
    web.shot("sammenlign", height=1600)
    page.select_option("#filter-section", "ba")
    page.check("#only-changed")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert parse_qs(urlsplit(page.url).query) == {"section": ["ba"], "only_changed": ["1"]}
    filtered = delegation.diff("A", "B", "C", section="ba", only_changed=True)
    rows = page.locator("table.matrix tr[data-case]")
    assert rows.count() == len(filtered.changes)
    assert set(page.locator("table.matrix td.mark").all_inner_texts()) <= {"ændret", "tilføjet", "fjernet"}

    filtered_url = page.url
    link = page.locator('tr[data-case="erhvervspuljen"] td[data-plan="B"] a')
    link.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#celle-dialog")
    dialog.wait_for(state="visible")
    change = next(c for c in filtered.changes if c.case_type == "erhvervspuljen")
    text = dialog.inner_text()
    for band in change.bands:
        assert band.condition[0].upper() + band.condition[1:] in text
    assert "Bevillinger fra Erhvervspuljen på over 250.000 kr." in text, "plan B's own words"
    assert "celle=B%3Aerhvervspuljen" in page.url, "the address bar shares the open cell"
    assert page.evaluate("document.activeElement.classList.contains('cell-title')")
    web.shot("sammenlign-celle", height=900)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    page.wait_for_url(filtered_url, timeout=5000)  # the address is put back as the dialog closes
    assert (
        page.evaluate(
            "document.activeElement.closest('td') && document.activeElement.closest('td').dataset.plan"
        )
        == "B"
    )

    page.set_viewport_size({"width": 1280, "height": 1200})
    page.goto(web.base + "/sammenlign#arbejdsbyrde")
    assert page.locator("#arbejdsbyrde ~ figure svg").first.is_visible()
    web.shot("sammenlign-arbejdsbyrde", window=True)
    page.goto(web.base + "/sammenlign#flytninger")
    web.shot("sammenlign-flytninger", window=True)


def test_a_shared_cell_link_opens_without_script(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "/sammenlign?section=ba&celle=A:erhvervspuljen#celle")
        detail = page.locator("#celle")
        assert detail.is_visible()
        assert "Bevillinger fra Erhvervspuljen over 500.000 kr." in detail.inner_text()
    finally:
        context.close()
