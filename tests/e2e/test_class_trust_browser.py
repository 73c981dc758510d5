"""Class mode's trust in Chromium (issue 20): a student's device (its address not this computer's) finds
no "Start a class", and markup in a class link is shown as the characters typed, with no link or image."""

import re
from urllib.parse import quote, urlparse

from playwright.sync_api import expect

from testkit.chromium import FIRST_LOAD_MS, settled
from testkit.class_pages import start_class

# The app trusts X-Forwarded-For only from a loopback peer (uvicorn's default), as from our nginx: a test
# browser on this computer sending it is what a student's device behind that nginx looks like to the app.
STUDENT_DEVICE = {"X-Forwarded-For": "10.1.2.3"}
EVIL = "**bold** [link](http://evil.example/x) ![x](http://evil.example/t.gif)"


def test_a_students_device_cannot_start_a_class(browser, class_app):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, extra_http_headers=STUDENT_DEVICE)
    page = context.new_page()
    page.goto(f"{class_app}/?tab=Class")
    expect(page.get_by_text("Classes are started on the computer that runs the app")).to_be_visible(
        timeout=FIRST_LOAD_MS
    )
    settled(page)
    expect(page.get_by_role("button", name="Start a class")).to_have_count(0)
    context.close()
    teacher = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()  # this computer: may
    assert re.fullmatch(r"[A-Z0-9]{8}", start_class(teacher, class_app))
    expect(teacher.get_by_text("Class PIN:")).to_have_count(0)  # the PIN stays off the projector
    teacher.context.close()


def test_markup_in_a_class_link_is_plain_text(browser, class_app):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{class_app}/?class={quote(EVIL)}")
    alert = page.get_by_test_id("stAlert").filter(has_text="There is no class with the code")
    expect(alert).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    assert "“**bold** [link](http://…”" in alert.inner_text()  # as typed, cut to its first characters
    assert alert.locator("a, img, strong").count() == 0
    assert not [url for url in requested if urlparse(url).hostname == "evil.example"]  # no image fetched
    context.close()
