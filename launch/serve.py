"""Serve the app: `streamlit run app.py` from the project's folder (where .streamlit/config.toml is read), then,
once it answers its health check, the address to open, and a browser where there is a desktop to show one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import webbrowser
from collections.abc import Mapping
from pathlib import Path

DEFAULT_PORT = 8501  # Streamlit's
PORTS_TRIED = 20  # 8501 taken (another app, an earlier one still running): the next free one of 8502...8520
START_TIMEOUT_S = 180  # a first start on a slow laptop: Python, Streamlit and the app's imports
WILDCARDS = ("", "0.0.0.0", "::", "localhost", "127.0.0.1")  # addresses this computer's browser reaches as localhost
STOP_WAIT_S = 10  # after Ctrl-C, the server's own shutdown before it is terminated


def command(python: Path | str, project: Path, port: int, address: str | None, extra: list[str]) -> list[str]:
    """The server's command line; `extra` (the user's Streamlit options) comes last, so it wins."""
    line = [str(python), "-m", "streamlit", "run", str(project / "app.py"), "--server.port", str(port)]
    if address:
        line += ["--server.address", address]
    return line + list(extra)


def url(port: int, address: str | None) -> str:
    """What to open in this computer's browser."""
    host = "localhost" if (address or "") in WILDCARDS else address
    return f"http://{host}:{port}"


def free_port(preferred: int, address: str | None) -> int:
    """`preferred` if nothing listens there, else the next free port (Streamlit would fail on a taken one)."""
    for port in range(preferred, preferred + PORTS_TRIED):
        with socket.socket() as probe:
            try:
                probe.bind(("" if (address or "") in WILDCARDS else address, port))
                return port
            except OSError:
                continue
    return preferred  # all taken: let Streamlit say so


def has_desktop(env: Mapping[str, str] | None = None, system: str = sys.platform) -> bool:
    """Whether a browser window can be shown to the person who ran this: not under CI, not over SSH, and on
    Linux only with a display. LENET_NO_BROWSER=1 (or --no-browser) says no as well."""
    env = os.environ if env is None else env
    if env.get("CI") or env.get("LENET_NO_BROWSER") or env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return False
    if system in ("win32", "darwin"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def healthy(base: str, timeout_s: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=timeout_s) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False


def serve(line: list[str], project: Path, address: str | None, browser: bool, env: dict | None = None) -> int:
    """Run the server until it stops or Ctrl-C; the address is printed (and opened) once it answers."""
    port = int(line[line.index("--server.port") + 1])
    health = f"http://127.0.0.1:{port}" if (address or "") in WILDCARDS else url(port, address)
    server = subprocess.Popen(line, cwd=project, env={**os.environ, **(env or {})})
    previous = signal.signal(signal.SIGTERM, _terminated)  # a stopped launcher stops its server too
    try:
        if _wait_healthy(server, health):
            print(
                f"\n  The LeNet-5 classroom is ready: open {url(port, address)}  (Ctrl+C here stops it)\n", flush=True
            )
            if browser:
                webbrowser.open(url(port, address))
        return server.wait()
    except KeyboardInterrupt:  # Ctrl-C reached the server as well (same console): let it finish shutting down
        try:
            return server.wait(timeout=STOP_WAIT_S)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            return _stop(server)
    except Terminated:
        return _stop(server)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            _stop(server)


def _wait_healthy(server: subprocess.Popen, health: str) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_S
    while server.poll() is None:
        if healthy(health):
            return True
        if time.monotonic() > deadline:
            print(f"note: the server has not answered {health} in {START_TIMEOUT_S} s; still waiting", file=sys.stderr)
            return False
        time.sleep(0.25)
    return False


class Terminated(Exception):
    """SIGTERM to the launcher (a service manager, CI's timeout): stop the server, which did not get it."""


def _terminated(signum, frame):
    raise Terminated


def _stop(server: subprocess.Popen) -> int:
    server.terminate()
    try:
        return server.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()
