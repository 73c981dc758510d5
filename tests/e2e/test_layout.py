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
    metric_box,
    prediction,
    settled,
)


def first_screen_boxes(page: Page, width: int, height: int, digit: int = 4) -> dict:
    """Draw `digit`, scroll back to the top, and return the bounding boxes of the parts that must show."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, digit)
    expect(prediction(page)).to_have_text(str(digit), timeout=ANSWER_MS)
    settled(page)
    page.evaluate("window.scrollTo(0, 0); document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"first_screen_{width}x{height}.png"))
    parts = {
        "canvas": page.locator("canvas.upper-canvas"),
        "Undo": page.get_by_role("button", name="Undo"),
        "Clear": page.get_by_role("button", name="Clear"),
        "Prediction": metric_box(page, "Prediction"),
        "Confidence": metric_box(page, "Confidence"),
        "glance": page.get_by_role("img", name="LeNet-5 at a glance", exact=False),
        "Prediction tab": page.get_by_role("tab", name="Prediction"),
        "Layers tab": page.get_by_role("tab", name="Layers"),
    }
    return {name: locator.bounding_box() for name, locator in parts.items()}


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
