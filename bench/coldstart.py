"""Cold start: `streamlit run app.py` launched -> the first prediction shown in Chromium after drawing a
digit, split into health ok, page loaded (canvas shown, first run finished) and first prediction.
With --protocol, no browser: a protocol-level page (bench/load/protocol.py) sends a recorded drawing, which
gives the server's own share (its imports, first run, model load and first stroke), free of Chromium's
page load and drawing, which dominate on a busy 2-core machine.

    python -m bench.coldstart [--quick] [--json] [--runs N] [--protocol]
"""

import asyncio
import time

import numpy as np

from bench.harness.browser import (
    FIRST_LOAD_MS,
    QUIET_MS,
    VIEWPORT,
    WATCH_JS,
    WS_JS,
    draw_and_time,
    launch,
    settle,
    shown_prediction,
)
from bench.harness.common import benchmark_main, log, table
from bench.harness.server import start_server, stop_server
from bench.load.protocol import Session, load_drawings

GOAL_S = 10.0  # in the browser
PROTOCOL_GOAL_S = 2.5  # the server's share (issue 23: no TensorFlow to import before the first answer)
DIGIT = 7
STEPS = ("health_ok", "canvas_shown", "first_run_done", "prediction_shown")
PROTOCOL_STEPS = ("health_ok", "first_run_done", "prediction_shown")


async def one_start(browser) -> dict:
    """One fresh server; seconds since its process started, at each step."""
    context = await browser.new_context(viewport=VIEWPORT)  # the student's browser is already open
    page = await context.new_page()
    await page.add_init_script(WS_JS)
    server = start_server("app.py")
    since = lambda: round(time.perf_counter() - server.started, 3)
    try:
        marks = {"health_ok": round(await asyncio.to_thread(server.wait_healthy), 3)}
        await page.goto(server.url)
        await page.locator("canvas.upper-canvas").wait_for(state="visible", timeout=FIRST_LOAD_MS)
        marks["canvas_shown"] = since()
        await page.evaluate(WATCH_JS)
        await settle(page, FIRST_LOAD_MS)
        marks["first_run_done"] = round(since() - QUIET_MS / 1000, 3)  # settle waited for quiet
        marks["stroke_to_rerun_end"] = round(await draw_and_time(page, DIGIT), 3)
        marks["shown"] = await shown_prediction(page, DIGIT, FIRST_LOAD_MS)
        marks["prediction_shown"] = since()
    finally:
        await context.close()
        stop_server(server)
    return marks


def protocol_start() -> dict:
    """One fresh server, a page without a browser; seconds since its process started, at each step."""
    drawing = next(d for d in load_drawings() if d["digit"] == DIGIT)
    server = start_server("app.py")
    since = lambda: round(time.perf_counter() - server.started, 3)
    try:
        marks = {"health_ok": round(server.wait_healthy(), 3)}
        session = Session(server.url)
        try:
            session.rerun()
            marks["first_run_done"] = since()
            marks["shown"] = session.draw(drawing).prediction
            marks["prediction_shown"] = since()
            marks["stroke_to_rerun_end"] = round(marks["prediction_shown"] - marks["first_run_done"], 3)
        finally:
            session.close()
    finally:
        stop_server(server)
    return marks


def measure_protocol(runs: int) -> dict:
    starts = []
    for i in range(runs):
        starts.append(protocol_start())
        log(f"coldstart: protocol run {i + 1}/{runs}: {starts[-1]}")
    return result_of(starts, PROTOCOL_STEPS)


async def measure(runs: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        starts = []
        for i in range(runs):
            starts.append(await one_start(browser))
            log(f"coldstart: run {i + 1}/{runs}: {starts[-1]}")
        await browser.close()
    return result_of(starts, STEPS)


def result_of(starts: list[dict], steps: tuple[str, ...]) -> dict:
    median = {step: round(float(np.median([s[step] for s in starts])), 2) for step in steps}
    worst = max(s["prediction_shown"] for s in starts)
    goal = GOAL_S if steps == STEPS else PROTOCOL_GOAL_S
    return {
        "name": "coldstart",
        "client": "browser" if steps == STEPS else "protocol",
        "steps": list(steps),
        "runs": starts,
        "median_s": median,
        "first_run_s": starts[0]["prediction_shown"],
        "correct": all(s["shown"] == str(DIGIT) for s in starts),
        "goal": f"first prediction <= {goal:g} s after launch (every run)",
        "met": worst <= goal,
    }


def lines(result: dict) -> list[str]:
    steps = result["steps"]
    rows = [
        [f"run {i + 1}", *[s[step] for step in steps], s["stroke_to_rerun_end"], s["shown"]]
        for i, s in enumerate(result["runs"])
    ]
    rows.append(["median", *[result["median_s"][step] for step in steps], "", ""])
    client = "browser already open" if result["client"] == "browser" else "protocol-level page, no browser"
    return [
        f"Cold start, seconds since `streamlit run app.py` started ({client})",
        *table(["", *steps, "stroke->rerun end", "shown"], rows),
    ]


def main(argv=None) -> int:
    options = {
        "--runs": {"type": int, "help": "fresh server starts (default 3, --quick 1)"},
        "--protocol": {"action": "store_true", "help": "no browser: the server's own share (bench/load/protocol.py)"},
    }
    run = lambda a: (measure_protocol if a.protocol else measure)(a.runs or (1 if a.quick else 3))
    return benchmark_main(argv, __doc__, options, run, lines)


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    m = r["median_s"]
    return f"health {m['health_ok']} s, first run {m['first_run_done']} s, prediction {m['prediction_shown']} s"


if __name__ == "__main__":
    raise SystemExit(main())
