"""Issue 9 in Chromium, against a server started as `./run.sh app` starts it: the shipped config only."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from lenet import viz
from testkit import ARTIFACTS, ROOT
from testkit.chromium import prediction, watch_errors
from testkit.digits import draw_digit
from testkit.servers import START_TIMEOUT_S, free_port, wait_healthy

ANSWER_MS = 60_000
MARKDOWN_NAME = "![t](http://example.invalid/t.png).png"


@pytest.fixture(scope="module")
def shipped_server():
    """`streamlit run app.py` with nothing but a port: file watcher, upload limit etc. from .streamlit/."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    with open(ARTIFACTS / "streamlit_shipped.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, server, START_TIMEOUT_S, str(ARTIFACTS / "streamlit_shipped.log"))
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.fixture
def shipped_page(browser, shipped_server):
    """A fresh tab; `page.requests` lists every URL it asked for, `page.errors` its JavaScript errors."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    watch_errors(page)
    page.requests = []
    page.on("request", lambda request: page.requests.append(f"{request.method} {request.url}"))
    context.route("**/*example.invalid*/**", lambda route: route.abort())  # never leave the machine
    page.goto(shipped_server[0])
    yield page
    context.close()


def upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_text("Upload", exact=True).click()
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": "image/png", "buffer": content}])


def inotify_handles(pid: int) -> int:
    """How many inotify instances the process holds (each a file watcher)."""
    fds = Path(f"/proc/{pid}/fd")
    return sum(os.readlink(fd) == "anon_inode:inotify" for fd in fds.iterdir() if fd.is_symlink())


def test_an_open_page_watches_no_files(shipped_page: Page, shipped_server):
    """Item 1: the default watcher followed the whole tree (.venv too) and burnt a core."""
    expect(shipped_page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=ANSWER_MS)
    assert inotify_handles(shipped_server[1]) == 0


def test_an_upload_over_the_server_limit_is_never_sent(shipped_page: Page):
    """Item 2: Streamlit refuses it in the browser; the server never receives (and keeps) the bytes."""
    upload(shipped_page, "huge.png", b"\x89PNG" + bytes(30 * 2**20))
    expect(shipped_page.get_by_text("or smaller")).to_be_visible(timeout=ANSWER_MS)
    assert not [r for r in shipped_page.requests if r.startswith("PUT") and "upload_file" in r]
    expect(prediction(shipped_page)).to_have_count(0)
    assert not shipped_page.errors


def test_a_file_name_is_shown_as_plain_text(shipped_page: Page):
    """Item 6: a Markdown image in the name must not make the browser fetch its address."""
    paper = viz.to_png_bytes(draw_digit(7, size=300, thickness=20, polarity="dark_on_light"))
    upload(shipped_page, MARKDOWN_NAME, paper)
    expect(prediction(shipped_page)).to_have_text("7", timeout=ANSWER_MS)
    expect(shipped_page.get_by_text(MARKDOWN_NAME, exact=True)).to_be_visible()
    assert not [r for r in shipped_page.requests if "example.invalid" in r]
    assert not shipped_page.errors


def test_a_16_bit_scan_previews_its_digit(shipped_page: Page, tmp_path):
    """Item 7: 16-bit grey (paper at 60000, ink at 8000) was clipped at 255: a white square."""
    ink = draw_digit(4, size=240, thickness=18).astype(np.float64) / 255  # 1 on the strokes
    scan = np.round(60_000 - 52_000 * ink).astype(np.uint16)
    path = tmp_path / "scan16.png"
    Image.fromarray(scan).save(path)
    assert Image.open(path).mode.startswith("I;16")
    upload(shipped_page, "scan16.png", path.read_bytes())
    expect(prediction(shipped_page)).to_have_text("4", timeout=ANSWER_MS)
    preview = shipped_page.locator("[data-testid=stImage] img").first
    preview.screenshot(path=str(ARTIFACTS / "upload_16bit_preview.png"))
    shown = np.asarray(Image.open(ARTIFACTS / "upload_16bit_preview.png").convert("L"))
    assert shown.min() < 64 and shown.max() > 192  # dark strokes on light paper, not all white
