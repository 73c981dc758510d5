"""Draw digits with the mouse (and a finger) in Chromium and read LeNet-5's answer off the page."""

import os

from playwright.sync_api import Page, expect

import lenet
from testkit.chromium import (
    ANSWER_MS,
    FIRST_LOAD_MS,
    check_clean,
    choose_source,
    clear,
    draw_with_finger,
    draw_with_mouse,
    prediction,
    screenshot,
    settled,
)


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
    from testkit.digits import draw_digit

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
