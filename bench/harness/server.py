"""A Streamlit server for benchmarks: start on a free port, wait for health, stop, measure memory."""

import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness.common import ROOT
from bench.harness.timed_server import RUNLOG_ENV
from launch.cli import SERVER_ENV  # what `./run.sh app` sets for its server: the benchmarks' servers get it too
from testkit.servers import free_port, streamlit_command, wait_healthy

HEALTH_TIMEOUT_S = 90  # a cold start imports TensorFlow; the machine may be busy
LOG_DIR = Path(tempfile.gettempdir()) / "lenet-bench"  # server logs, never inside the repository


@dataclass
class Server:
    """A running `streamlit run SCRIPT`; times are time.perf_counter() values."""

    script: str
    process: subprocess.Popen
    url: str
    started: float
    healthy: float | None = None
    log_path: Path = field(default=LOG_DIR)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT_S) -> float:
        """Block until /_stcore/health says ok; returns the seconds since the process started."""
        wait_healthy(self.url, self.process, timeout, str(self.log_path), poll_s=0.05)
        self.healthy = time.perf_counter()
        return self.healthy - self.started


def tree_of(script: str) -> Path:
    """The working tree `script` belongs to (the nearest folder above it with a `.git`, as a worktree has), else
    this repository. A server runs from its own tree, so it reads that tree's `.streamlit/config.toml`: a
    baseline in another worktree must not run with this tree's settings (Streamlit reads $CWD/.streamlit)."""
    path = (ROOT / script).resolve()
    return next((folder for folder in path.parents if (folder / ".git").exists()), ROOT)


def start_server(
    script: str = "app.py", runlog: Path | None = None, port: int | None = None, env: dict | None = None
) -> Server:
    """Launch `streamlit run script` (a path relative to the repository, or absolute) on `port` (default: a free
    one), from the script's own working tree (tree_of).
    With `runlog`, every script run's server time is logged there (bench/harness/timed_server.py)."""
    LOG_DIR.mkdir(exist_ok=True)
    port = port or free_port()
    log_path = LOG_DIR / f"{Path(script).stem}-{port}.log"
    tree = tree_of(script)
    command = streamlit_command(
        str((ROOT / script).resolve()), port, module="bench.harness.timed_server" if runlog else "streamlit"
    )
    env = {
        **os.environ,
        **SERVER_ENV,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(ROOT),
        **(env or {}),
        **({RUNLOG_ENV: str(runlog)} if runlog else {}),
    }
    with open(log_path, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(script, process, f"http://localhost:{port}", started, log_path=log_path)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=15)


@contextmanager
def streamlit_server(script: str = "app.py", wait: bool = True, runlog: Path | None = None):
    """A Streamlit server for the duration of a `with` block, healthy on entry unless wait=False."""
    server = start_server(script, runlog)
    try:
        if wait:
            server.wait_healthy()
        yield server
    finally:
        stop_server(server)


# ---- memory ----------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The process ids of `pid`'s children (every thread's)."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, in MiB (VmRSS from /proc)."""
    total_kb, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
        todo += children(current)
    return round(total_kb / 1024, 1)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by `pid` and its live descendants, in seconds."""
    total, todo, tick = 0, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
        except (OSError, IndexError, ValueError):
            continue
        todo += children(current)
    return total / tick
