"""Every part of the lab in view (issue 21): on a projector, a tablet and a phone, every tab's label shows whole,
inside the window, without scrolling sideways; a tap on the last one opens it and its ?tab= link."""

import pytest
from playwright.sync_api import Page, expect

from testkit.chromium import FIRST_LOAD_MS, HANDHELDS, VIEWPORTS, check_clean, settled, watch_errors
from ui.tabs import TITLES


@pytest.fixture
def sized_page(browser, app_url, request):
    """A fresh touch-capable page on the app at the viewport (width, height) the test is parametrised with,
    its JavaScript errors in `page.errors` (watch_errors, as conftest's `page`)."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    page = context.new_page()
    watch_errors(page)
    page.goto(app_url)
    expect(page.get_by_role("tab")).to_have_count(len(TITLES), timeout=FIRST_LOAD_MS)
    settled(page)
    yield page
    context.close()


def cut_tabs(page: Page) -> dict[str, str]:
    """{title: why} for each tab whose label is not wholly inside the window and its tab bar."""
    width = page.viewport_size["width"]
    cut = {}
    for title in TITLES:
        tab = page.get_by_role("tab", name=title, exact=True)
        box = tab.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width + 0.5:
            cut[title] = f"box {box} outside 0..{width}"
        elif tab.evaluate("el => el.scrollWidth > el.clientWidth + 1"):
            cut[title] = "label clipped inside its tab"
    return cut


@pytest.mark.parametrize("sized_page", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS], indirect=True)
def test_every_tab_shows_whole_without_scrolling_sideways(sized_page: Page):
    page = sized_page
    assert cut_tabs(page) == {}
    bar = page.get_by_role("tablist")
    assert bar.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "the tab bar scrolls sideways"
    page_width, window = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert page_width <= window, "the page scrolls sideways"
    check_clean(page)


@pytest.mark.parametrize("sized_page", [HANDHELDS[0]], ids=["phone"], indirect=True)
def test_a_tap_on_the_last_tab_opens_it_and_its_link(sized_page: Page):
    page = sized_page
    last = page.get_by_role("tab", name=TITLES[-1], exact=True)
    last.tap()
    expect(last).to_have_attribute("aria-selected", "true")
    expect(page).to_have_url(f"{page.url.split('?')[0]}?tab={TITLES[-1]}", timeout=FIRST_LOAD_MS)
    check_clean(page)
