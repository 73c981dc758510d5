"""What a live app and a real browser need, shared by the browser tests (tests/e2e/conftest.py), the
benchmarks (bench/) and docs/screenshots.py: Debian's Chromium and its flags, a free port, the `streamlit run`
command, the wait for the server's health check, and a whole server while a block runs (live_app)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from testkit import ROOT

START_TIMEOUT_S = 60  # s from `streamlit run` to a healthy server on a busy machine (the first run imports more)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless Chromium that never tries to reach the internet (no sandbox: tests may run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(script: str, port: int, module: str = "streamlit") -> list[str]:
    """`streamlit run script` headless on `port`, without usage statistics or reloads (others may edit the tree);
    `module` may name a wrapper with Streamlit's command line (bench/harness/timed_server.py)."""
    return [
        sys.executable,
        "-m",
        module,
        "run",
        script,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def wait_healthy(url: str, server: subprocess.Popen, timeout_s: float, log: str, poll_s: float = 0.1) -> None:
    """Return once `url`/_stcore/health answers ok; raise RuntimeError (pointing at `log`) if the server
    exits or `timeout_s` passes first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(poll_s)
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout_s:.0f} s; see {log}")


@contextmanager
def live_app(
    log_path: Path, env: dict[str, str] | None = None, timeout_s: float = START_TIMEOUT_S, script: str = "app.py"
):
    """`streamlit run script` from the repository root on a free port, its output in `log_path`, with `env`
    added to the environment; yields the URL once healthy and stops the server afterwards."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    full_env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **(env or {})}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            streamlit_command(script, port), cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, server, timeout_s, str(log_path), poll_s=0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=15)
