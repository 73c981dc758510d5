"""Retake the README's screenshots from a running app, at 1366×768 (a classroom projector) and on a phone.

    .venv/bin/python docs/screenshots.py http://localhost:8501

Writes docs/draw.png, docs/phone.png, docs/layers.png, docs/unit.png and docs/lab.png, and for the teacher-paced
lesson docs/lesson_teacher.png (the teacher's bar over the wall during a challenge) and docs/lesson_phone.png (a
student's phone following). The lesson's class is started in the app's class store: run this script with the
app's $LENET_CLASS_DB (or neither sets it: both use the data folder's classes.db). Look at each picture before
committing it: they are what a teacher sees first.
"""

import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parents[1])
)  # run as a script: the imports below need the repository root

from playwright.sync_api import Page, expect, sync_playwright

from testkit import ROOT
from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, draw_with_mouse, multiselect, open_tab, prediction, settled
from testkit.servers import CHROMIUM, CHROMIUM_ARGS
from ui.tabs import TABS

TAB = {tab.title: tab for tab in TABS}

PROJECTOR = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2}


def drawn(browser, url: str, device: dict, digit: int = 4) -> Page:
    page = browser.new_context(**device).new_page()
    page.goto(url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, digit)
    expect(prediction(page)).to_have_text(str(digit), timeout=ANSWER_MS)
    return page


def shoot(page: Page, name: str, top=None) -> None:
    """A screenshot of the viewport, after scrolling `top` (a locator) to the top of it."""
    settled(page)
    if top is not None:
        top.first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_function("[...document.images].every(image => image.complete)", timeout=ANSWER_MS)
    page.wait_for_timeout(600)
    page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))


def lesson(browser, url: str) -> None:
    """A class of three phones answering "Draw a 7" while following the teacher, on the projector and a phone."""
    from classroom import ClassStore, database_url

    code, pin = ClassStore(database_url()).new_class()
    teacher = browser.new_context(**PROJECTOR).new_page()
    teacher.goto(f"{url}/?tab=Class")
    teacher.get_by_label("Class code").fill(code)
    teacher.get_by_label("Class PIN").fill(pin)
    teacher.get_by_role("button", name="Open the wall").click()
    expect(teacher.get_by_text(f"Join class {code}")).to_be_visible(timeout=FIRST_LOAD_MS)
    students = []
    for digit in (7, 1, 7):
        page = browser.new_context(**PHONE).new_page()
        page.goto(f"{url}/?class={code}")
        expect(page.get_by_text(f"You are in class {code}")).to_be_visible(timeout=FIRST_LOAD_MS)
        draw_with_mouse(page, digit)
        expect(prediction(page)).to_be_visible(timeout=ANSWER_MS)
        students.append(page)
    press(teacher, "Pose to the class")  # the short list's first: Draw a 7
    press(teacher, "Follow me")
    for page in students:
        settled(page)
        page.get_by_role("button", name="Answer", exact=True).click()
        expect(page.get_by_text("Answered. LeNet-5 read your digit as")).to_be_visible(timeout=ANSWER_MS)
    answered = teacher.get_by_test_id("stMetric").filter(has_text="Answered").first
    expect(answered.get_by_test_id("stMetricValue")).to_have_text("3", timeout=ANSWER_MS)
    for panel in (f"Join class {code}: link and QR code", "Challenge the class"):  # folded: the tally comes up
        teacher.get_by_text(panel, exact=True).click()  # under the bar
    shoot(teacher, "lesson_teacher", teacher.get_by_text("students follow you"))
    settled(teacher)
    teacher.get_by_role("tab", name="Layers", exact=True).click()  # the class follows
    expect(students[0].get_by_text("Following the teacher")).to_be_visible(timeout=ANSWER_MS)
    shoot(students[0], "lesson_phone", students[0].get_by_role("heading", name="LeNet-5 reads your handwriting"))


def press(page: Page, label: str) -> None:
    settled(page)
    page.get_by_role("button", name=label, exact=True).click()
    settled(page)


def main(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        shoot(drawn(browser, url, PHONE), "phone")
        page = drawn(browser, url, PROJECTOR)
        shoot(page, "draw")
        page.get_by_role("tab", name="Layers", exact=True).click()
        expect(page.get_by_role("heading", name="C1 —").first).to_be_visible(timeout=ANSWER_MS)
        shoot(page, "layers", page.get_by_role("heading", name="C1 —"))
        open_tab(page, TAB["Inside one unit"])
        shoot(page, "unit", page.get_by_test_id("stImage"))
        open_tab(page, TAB["Lesion"])
        multiselect(page, "Silence C1 maps", ["C1·0"])
        shoot(page, "lab", page.get_by_test_id("stMultiSelect"))
        lesson(browser, url)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501")
