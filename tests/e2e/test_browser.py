"""Draw digits with the mouse (and a finger) in Chromium and read LeNet-5's answer off the page."""

import os

from playwright.sync_api import Page, expect

import lenet
from tests.digits import stroke_paths
from tests.e2e.conftest import ARTIFACTS

FIRST_LOAD_MS = 60_000  # the first page load imports TensorFlow and loads the model
ANSWER_MS = 20_000
MARGIN = 0.06  # keep strokes off the canvas' top edge, where its toolbar appears on hover


def canvas_box(page: Page) -> dict:
    """The canvas' box once the layout has stopped moving (a rerun can still shift it)."""
    canvas = page.locator("canvas.upper-canvas")
    settled(page)
    expect(canvas).to_have_count(1, timeout=FIRST_LOAD_MS)  # after Clear, the old canvas goes at the run's end
    expect(canvas).to_be_visible(timeout=FIRST_LOAD_MS)
    canvas.scroll_into_view_if_needed()
    box = None
    for _ in range(40):
        page.wait_for_timeout(250)
        box, previous = canvas.bounding_box(), box
        if box == previous:
            break
    return box


def to_screen(box: dict, x: float, y: float) -> tuple[float, float]:
    """Unit stroke coordinates -> page pixels inside the canvas."""
    span = 1 - 2 * MARGIN
    return box["x"] + (MARGIN + x * span) * box["width"], box["y"] + (MARGIN + y * span) * box["height"]


def draw_with_mouse(page: Page, digit: int) -> None:
    box = canvas_box(page)
    for stroke in stroke_paths(digit):
        page.mouse.move(*to_screen(box, *stroke[0]))
        page.mouse.down()
        for point in stroke[1:]:
            page.mouse.move(*to_screen(box, *point), steps=6)
        page.mouse.up()


def draw_with_finger(page: Page, digit: int) -> None:
    """Touch events through the DevTools protocol: what a tablet or a touch screen sends."""
    box = canvas_box(page)
    cdp = page.context.new_cdp_session(page)
    for stroke in stroke_paths(digit):
        for i, point in enumerate(stroke):
            x, y = to_screen(box, *point)
            kind = "touchStart" if i == 0 else "touchMove"
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def prediction(page: Page):
    """The number shown by the metric labelled "Prediction"."""
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text("Prediction", exact=True))
    return metric.get_by_test_id("stMetricValue")


def settled(page: Page) -> None:
    idle = page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")
    expect(idle).to_be_attached(timeout=FIRST_LOAD_MS)


def choose_source(page: Page, name: str) -> None:
    option = page.get_by_text(name, exact=True)
    expect(option).to_be_visible(timeout=FIRST_LOAD_MS)  # the first load may still be importing TensorFlow
    settled(page)
    option.click()
    settled(page)


def check_clean(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.errors == []


def clear(page: Page) -> None:
    page.get_by_role("button", name="Clear").click()
    expect(prediction(page)).to_have_count(0, timeout=ANSWER_MS)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=ANSWER_MS)


def screenshot(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it first."""
    settled(page)
    page.wait_for_function("[...document.images].every(image => image.complete)", timeout=ANSWER_MS)
    page.wait_for_timeout(300)  # an image whose src just changed may still show its old picture
    viewport = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height + 200)})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(viewport)


def test_drawn_digits_are_read_with_the_mouse(page: Page):
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    screenshot(page, "empty")
    for digit in (1, 7, 0):
        draw_with_mouse(page, digit)
        expect(prediction(page)).to_have_text(str(digit), timeout=ANSWER_MS)
        screenshot(page, f"drawn_{digit}")
        clear(page)
    check_clean(page)


def test_a_digit_drawn_with_a_finger_is_read(page: Page):
    draw_with_finger(page, 1)
    expect(prediction(page)).to_have_text("1", timeout=ANSWER_MS)
    check_clean(page)


def test_every_tab_renders_for_a_drawn_digit(page: Page):
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)
    for tab, heading in (("Layers", "OUTPUT"), ("Weights", "C1 — the six")):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=ANSWER_MS)
        screenshot(page, f"tab_{tab.lower()}")
    check_clean(page)


def test_the_classic_model_can_be_selected(page: Page):
    draw_with_mouse(page, 1)
    expect(prediction(page)).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_text("Classic (RBF, 1998)").click()
    settled(page)
    if lenet.CLASSIC_MODEL_PATH.is_file() or os.environ.get("LENET_MODEL_DIR"):
        expect(prediction(page)).to_have_text("1", timeout=ANSWER_MS)
        page.get_by_role("tab", name="Layers").click()
        expect(page.get_by_text("bitmap 0")).to_have_count(0)  # the bitmaps are inside the F6 picture
        expect(page.get_by_text("closest one")).to_be_visible(timeout=ANSWER_MS)
    else:  # not trained yet: the page must say how to train it, not crash
        expect(page.get_by_text("python -m train")).to_be_visible(timeout=ANSWER_MS)
    screenshot(page, "classic_layers")
    check_clean(page)


def test_a_gallery_digit_the_model_got_wrong(page: Page):
    choose_source(page, "Gallery")
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="The model got these wrong").click()
    expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
    expect(page.get_by_text("the default model said")).to_be_visible()
    screenshot(page, "gallery_wrong")
    check_clean(page)


def test_uploads_a_photo_and_refuses_a_non_image(page: Page):
    from lenet import viz
    from tests.digits import draw_digit

    choose_source(page, "Upload")
    chooser = page.locator("input[type=file]")
    paper = viz.to_png_bytes(draw_digit(7, size=300, thickness=20, polarity="dark_on_light"))
    chooser.set_input_files(files=[{"name": "seven.png", "mimeType": "image/png", "buffer": paper}])
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)
    screenshot(page, "upload_seven")
    chooser.set_input_files(files=[{"name": "notes.png", "mimeType": "image/png", "buffer": b"not a picture"}])
    expect(page.get_by_text("Not an image", exact=False)).to_be_visible(timeout=ANSWER_MS)
    expect(prediction(page)).to_have_count(0)
    check_clean(page)
