"""Every stroke registers, wherever it starts on the canvas, by mouse and by finger (issue 10).

streamlit-drawable-canvas 0.13's hover toolbar sat, invisible, over the top right of the drawing area
and swallowed strokes that started there. These tests start strokes on a grid over the whole canvas,
edges and corners included, and draw multi-stroke digits with a person's pauses between strokes.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, check_clean, prediction, settled, watch_errors
from testkit.strokes import MULTI_STROKE, ink, straight_stroke, stroke

DESKTOP = {"viewport": {"width": 1366, "height": 768}, "device_scale_factor": 1, "has_touch": False}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True, "is_mobile": True}
GRID_X = (0.03, 0.25, 0.5, 0.75, 0.97)  # fractions of the canvas' width and height, as the issue measured
GRID_Y = (0.02, 0.06, 0.11, 0.5, 0.98)


def open_app(browser: Browser, url: str, device: dict) -> Page:
    page = browser.new_context(**device).new_page()
    watch_errors(page)
    page.goto(url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    return page


def clear(page: Page) -> None:
    page.get_by_role("button", name="Clear").click()
    expect(prediction(page)).to_have_count(0, timeout=ANSWER_MS)


@pytest.mark.parametrize(
    "device, touch",
    [(DESKTOP, False), (PHONE, True), ({**DESKTOP, "device_scale_factor": 2}, False)],
    ids=["mouse", "touch-phone-dpr2", "mouse-dpr2"],
)
def test_a_stroke_registers_wherever_it_starts(browser, app_url, device, touch):
    page = open_app(browser, app_url, device)
    lost = []
    for y in GRID_Y:
        for x in GRID_X:
            if touch and 0.2 < y < 0.9 and x not in (0.03, 0.97):
                continue  # the phone run covers the edges, corners and top band; the middle is the mouse run's
            stroke(page, straight_stroke(x, y), touch)
            try:
                expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
            except AssertionError:
                lost.append((x, y))
                continue
            clear(page)
    assert lost == [], f"strokes starting at these (x, y) fractions of the canvas were lost: {lost}"
    check_clean(page)
    page.context.close()


@pytest.mark.parametrize("digit, pause_s", [(4, 0.3), (5, 1.0), (7, 2.0)])
@pytest.mark.parametrize("device, touch", [(DESKTOP, False), (PHONE, True)], ids=["mouse", "touch-phone-dpr2"])
def test_multi_stroke_digits_with_pauses_keep_every_stroke(browser, app_url, device, touch, digit, pause_s):
    page = open_app(browser, app_url, device)
    first, *rest = MULTI_STROKE[digit]
    stroke(page, first, touch)
    page.wait_for_timeout(pause_s * 1000)
    for points in rest:
        stroke(page, points, touch)
        page.wait_for_timeout(pause_s * 1000)
    expect(prediction(page)).to_have_text(str(digit), timeout=ANSWER_MS)
    check_clean(page)
    page.context.close()


def test_a_rerun_between_two_strokes_keeps_the_ink(browser, app_url):
    """The first stroke's answer arrives (a rerun) before the second stroke starts: both strokes count."""
    page = open_app(browser, app_url, DESKTOP)
    first, second = MULTI_STROKE[4]
    stroke(page, first, touch=False)
    expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
    settled(page)
    stroke(page, second, touch=False)
    expect(prediction(page)).to_have_text("4", timeout=ANSWER_MS)
    page.get_by_role("button", name="Undo").click()  # takes back the down stroke only: what is left reads as 1
    expect(prediction(page)).not_to_have_text("4", timeout=ANSWER_MS)
    page.get_by_role("button", name="Clear").click()
    expect(prediction(page)).to_have_count(0, timeout=ANSWER_MS)
    check_clean(page)
    page.context.close()


def test_ink_and_answer_agree_after_switching_the_source_away_and_back(browser, app_url):
    """After Undo the canvas starts from a drawing of its own; remounted later, it must not show ink the app
    does not read: both go, or both stay."""
    page = open_app(browser, app_url, DESKTOP)
    for points in MULTI_STROKE[4]:
        stroke(page, points, touch=False)
    expect(prediction(page)).to_have_text("4", timeout=ANSWER_MS)
    page.get_by_role("button", name="Undo").click()
    expect(prediction(page)).not_to_have_text("4", timeout=ANSWER_MS)
    for source in ("Gallery", "Draw"):
        page.get_by_text(source, exact=True).click()
        settled(page)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=ANSWER_MS)
    expect(prediction(page)).to_have_count(0)
    settled(page)
    assert ink(page) == 0
    stroke(page, MULTI_STROKE[7][0], touch=False)
    stroke(page, MULTI_STROKE[7][1], touch=False)
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)
    assert ink(page) == 255
    check_clean(page)
    page.context.close()
