"""The protocol-level load client against real app servers: answers over Streamlit's websocket, Locust's
students end to end, and the same through nginx in front of two servers."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.cluster import NGINX, cluster
from bench.harness.server import streamlit_server
from bench.load.protocol import Session, load_drawings
from testkit import ROOT
from ui.canvas import CANVAS_KEY


def draw_all(url: str) -> list[tuple[int, str | None]]:
    """One session: the first page, then every recorded drawing; (digit, shown) for each."""
    session = Session(url)
    try:
        first = session.rerun()
        assert CANVAS_KEY in session.widget_ids, "the first page has no canvas"
        assert first.prediction is None and not first.exceptions
        shown = []
        for drawing in load_drawings():
            run = session.draw(drawing)
            assert not run.exceptions, run.exceptions
            session.fetch_media(run)  # the pictures live in the process that drew them
            shown.append((drawing["digit"], run.prediction))
        return shown
    finally:
        session.close()


def test_recorded_drawings_get_their_digits_over_the_websocket():
    with streamlit_server("app.py") as server:
        shown = draw_all(server.url)
    assert shown == [(d["digit"], str(d["digit"])) for d in load_drawings()]
    assert len({d for d, _ in shown}) >= 3  # several different digits, not one answer for all


def test_locust_students_answered_right():
    """`python -m bench.load` with two students for a few strokes: every stroke answered, every answer right."""
    command = [sys.executable, "-m", "bench.load", "--students", "2", "--duration", "5", "--join-window", "1", "--json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    row = json.loads(done.stdout.strip().splitlines()[-1])["levels"][0]
    assert row["joined"] == 2 and row["strokes"] >= 2, row
    assert (row["lost"], row["wrong"], row["errors"]) == (0, 0, 0), row["error_samples"]
    assert row["server_p50_ms"] > 0  # the server-side clock saw the strokes


def test_two_servers_behind_nginx():
    if not shutil.which(NGINX) and not Path(NGINX).exists():
        message = f"nginx not found at {NGINX} (apt-get install -y nginx)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with cluster(2) as running:
        assert running.nginx is not None and len(running.servers) == 2
        shown = [pair for _ in range(3) for pair in draw_all(running.url)]  # 3 sessions, each its own cookie
        strokes = running.server_ms(0)
    assert all(str(digit) == answer for digit, answer in shown), shown
    assert len(strokes) == len(shown)  # every stroke reached a server (and only one)
