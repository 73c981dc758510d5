"""What every benchmark shares: arguments and output, statistics, a Streamlit server, its memory,
and a real Chromium that draws on the canvas and times Streamlit's reruns (async Playwright).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT_S = 90  # a cold start imports TensorFlow; the machine may be busy
LOG_DIR = Path(tempfile.gettempdir()) / "lenet-bench"  # server logs, never inside the repository

if str(ROOT) not in sys.path:  # `python bench/x.py` and `-m bench.x` both find lenet/, ui/ and tests/
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


# ---- arguments and output -------------------------------------------------------------------

def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark has: --json and --quick."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not a measurement")
    return p


def log(message: str) -> None:
    """Progress, on stderr, so `--json` output stays one clean object on stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def emit(result: dict, as_json: bool, lines: list[str]) -> None:
    """Print the result: one JSON object, or the human table lines and the goal."""
    if as_json:
        print(json.dumps(result, default=_plain))
        return
    print("\n".join(lines))
    print(f"goal: {result['goal']}  ->  {'MET' if result['met'] else 'NOT MET'}")


def _plain(value):
    return value.item() if isinstance(value, np.generic) else str(value)


def table(headers: list[str], rows: list[list]) -> list[str]:
    """A plain-text table, columns right-aligned except the first."""
    cells = [[str(c) for c in headers]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    fmt = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))  # noqa: E731
    return [fmt(cells[0]), "  ".join("-" * w for w in widths), *[fmt(row) for row in cells[1:]]]


def _cell(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


# ---- statistics ------------------------------------------------------------------------------

def stats_ms(seconds: list[float]) -> dict:
    """n, median, p95, mean, min and max of durations given in seconds, reported in milliseconds."""
    ms = np.asarray(seconds, dtype=float) * 1000.0
    if not ms.size:
        return {"n": 0, "median_ms": float("nan"), "p95_ms": float("nan"), "mean_ms": float("nan"),
                "min_ms": float("nan"), "max_ms": float("nan")}
    return {"n": int(ms.size), "median_ms": round(float(np.median(ms)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2), "mean_ms": round(float(ms.mean()), 2),
            "min_ms": round(float(ms.min()), 2), "max_ms": round(float(ms.max()), 2)}


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


# ---- a Streamlit server ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        self.healthy = time.perf_counter()
                        return self.healthy - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.url}/_stcore/health did not answer ok within {timeout:.0f} s")


def start_server(script: str = "app.py") -> Server:
    """Launch `streamlit run script` (a path relative to the repository) on a free port."""
    LOG_DIR.mkdir(exist_ok=True)
    port = free_port()
    log_path = LOG_DIR / f"{Path(script).stem}-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]  # no reloads while others edit the tree
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}
    with open(log_path, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(script, process, f"http://localhost:{port}", started, log_path=log_path)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=15)


@contextmanager
def streamlit_server(script: str = "app.py", wait: bool = True):
    """A Streamlit server for the duration of a `with` block, healthy on entry unless wait=False."""
    server = start_server(script)
    try:
        if wait:
            server.wait_healthy()
        yield server
    finally:
        stop_server(server)


# ---- memory ----------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
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
        todo += _children(current)
    return round(total_kb / 1024, 1)


# ---- a real browser (async Playwright + Debian Chromium) -------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
MARGIN = 0.06  # keep strokes off the canvas' top edge, where its toolbar appears on hover
FIRST_LOAD_MS = 90_000  # the first page load imports TensorFlow and loads the model
RERUN_MS = 60_000  # one rerun, however busy the machine
QUIET_MS = 400  # "settled": not running, and no state change for this long

# Installed once per page: the times (performance.now(), ms) of every pointer-up and of every change
# of Streamlit's run state, seen by a MutationObserver, so no transition is missed between polls.
WATCH_JS = """() => {
  if (window.__bench) return;
  const b = window.__bench = {ups: [], states: []};
  addEventListener('pointerup', () => b.ups.push(performance.now()), true);
  const app = document.querySelector('[data-testid=stApp]');
  let last = app.getAttribute('data-test-script-state');
  b.states.push([last, performance.now()]);
  new MutationObserver(() => {
    const s = app.getAttribute('data-test-script-state');
    if (s !== last) { last = s; b.states.push([s, performance.now()]); }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# Installed before the page loads: the time of every message from the server's WebSocket.
WS_JS = """(() => {
  const Base = window.WebSocket;
  window.__wsTimes = [];
  window.WebSocket = class extends Base {
    constructor(...args) { super(...args); this.addEventListener('message', () => window.__wsTimes.push(performance.now())); }
  };
})()"""
# ms from `since` (a performance.now() time) to the end (notRunning) of the first rerun started after it.
# A quick rerun can flip running -> notRunning within one rendered frame, so the observer never sees
# "running": then the rerun's end is its last server message, once the page has been quiet for 300 ms.
RERUN_AFTER_JS = """(since) => {
  const b = window.__bench, now = performance.now();
  const start = b.states.find(([s, t]) => s === 'running' && t >= since);
  if (start) {
    const end = b.states.find(([s, t]) => s === 'notRunning' && t > start[1]);
    return end ? Math.max(end[1] - since, 1e-3) : null;
  }
  const msgs = (window.__wsTimes || []).filter((t) => t >= since), last = msgs[msgs.length - 1];
  const [state] = b.states[b.states.length - 1];
  return msgs.length && state === 'notRunning' && now - last > 300 ? Math.max(last - since, 1e-3) : null;
}"""
SETTLED_JS = """(quiet) => {
  const b = window.__bench, [s, t] = b.states[b.states.length - 1];
  return s === 'notRunning' && performance.now() - t > quiet;
}"""


async def launch(playwright):
    """Headless Debian Chromium with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


async def open_app(browser, url: str, context=None):
    """A fresh context and page on `url`, its JS errors in `page.bench_errors`, ready to draw."""
    context = context or await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.bench_errors = []
    page.on("pageerror", lambda error: page.bench_errors.append(str(error)))
    await page.add_init_script(WS_JS)
    await page.goto(url, timeout=FIRST_LOAD_MS)
    await page.locator("canvas.upper-canvas").wait_for(state="visible", timeout=FIRST_LOAD_MS)
    await page.evaluate(WATCH_JS)
    await settle(page, FIRST_LOAD_MS)
    return page


async def settle(page, timeout_ms: float = RERUN_MS) -> None:
    """Wait until Streamlit is not running and has not changed state for QUIET_MS."""
    await page.wait_for_function(SETTLED_JS, arg=QUIET_MS, polling=50, timeout=timeout_ms)


def _to_screen(box: dict, x: float, y: float) -> tuple[float, float]:
    span = 1 - 2 * MARGIN
    return box["x"] + (MARGIN + x * span) * box["width"], box["y"] + (MARGIN + y * span) * box["height"]


async def draw_stroke(page, points: list[tuple[float, float]], steps: int = 6) -> None:
    """Press, follow `points` (unit canvas coordinates, y down) and release the mouse."""
    box = await page.locator("canvas.upper-canvas").bounding_box()
    await page.mouse.move(*_to_screen(box, *points[0]))
    await page.mouse.down()
    for point in points[1:]:
        await page.mouse.move(*_to_screen(box, *point), steps=steps)
    await page.mouse.up()


async def rerun_after(page, since_ms: float) -> float:
    """Seconds from `since_ms` (page time) to the end of the first rerun that started after it."""
    handle = await page.wait_for_function(RERUN_AFTER_JS, arg=since_ms, polling=20, timeout=RERUN_MS)
    return await handle.json_value() / 1000.0


async def draw_and_time(page, digit: int) -> float:
    """Draw `digit` (its strokes from tests/digits.py); seconds from the LAST stroke's mouse-up to the
    end of the rerun it caused. Earlier strokes of a multi-stroke digit are settled first."""
    from tests.digits import stroke_paths

    strokes = stroke_paths(digit)
    for i, stroke in enumerate(strokes):
        n = await page.evaluate("() => window.__bench.ups.length")
        await draw_stroke(page, stroke)
        await page.wait_for_function("(n) => window.__bench.ups.length > n", arg=n, polling=10)
        elapsed = await rerun_after(page, await page.evaluate("(n) => window.__bench.ups[n]", n))
        if i < len(strokes) - 1:
            await settle(page)
    return elapsed


async def clear(page) -> None:
    """Press the canvas' Clear button; wait until the old canvas is gone (a new key mounts a fresh one)
    and the page has settled. A quick rerun can flip running -> notRunning within one frame, unseen."""
    old = await page.locator("canvas.upper-canvas").element_handle()
    await page.get_by_role("button", name="Clear").click()
    await page.wait_for_function("(c) => !c.isConnected", arg=old, polling=20, timeout=RERUN_MS)
    await page.locator("canvas.upper-canvas").wait_for(state="visible", timeout=RERUN_MS)
    await settle(page)


async def shown_prediction(page, expected: int, timeout_ms: float = 10_000) -> str | None:
    """The text of the "Prediction" metric once it shows `expected` (or whatever it shows at timeout)."""
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text("Prediction", exact=True))
    value = metric.get_by_test_id("stMetricValue")
    try:
        await page.wait_for_function(
            """(d) => [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
                 m.innerText.includes('Prediction') &&
                 m.querySelector('[data-testid=stMetricValue]')?.innerText.trim() === String(d))""",
            arg=expected, polling=50, timeout=timeout_ms)
    except Exception:  # noqa: BLE001  (a timeout: report what is shown instead)
        pass
    return (await value.first.inner_text()).strip() if await value.count() else None


async def exceptions_shown(page) -> int:
    """Streamlit exception boxes on the page."""
    return await page.locator("[data-testid=stException]").count()
