"""A real app server and a real Chromium for the browser tests (Playwright, Debian's chromium)."""

import os
from pathlib import Path

import pytest

from testkit import ARTIFACTS
from testkit.chromium import watch_errors
from testkit.class_pages import serve
from testkit.servers import CHROMIUM, CHROMIUM_ARGS, live_app


@pytest.fixture(scope="session")
def app_url():
    """`streamlit run app.py` on a free port; yields its URL and stops it afterwards."""
    with live_app(ARTIFACTS / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def class_db(tmp_path_factory) -> str:
    """The class store of `class_app`: a fresh SQLite file for the session (every test starts its own class)."""
    return f"sqlite:///{tmp_path_factory.mktemp('classdb') / 'classes.db'}"


@pytest.fixture(scope="session")
def class_app(class_db):
    """The app with its class store at `class_db` (class mode's browser tests): one server for the session, as
    each test starts or joins a class of its own (a start costs 5-15 s on a busy machine)."""
    with serve(class_db, "streamlit_class.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium; fails under CI when it is missing, skips elsewhere."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see whether the test failed."""
    outcome = yield
    setattr(item, f"report_{call.when}", outcome.get_result())


@pytest.fixture
def page(browser, app_url, request):
    """A fresh tab on the app, with its JavaScript errors collected in `page.errors`;
    a failing test leaves a screenshot in test-artifacts/failed_<test>.png."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, has_touch=True)
    page = context.new_page()
    watch_errors(page)
    page.goto(app_url)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(path=str(ARTIFACTS / f"failed_{request.node.name}.png"))
    context.close()
