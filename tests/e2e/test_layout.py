"""The first screen, without scrolling (issue 10): on a projector the canvas, the answer and the network at a
glance; on a phone or a tablet the canvas and the answer, with the tabs still in reach."""

import pytest
from playwright.sync_api import Page, expect

from testkit import ARTIFACTS
from testkit.chromium import (
    ANSWER_MS,
    FIRST_LOAD_MS,
    HANDHELDS,
    PROJECTORS,
    check_clean,
    draw_with_mouse,
    metric,
    metric_box,
    settled,
)
from ui.i18n import catalogue


def first_screen_boxes(page: Page, width: int, height: int, digit: int = 4, lang: str = "en") -> dict:
    """Draw `digit`, scroll back to the top, and return the bounding boxes of the parts that must show (the page in
    `lang`: ?lang= in the link; the boxes keep their English names)."""
    t = catalogue(lang).gettext
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.url if lang == "en" else f"{page.url.split('?')[0]}?lang={lang}")
    hint = t("Draw a digit from 0 to 9 in the black square. LeNet-5 answers when you lift the pen.")
    expect(page.get_by_text(hint)).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, digit)
    expect(metric(page, t("Prediction"))).to_have_text(str(digit), timeout=ANSWER_MS)
    settled(page)
    page.evaluate("window.scrollTo(0, 0); document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    suffix = "" if lang == "en" else f"_{lang}"
    page.screenshot(path=str(ARTIFACTS / f"first_screen_{width}x{height}{suffix}.png"))
    glance = _glance_name(lang)
    parts = {
        "canvas": page.locator("canvas.upper-canvas"),
        "Undo": page.get_by_role("button", name=t("Undo")),
        "Clear": page.get_by_role("button", name=t("Clear")),
        "Prediction": metric_box(page, t("Prediction")),
        "Confidence": metric_box(page, t("Confidence")),
        "glance": page.get_by_role("img", name=glance, exact=False),
        "Prediction tab": page.get_by_role("tab", name=t("Prediction")),
        "Layers tab": page.get_by_role("tab", name=t("Layers")),
    }
    return {name: locator.bounding_box() for name, locator in parts.items()}


def _glance_name(lang: str) -> str:
    """The start of the glance strip's alt text in `lang` ("LeNet-5 at a glance"), from the app's own text."""
    from ui import glance_strip, i18n

    i18n.use(lang)
    try:
        return glance_strip.alt_text(4, 0.9).split(":")[0]
    finally:
        i18n.use(i18n.DEFAULT)


def outside(box: dict | None, width: int, height: int) -> bool:
    return (
        box is None
        or box["x"] < 0
        or box["y"] < 0
        or box["x"] + box["width"] > width + 0.5
        or box["y"] + box["height"] > height + 0.5
    )


@pytest.mark.parametrize("width, height", PROJECTORS, ids=[f"{w}x{h}" for w, h in PROJECTORS])
def test_a_projector_shows_canvas_answer_and_the_network_at_a_glance(page, width, height):
    boxes = first_screen_boxes(page, width, height)
    must = ("canvas", "Undo", "Clear", "Prediction", "Confidence", "glance", "Prediction tab", "Layers tab")
    off_screen = {name: boxes[name] for name in must if outside(boxes[name], width, height)}
    assert off_screen == {}, f"below the fold or off screen at {width}x{height}"
    check_clean(page)


@pytest.mark.parametrize("width, height", HANDHELDS, ids=[f"{w}x{h}" for w, h in HANDHELDS])
def test_a_phone_or_tablet_shows_the_canvas_and_the_answer(page, width, height):
    boxes = first_screen_boxes(page, width, height)
    must = ("canvas", "Clear", "Prediction", "Confidence", "Prediction tab")
    off_screen = {name: boxes[name] for name in must if outside(boxes[name], width, height)}
    assert off_screen == {}, f"below the fold or off screen at {width}x{height}"
    assert boxes["Prediction"]["y"] > boxes["canvas"]["y"] + boxes["canvas"]["height"] - 1  # the answer under it
    check_clean(page)


GERMAN = [PROJECTORS[0], HANDHELDS[0]]  # longer words (Vorhersage, Wahrscheinlichkeit): the widest and the narrowest


@pytest.mark.parametrize("width, height", GERMAN, ids=[f"{w}x{h}" for w, h in GERMAN])
def test_the_first_screen_still_fits_in_german(page, width, height):
    boxes = first_screen_boxes(page, width, height, lang="de")
    must = ["canvas", "Clear", "Prediction", "Confidence", "Prediction tab"]
    must += ["Undo", "glance", "Layers tab"] if (width, height) in PROJECTORS else []
    off_screen = {name: boxes[name] for name in must if outside(boxes[name], width, height)}
    assert off_screen == {}, f"below the fold or off screen at {width}x{height} in German"
    check_clean(page)


VIEWPORTS_ALL = PROJECTORS + HANDHELDS


@pytest.mark.parametrize("width, height", VIEWPORTS_ALL, ids=[f"{w}x{h}" for w, h in VIEWPORTS_ALL])
def test_the_sidebar_opens_and_its_button_is_never_over_the_canvas(page, width, height):
    """The sidebar holds the language picker. Its open button (top left, fixed) took no pointer once the header let
    strokes through to a canvas scrolled under it (issue 21): now it takes the pointer, and the canvas keeps clear of
    it sideways, so a stroke on a scrolled canvas never lands on it."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    button, canvas = page.get_by_test_id("stExpandSidebarButton"), page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=FIRST_LOAD_MS)
    assert button.bounding_box()["x"] + button.bounding_box()["width"] < canvas.bounding_box()["x"]
    button.click()  # a real click: Playwright refuses if something else would take it
    expect(page.get_by_test_id("stSidebar").get_by_text("Language")).to_be_visible(timeout=ANSWER_MS)
    check_clean(page)
