"""Class mode in Chromium: an app server with its own class store, a teacher who starts a class, a student who
joins by link and sends a drawing. Shared by the class-mode browser tests (tests/e2e/)."""

import re

from playwright.sync_api import Page, expect

from testkit import ARTIFACTS
from testkit.chromium import FIRST_LOAD_MS, draw_with_mouse, prediction, settled
from testkit.servers import live_app

STARTED = re.compile(r"Class ([A-Z0-9]{8}) started")  # what the teacher sees; the class code


def serve(db: str, log_name: str):
    """`streamlit run app.py` on a free port with its class store at `db`; a context manager yielding the URL."""
    return live_app(ARTIFACTS / log_name, env={"LENET_CLASS_DB": db})


def start_class(page: Page, url: str) -> str:
    """The teacher opens the Class tab and starts a class; returns its code."""
    page.goto(f"{url}/?tab=Class")
    start = page.get_by_role("button", name="Start a class")
    expect(start).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    start.click()
    started = page.get_by_text(STARTED)
    expect(started).to_be_visible(timeout=FIRST_LOAD_MS)
    code = STARTED.search(started.inner_text())
    assert code is not None, started.inner_text()  # the locator found this very text
    return code.group(1)


def student_sends(page: Page, url: str, code: str, digit: int) -> None:
    page.goto(f"{url}/?class={code}")
    expect(page.get_by_text(f"You are in class {code}")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, digit)
    expect(prediction(page)).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    page.get_by_test_id("stRadio").filter(has_text="I meant").get_by_text(str(digit), exact=True).click()
    settled(page)
    page.get_by_role("button", name="Send to class").click()
    expect(page.get_by_text(re.compile(r"Sent as #\d+"))).to_be_visible(timeout=FIRST_LOAD_MS)
