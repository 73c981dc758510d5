"""No number cut with "…" and no formula cut at the edge (issue 21): every st.metric's label and value and every
formula (st.latex) shows whole, on a projector, a tablet and a phone, on the tabs that have them and on the class
wall."""

import re

import pytest
from playwright.sync_api import Page, expect

from testkit.chromium import (
    ANSWER_MS,
    FIRST_LOAD_MS,
    HANDHELDS,
    LAB_MS,
    VIEWPORTS,
    draw_with_mouse,
    idle,
    metric,
    prediction,
    select_tab,
    settled,
)
from testkit.class_pages import start_class, student_sends

WALL_MS = 30_000
# What is cut on the page now: a metric's text wider than its box (Streamlit ends it with "…"), a metric past the
# window's edge, a formula wider than its box (it scrolls sideways) or past the window's edge.
CUT = """() => {
  const cut = [], right = innerWidth + 1, shown = (el) => el.getClientRects().length > 0;
  for (const metric of document.querySelectorAll("[data-testid=stMetric]")) {
    if (!shown(metric)) continue;
    const text = metric.innerText.replace(/\\s+/g, " ").trim();
    for (const el of metric.querySelectorAll("*"))
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        cut.push(`metric "${text}": ${el.scrollWidth} px of text in ${el.clientWidth} px`);
        break;
      }
    if (metric.getBoundingClientRect().right > right) cut.push(`metric "${text}" past the window's edge`);
  }
  for (const formula of document.querySelectorAll(".katex-display")) {
    if (!shown(formula)) continue;
    const text = formula.querySelector(".katex-mathml")?.textContent.replace(/\\s+/g, " ").trim().slice(0, 40);
    const box = formula.querySelector(".katex-html").getBoundingClientRect();
    if (formula.scrollWidth > formula.clientWidth + 1)
      cut.push(`formula "${text}": ${formula.scrollWidth} px wide in ${formula.clientWidth} px`);
    else if (box.left < -1 || box.right > right) cut.push(`formula "${text}" past the window's edge`);
  }
  return cut;
}"""


def cut(page: Page) -> list[str]:
    page.wait_for_timeout(300)  # fonts and formulas laid out
    return page.evaluate(CUT)


def unit_layer(page: Page, layer: str) -> None:
    """Pick a layer on the Inside one unit tab and wait for its arithmetic."""
    page.get_by_test_id("stRadio").filter(has_text="Layer").get_by_text(layer, exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"^{layer}, "))).to_be_visible(timeout=LAB_MS)
    idle(page)


@pytest.mark.parametrize("width, height", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_no_metric_or_formula_is_cut(page: Page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, 4)
    expect(prediction(page)).to_have_text("4", timeout=ANSWER_MS)
    settled(page)
    found = {"Prediction": cut(page)}
    for title in ("Layers", "Lesson", "Inside one unit"):
        select_tab(page, title)
        expect(page.locator(".katex-display").first).to_be_visible(timeout=LAB_MS)
        found[title] = cut(page)  # Inside one unit opens on a C1 unit
    for layer in ("C3", "C5"):  # a unit reading a few S2 maps (Table I), and one reading all 16 S4 maps
        unit_layer(page, layer)
        found[f"Inside one unit, {layer}"] = cut(page)
    problems = {where: what for where, what in found.items() if what}
    assert problems == {}, "\n".join(f"{where}: {what}" for where, what in problems.items())


def test_the_class_walls_numbers_are_not_cut(browser, class_app):
    """A class with one drawing: the wall's metrics show numbers; none is cut at any of the four sizes."""
    teacher_context, student_context = browser.new_context(), browser.new_context()
    try:
        teacher, student = teacher_context.new_page(), student_context.new_page()
        code = start_class(teacher, class_app)
        student_sends(student, class_app, code, 4)
        expect(metric(teacher, "Drawings")).to_have_text("1", timeout=WALL_MS)
        if metric(teacher, "Class accuracy").inner_text() == "100%":  # the drawing was read right
            expect(metric(teacher, "Hardest digit")).to_have_text("—")  # then no digit is hardest
        found = {}
        for width, height in VIEWPORTS:
            teacher.set_viewport_size({"width": width, "height": height})
            found[f"{width}x{height}"] = cut(teacher)
        problems = {where: what for where, what in found.items() if what}
        assert problems == {}, "\n".join(f"{where}: {what}" for where, what in problems.items())
    finally:
        teacher_context.close()
        student_context.close()


# Each bar chart's row of bars: its width, the width its content needs, and the last bar's right edge on the screen.
BARS = """() => [...document.querySelectorAll(".lenet-bars ol")].filter((ol) => ol.getClientRects().length)
  .map((ol) => ({shown: Math.round(ol.clientWidth), needed: ol.scrollWidth,
                 lastRight: Math.round(ol.lastElementChild.getBoundingClientRect().right)}))"""


@pytest.mark.parametrize("width, height", HANDHELDS, ids=[f"{w}x{h}" for w, h in HANDHELDS])
def test_the_classic_models_ten_penalties_fit_a_handheld(page: Page, width, height):
    """The RBF OUTPUT's penalties carry two decimals each (e.g. "12.34"): ten of them in a row ran past a 390 px
    phone's edge until each was written upright over its bar (ui/style.py's `.lenet-bars.long`)."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_text("Classic (RBF, 1998)").click()
    settled(page)
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
    select_tab(page, "Layers")
    expect(page.get_by_text("closest one")).to_be_visible(timeout=LAB_MS)
    page.wait_for_timeout(300)  # fonts laid out
    rows = page.evaluate(BARS)
    assert rows, "no bar chart on Layers"
    assert all(r["needed"] <= r["shown"] + 1 and r["lastRight"] <= width for r in rows), rows
