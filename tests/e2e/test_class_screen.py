"""A student in class mode, as a lesson really runs (issue 21). The page is scrolled, and the canvas' top then
sits just under the window's top strip, where Streamlit's invisible header used to take the pointer: every
stroke must still reach the app. And the drawing and LeNet-5's answer share the first screen, with "I meant"
and "Send to class" too on a projector."""

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from testkit import ARTIFACTS
from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, check_clean, prediction, settled, watch_errors
from testkit.digits import stroke_paths
from testkit.procs import python_m
from testkit.strokes import ink, straight_stroke, stroke

MOUSE = {"device_scale_factor": 1, "has_touch": False}
TOUCH = {"device_scale_factor": 2, "has_touch": True, "is_mobile": True}  # as test_drawing's phone
VIEWPORTS = {  # id: (width, height, device)
    "1280x720": (1280, 720, MOUSE),
    "1366x768": (1366, 768, MOUSE),
    "820x1180": (820, 1180, MOUSE),
    "390x844-touch": (390, 844, TOUCH),
}
# px from the window's top to the canvas' top. Before the fix every stroke that started less than ~67 px below
# the window's top was lost (0 px: 9 of 12, 20: 6, 45: 3, 90: 0): three offsets and two columns of the top band
# see every one of those cases in half the strokes (CI time).
OFFSETS = (0, 30, 60)
TOP_BAND = [(x, y) for y in (0.02, 0.11, 0.22) for x in (0.03, 0.97)]  # 0.22 of 280 px: 62 px down
EDGES = [(0.03, 0.5), (0.97, 0.5), (0.5, 0.98)]  # left, right, bottom
INK_MS = 2000  # a stroke the canvas took shows as ink at once; none after this: the canvas never saw it

# Scroll the canvas' scrolling ancestor (Streamlit scrolls its main block, not the window) so that the canvas'
# top sits `offset` px below the window's top. A blank canvas makes a short page that a tall window cannot
# scroll that far (820x1180): room is added under it, as the answer's tab adds when one is shown.
SCROLL_CANVAS_TO = """(canvas, offset) => {
  let box = canvas.getRootNode().host;  // the canvas lives in the component's shadow root
  const scrolls = (e) => /auto|scroll/.test(getComputedStyle(e).overflowY);
  while (box && !scrolls(box)) box = box.parentElement;
  box = box || document.scrollingElement;
  box.style.paddingBottom = "100vh";
  box.scrollTop += canvas.getBoundingClientRect().top - offset;
}"""
# What takes the pointer at (x, y) of the window: a lost stroke's report names it
ON_TOP = """([x, y]) => {
  const e = document.elementFromPoint(x, y);
  if (!e) return "";
  return `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ""}.${e.className}`.slice(0, 60);
}"""


@pytest.fixture(scope="module")
def class_url(class_db, class_app) -> str:
    """A class started by the command line in the class store of the session's class server (conftest's
    class_app); the student's link, ?class=CODE."""
    made = python_m("lenet", "class", "new", "--json", env={"LENET_CLASS_DB": class_db})
    assert made.returncode == 0, made.stderr
    return f"{class_app}/?class={json.loads(made.stdout)['code']}"


def join(browser: Browser, url: str, width: int, height: int, device: dict) -> Page:
    page = browser.new_context(viewport={"width": width, "height": height}, **device).new_page()
    watch_errors(page)
    page.goto(url)
    expect(page.get_by_text("You are in class")).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator("canvas.upper-canvas")).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    return page


def scroll_canvas_to(page: Page, offset: int) -> float:
    """Scroll so the canvas' top is `offset` px below the window's top; returns where it is."""
    page.locator("canvas.upper-canvas").evaluate(SCROLL_CANVAS_TO, offset)
    page.wait_for_timeout(150)  # let a smooth scroll end
    return round(page.locator("canvas.upper-canvas").bounding_box()["y"], 1)


def reaches_the_app(page: Page) -> bool:
    """After a stroke: True if the canvas drew it and LeNet-5 answered; then Clear for the next one."""
    for _ in range(INK_MS // 100):
        if ink(page):
            break
        page.wait_for_timeout(100)
    else:
        return False  # no ink: the pen never reached the canvas (waiting ANSWER_MS for nothing would be slow)
    try:
        expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
    except AssertionError:
        return False
    page.get_by_role("button", name="Clear").click()
    expect(prediction(page)).to_have_count(0, timeout=ANSWER_MS)
    settled(page)
    return True


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_stroke_registers_with_the_page_scrolled(browser, class_url, viewport):
    width, height, device = VIEWPORTS[viewport]
    page = join(browser, class_url, width, height, device)
    lost: dict[int, list] = {}  # the canvas' top's offset: the strokes lost, (x, y) start and what was on top
    for offset in OFFSETS:
        for x, y in TOP_BAND + EDGES:
            assert abs(scroll_canvas_to(page, offset) - offset) < 1, "the page did not scroll as asked"
            box = page.locator("canvas.upper-canvas").bounding_box()
            on_top = page.evaluate(ON_TOP, [box["x"] + x * box["width"], box["y"] + y * box["height"]])
            stroke(page, straight_stroke(x, y), device["has_touch"])
            if not reaches_the_app(page):
                lost.setdefault(offset, []).append((x, y, on_top))
    (ARTIFACTS / f"scrolled_strokes_{viewport}.json").write_text(json.dumps(lost))
    count = sum(map(len, lost.values()))
    strokes = len(OFFSETS) * len(TOP_BAND + EDGES)
    assert lost == {}, f"{count} of {strokes} strokes lost at {viewport}, by canvas top offset: {lost}"
    check_clean(page)
    page.context.close()


def test_the_menu_still_opens_through_the_header(browser, class_url):
    """The header lets the pointer through to the page, except on Streamlit's menu."""
    width, height, device = VIEWPORTS["390x844-touch"]
    page = join(browser, class_url, width, height, device)
    page.get_by_test_id("stMainMenuButton").click()
    expect(page.get_by_role("menuitem", name="Print")).to_be_visible()
    check_clean(page)
    page.context.close()


FIRST_SCREENS = {  # id: (width, height, device, what must show without scrolling)
    "390x844-touch": (390, 844, TOUCH, ("canvas", "Prediction")),
    "1366x768": (1366, 768, MOUSE, ("canvas", "I meant", "Send to class", "Prediction")),
}


def class_boxes(page: Page) -> dict:
    """Bounding boxes of the canvas, the class panel's "I meant" and "Send to class", and the answer."""
    parts = {
        "canvas": page.locator("canvas.upper-canvas"),
        "I meant": page.get_by_test_id("stRadio").filter(has_text="I meant"),
        "Send to class": page.get_by_role("button", name="Send to class"),
        "Prediction": page.get_by_test_id("stMetric").filter(has=page.get_by_text("Prediction", exact=True)),
    }
    return {name: locator.bounding_box() for name, locator in parts.items()}


@pytest.mark.parametrize("screen", list(FIRST_SCREENS))
def test_the_answer_shows_on_the_first_screen_with_the_canvas(browser, class_url, screen):
    width, height, device, must = FIRST_SCREENS[screen]
    page = join(browser, class_url, width, height, device)
    for points in stroke_paths(4):
        stroke(page, points, device["has_touch"])
    expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
    settled(page)
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")  # the top
    page.wait_for_timeout(300)
    boxes = class_boxes(page)
    (ARTIFACTS / f"class_first_screen_{screen}.json").write_text(json.dumps(boxes))
    below = {
        name: boxes[name] for name in must if boxes[name] is None or boxes[name]["y"] + boxes[name]["height"] > height
    }
    assert below == {}, f"below the first screen ({height} px high) in class mode at {screen}"
    assert all(boxes[name]["y"] >= 0 for name in must)
    check_clean(page)
    page.context.close()
