"""After the server restarts, the first Clear clears (issue 9, item 5).

The page reconnects to a new server with a new, empty session. Streamlit runs no on_click callback in
a session that has not run yet, so a Clear wired as a callback was ignored once: the 7 stayed.
"""

import os
import subprocess

import pytest
from playwright.sync_api import expect

from testkit import ARTIFACTS, ROOT
from testkit.chromium import (
    ANSWER_MS,
    FIRST_LOAD_MS,
    check_clean,
    draw_with_mouse,
    idle,
    prediction,
    settled,
    watch_errors,
)
from testkit.servers import START_TIMEOUT_S, free_port, streamlit_command, wait_healthy

RECONNECT_MS = 60_000  # the page pings the server every few seconds, then the first page run imports TensorFlow


class Server:
    """`streamlit run app.py` on one port, which can be stopped and started again."""

    def __init__(self, port: int):
        self.port, self.url, self.process = port, f"http://localhost:{port}", None

    def start(self) -> None:
        command = streamlit_command("app.py", self.port)
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
        with open(ARTIFACTS / "streamlit_restart.log", "a") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_healthy(self.url, self.process, START_TIMEOUT_S, str(ARTIFACTS / "streamlit_restart.log"))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


@pytest.fixture
def server():
    ARTIFACTS.mkdir(exist_ok=True)
    server = Server(free_port())
    server.start()
    yield server
    server.stop()


def test_the_first_clear_after_a_server_restart_clears(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    watch_errors(page)
    page.goto(server.url)
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)

    server.stop()
    expect(page.locator("[data-test-connection-state=CONNECTED]")).to_have_count(0, timeout=RECONNECT_MS)
    server.start()
    expect(page.locator("[data-test-connection-state=CONNECTED]")).to_have_count(1, timeout=RECONNECT_MS)
    settled(page)
    # The canvas reports its drawing to the new session on its own once it has remounted; a click in the same
    # instant is a different race (the click's run stopped by that report's: left, see docs/developers.md).
    idle(page)

    page.get_by_role("button", name="Clear").click()  # once
    expect(prediction(page)).to_have_count(0, timeout=ANSWER_MS)
    draw_with_mouse(page, 1)
    expect(prediction(page)).to_have_text("1", timeout=ANSWER_MS)
    check_clean(page)
    context.close()
