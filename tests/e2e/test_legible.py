"""Legible from the back row (issue 21): on a 1366x768 projector every chart's text (tick labels, legends, axis
titles) is at least 14 px high as shown. The ten-bar charts of Prediction and Layers are the page's own HTML (ui/charts.py
_bars): their text's computed size is read off the page.
The Pillow charts are PNGs shown scaled: their text size in the PNG (lenet.lab.plots' one size, its glyphs
measured in tests/test_plots.py) times the scale the page shows them at."""

import pytest
from playwright.sync_api import Page, expect

from lenet.lab import plots
from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, draw_with_mouse, prediction, select_tab, settled

SMALLEST_PX = 14  # text any smaller cannot be read from a classroom's back row
# The captions (alt texts) of the PNG charts, as the Invariance, Lesion and Trained vs untrained tabs show them
PNG_CHARTS = ("Probability of each digit", "Blue: probability of")
BARS_TEXT = """() => [...document.querySelectorAll(".lenet-bars p, .lenet-bars .digit, .lenet-bars .value")]
  .filter((text) => text.getClientRects().length && text.textContent.trim())
  .map((text) => [text.textContent.trim(), parseFloat(getComputedStyle(text).fontSize)])"""
PNG_SCALES = """(captions) => [...document.querySelectorAll("[data-testid=stImage] img")]
  .filter((img) => captions.some((caption) => img.alt.startsWith(caption)))
  .map((img) => [img.alt, img.getBoundingClientRect().width / img.naturalWidth])"""


@pytest.fixture
def smallest_png_text_px() -> float:
    """The smallest text, in PNG pixels, of the charts lenet.lab.plots draws: all drawn with Pillow in one font
    size since issue 25 (tests/test_plots.py measures the glyphs it draws)."""
    return plots.TEXT_PX


def test_every_charts_text_is_at_least_14_px_on_a_projector(page: Page, smallest_png_text_px):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(page.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, 4)
    expect(prediction(page)).to_have_text("4", timeout=ANSWER_MS)
    settled(page)
    small, seen = {}, 0
    for title in ("Prediction", "Layers"):  # their bars: HTML (Layers' OUTPUT)
        select_tab(page, title)
        if title == "Layers":
            expect(page.get_by_role("heading", name="OUTPUT")).to_be_visible(timeout=ANSWER_MS)
        for text, size in page.evaluate(BARS_TEXT):
            seen += 1
            if size < SMALLEST_PX:
                small[f"{title}: {text!r}"] = size
    for title in ("Invariance", "Lesion", "Trained vs untrained"):  # Pillow PNGs
        select_tab(page, title)
        expect(page.get_by_role("img", name=PNG_CHARTS[0]).first).to_be_visible(timeout=ANSWER_MS)
        for caption, scale in page.evaluate(PNG_SCALES, list(PNG_CHARTS)):
            seen += 1
            if smallest_png_text_px * scale < SMALLEST_PX:
                small[f"{title}: {caption[:40]!r} (shown at {scale:.0%})"] = round(smallest_png_text_px * scale, 1)
    assert seen >= 40, "no charts found"  # 2 x 21 bar texts, and the PNG charts
    assert small == {}, f"chart text under {SMALLEST_PX} px at 1366x768 (px as shown)"
