"""Sammensæt in headless Chromium: a changed choice updates the totals without a page load."""

from __future__ import annotations

import pytest
from browser_harness import browser, open_page, require_browser, server, web  # noqa: F401

require_browser()
pytestmark = pytest.mark.browser


def _council_decides_in_d(page) -> str:
    return page.locator('#arbejdsbyrde-tal tr[data-body="byraadet"] td[data-plan="D"]').first.inner_text()


def test_a_list_chosen_from_another_plan_updates_totals_in_place(web):  # noqa: F811
    page = web.goto("/sammensaet?base=B")
    before = _council_decides_in_d(page)
    page.evaluate("window.__same_page = true")
    page.select_option("#s-ba", "A")
    page.wait_for_function(
        'before => document.querySelector(\'#arbejdsbyrde-tal tr[data-body="byraadet"] td[data-plan="D"]\').innerText !== before',
        arg=before,
    )
    assert page.evaluate("window.__same_page") is True, "no page load"
    assert "s.ba=A" in page.url
    assert page.locator("#c-erhvervsplan").input_value() == "A", "the list's rows follow"
    assert page.evaluate("document.activeElement.id") == "s-ba", "focus stays on the choice"
    assert not web.problems and not web.outside
    web.shot("sammensaet", height=1400)


def test_sammensaet_fits_a_narrow_screen(browser, server):  # noqa: F811
    context, narrow = open_page(browser, server, width=390, height=844)
    try:
        narrow.goto("/sammensaet?base=B&s.ba=A")
        assert narrow.fits_width()
        assert not narrow.problems and not narrow.outside
    finally:
        context.close()
