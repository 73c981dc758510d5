"""Chromium on a live app (Playwright): draw a digit with the mouse or a finger, read the answer, wait for the
app, open a tab, take a whole-page screenshot. Shared by the browser tests (tests/e2e/), bench/ and
docs/screenshots.py."""

import importlib

from playwright.sync_api import Page, expect

from testkit import ARTIFACTS
from testkit.digits import stroke_paths
from ui.tabs import Tab

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
    assert box is not None, "the canvas is not on the page"
    return dict(box)


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


def metric_box(page: Page, label: str):
    """The st.metric with this label (label, value and delta)."""
    return page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))


def metric(page: Page, label: str):
    """The value of the st.metric with this label."""
    return metric_box(page, label).get_by_test_id("stMetricValue")


def prediction(page: Page):
    """The number shown by the metric labelled "Prediction"."""
    return metric(page, "Prediction")


def settled(page: Page) -> None:
    idle = page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")
    expect(idle).to_be_attached(timeout=FIRST_LOAD_MS)


def choose_source(page: Page, name: str) -> None:
    option = page.get_by_text(name, exact=True)
    expect(option).to_be_visible(timeout=FIRST_LOAD_MS)  # the first load may still be importing TensorFlow
    settled(page)
    option.click()
    settled(page)


def watch_errors(page: Page) -> Page:
    """Collect the page's JavaScript errors in `page.errors` from now on (check_clean asserts there are none)."""
    errors: list[str] = []
    page.errors = errors  # type: ignore[attr-defined]  # our own attribute on Playwright's Page
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def check_clean(page: Page) -> None:
    """No Python exception on the page and no JavaScript error since watch_errors(page)."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.errors == []  # type: ignore[attr-defined]  # watch_errors collects them


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
    assert viewport is not None, "a context without a viewport size"  # ours always set one
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height + 200)})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(viewport)


LAB_MS = 60_000  # a lab tab's first run (occlusion, sweeps) on a busy CPU
PROJECTORS = [(1366, 768), (1280, 720)]  # (width, height) of the classroom's screens, as the layout tests use them
HANDHELDS = [(390, 844), (820, 1180)]  # a phone, a tablet
VIEWPORTS = PROJECTORS + HANDHELDS


def select_tab(page: Page, title: str) -> None:
    """Click the tab titled `title` and wait until it is selected and its run has ended."""
    tab = page.get_by_role("tab", name=title, exact=True)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    idle(page)


def open_tab(page: Page, tab: Tab) -> None:
    """Click a lab tab and wait for its heading: its module's HEADING (ui/tabs.py's contract)."""
    page.get_by_role("tab", name=tab.title, exact=True).click()
    heading = importlib.import_module(f"ui.{tab.module}").HEADING
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=LAB_MS)
    idle(page)


def idle(page: Page) -> None:
    """Wait for the rerun a widget just started to finish (it may not have started yet)."""
    page.wait_for_timeout(400)
    running = page.locator("[data-testid='stApp'][data-test-script-state='running']")
    expect(running).to_have_count(0, timeout=LAB_MS)


def multiselect(page: Page, label: str, options: list[str]) -> None:
    """Pick options of the multiselect with this label, one at a time."""
    box = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label))
    for option in options:
        box.locator("input").click()
        page.get_by_role("option", name=option, exact=True).click()
        idle(page)
    page.keyboard.press("Escape")
