"""Every page in headless Chromium at phone and desktop width, the print buttons and the time of
printing, the jump from a citation to its bullet, Sammenlign's downloads, flows and sticky head."""

from __future__ import annotations

import csv
import io
import re

import pytest
from browser_harness import browser, open_page, require_browser, server, web  # noqa: F401

import delegation
from delegation.engine.wording import body_label
from delegation.presentation.report_html import render_html

require_browser()
pytestmark = pytest.mark.browser

PLANS = [plan.id for plan in delegation.plans()]
PAGES = [
    "/sporg",
    "/sporg?sag=erhvervspuljen&amount=300000",
    "/sporg?sag=udlicitering",  # the department list: its longest name must not widen the page
    "/sporg?sag=ny+affaldsordning",
    "/sammenlign",
    "/sammenlign?section=ba&only_changed=1&celle=B:erhvervspuljen",
    "/organ",
    "/organ/ba",
    "/plan",
    *(f"/plan/{plan_id}" for plan_id in PLANS),
    "/sammenlign/rapport.html",
    "/sammenlign/rapport.html?plan=A&plan=B",
]
ERROR_PAGES = ["/organ/findes-ikke", "/sporg?sag=x&plan=D", "/plan/D", "/sammenlign?plan=D"]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser, server, width):
    context, watched = open_page(browser, server, width=width, height=844)
    try:
        for path in PAGES + ERROR_PAGES:
            page = watched.goto(path)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= page.evaluate("window.innerWidth"), f"{path} is {wide} px wide at {width} px"
    finally:
        context.close()
    assert not watched.outside
    # The error pages answer 404, which Chromium reports on the console; nothing else may be there.
    assert [p for p in watched.problems if "status of 404" not in p] == []
    assert len(watched.problems) <= len(ERROR_PAGES)


FIXED = "2026-03-05T14:07:00"


@pytest.mark.parametrize(
    "path", ["/sporg?sag=erhvervspuljen&amount=300000", "/sammenlign?section=ba", f"/plan/{PLANS[0]}"]
)
def test_the_print_button_prints_with_the_time_of_printing(web, path):
    page = web.page
    # window.print opens no dialog headless; record the call and fire the events a print fires.
    page.add_init_script(
        "window.print = function () { window.printed = (window.printed || 0) + 1;"
        " window.dispatchEvent(new Event('beforeprint')); };"
    )
    page.clock.set_fixed_time(FIXED)
    web.goto(path)
    button = page.get_by_role("button", name="Udskriv")
    assert button.count() == 1 and button.is_visible()
    stamp = page.locator("[data-printed]")
    assert stamp.inner_text().startswith("Udskrevet"), "the server's time until printing"
    button.click()
    assert page.evaluate("window.printed") == 1
    assert stamp.inner_text() == "Udskrevet 5. marts 2026 kl. 14.07", "the reader's clock at printing"
    assert page.locator("[data-address]").inner_text() == page.url, "the address the reader sees"
    page.emulate_media(media="print")
    assert stamp.is_visible() and button.is_hidden()
    assert page.locator("header.site").is_hidden()


def test_without_script_there_is_no_dead_print_button(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "/plan/A")
        assert page.get_by_role("button", name="Udskriv").count() == 0
        page.emulate_media(media="print")
        assert page.locator("[data-printed]").inner_text().startswith("Udskrevet")
    finally:
        context.close()


def test_a_citation_jumps_to_its_bullet_in_the_plan_document(web):
    page = web.goto("/sporg?sag=erhvervspuljen&amount=300000")
    quote = page.locator('td[data-plan="B"][data-row="tekst"] figure.quote').first
    words = quote.locator("blockquote").inner_text()
    with page.expect_navigation():
        quote.get_by_role("link", name="Se punktet i planen").click()
    assert re.search(r"/plan/B#punkt-erhvervspuljen-\d+$", page.url)
    target = page.locator(":target")
    assert target.count() == 1
    assert words in target.inner_text()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "scrolled into view"
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    web.shot("plan-punkt", window=True)


def test_the_matrix_downloads_as_csv_and_the_report_as_html(web, tmp_path):
    page = web.goto("/sammenlign?section=ba")
    with page.expect_download() as download:
        page.locator('a[data-export="csv"]').click()
    assert download.value.suggested_filename == "sammenlign-A-B-C.csv"
    download.value.save_as(tmp_path / "m.csv")
    raw = (tmp_path / "m.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    shown = page.locator("table.matrix tr[data-case]")
    assert len(rows) - 1 == shown.count()
    for row, line in zip(rows[1:], shown.all()):
        assert row[2] == line.get_attribute("data-case")
        assert row[1] == line.locator("th").inner_text()
        for plan_id, cell in zip(["A", "B", "C"], row[4:]):
            chips = line.locator(f'td[data-plan="{plan_id}"] .chip').all_inner_texts()
            position = 0
            for chip in chips:  # the deciders, in the order the cell shows them
                position = cell.index(chip, position) + len(chip)
    with page.expect_download() as report:
        page.locator('a[data-export="rapport"]').click()
    assert report.value.suggested_filename == "sammenlign-A-B-C.html"
    report.value.save_as(tmp_path / "r.html")
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert text == render_html(delegation.diff("A", "B", "C", section="ba"))


def test_a_flow_opens_to_its_case_types_and_each_leads_to_its_row(web):
    page = web.goto("/sammenlign")
    first = delegation.diff("A", "B", "C").flows[0]
    flow = page.locator(f'ul.flows > li[data-plans="{first.from_plan}-{first.to_plan}"]').first
    links = flow.locator("ul.flow-cases a")
    assert links.first.is_hidden()
    flow.locator("summary").click()
    assert links.count() == first.count and links.first.is_visible()
    title = links.nth(1).inner_text()
    links.nth(1).click()
    row = page.locator("tr:target")
    assert row.locator("th").inner_text() == title
    box = row.bounding_box()
    head = page.locator("table.matrix thead th").first.bounding_box()
    assert box is not None and head is not None
    assert box["y"] >= head["y"] + head["height"] - 1, "the row is not hidden under the sticky head"
    assert head["y"] <= 1, "the head row sticks to the top while the matrix scrolls"


def test_a_band_of_the_flow_diagram_opens_its_case_types(web):
    from playwright.sync_api import expect

    page = web.goto("/sammenlign")
    flow = delegation.diff("A", "B", "C").flows[0]
    anchor = f"flyt-{flow.from_plan}-{flow.to_plan}-{flow.from_ or 'ingen'}-{flow.to or 'ingen'}"
    details = page.locator(f"details#{anchor}")
    assert details.get_attribute("open") is None
    page.locator(f'figure.chart svg a[href="#{anchor}"] path').click()
    # Opened by the page's hashchange handler, after the click returns: waited for, not read at once.
    expect(details).to_have_attribute("open", "")
    assert details.locator("ul.flow-cases a").count() == flow.count
    assert details.locator("ul.flow-cases a").first.is_visible()


def test_the_matrix_head_stays_in_view_on_a_phone(browser, server):
    context, narrow = open_page(browser, server, width=390, height=844)
    try:
        page = narrow.goto("/sammenlign")
        box = page.locator(".matrix-scroll")
        box.evaluate("e => { e.scrollIntoView(); e.scrollTop = 1500; }")
        head = page.locator("table.matrix thead th").first.bounding_box()
        frame = box.bounding_box()
        assert head is not None and frame is not None
        assert abs(head["y"] - frame["y"]) <= 2
        narrow.shot("sammenlign-smal", window=True)
    finally:
        context.close()
    assert not narrow.problems and not narrow.outside


def test_cells_show_who_is_told_without_a_click(web):
    page = web.goto("/sammenlign?section=ba")
    plan = delegation.load("B")
    decision = plan.decide("erhvervspuljen")
    cell = page.locator('tr[data-case="erhvervspuljen"] td[data-plan="B"]')
    shown = cell.inner_text()
    assert cell.locator(".threshold").count() == len(decision.outcomes) >= 2
    told = [i for band in decision.outcomes for i in band.inform]
    assert told, "the case type has someone to tell"
    for inform in told:
        assert (
            f"Orienteres {'før' if inform.when == 'before' else 'efter'}: {body_label(plan, inform.body)}"
            in shown
        )
    web.shot("sammenlign-celler", height=1200)


def test_a_broken_hash_does_not_stop_the_pages_script(web):
    # decodeURIComponent("%E0") throws: the page's set-up stopped there, hashchange handler and all.
    from playwright.sync_api import expect

    errors: list[str] = []
    web.page.on("pageerror", lambda error: errors.append(str(error)))
    page = web.goto("/sammenlign#%E0")
    flow = delegation.diff("A", "B", "C").flows[0]
    anchor = f"flyt-{flow.from_plan}-{flow.to_plan}-{flow.from_ or 'ingen'}-{flow.to or 'ingen'}"
    page.evaluate(f"window.location.hash = '#{anchor}'")
    expect(page.locator(f"details#{anchor}")).to_have_attribute("open", "")
    assert errors == []
