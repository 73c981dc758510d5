"""Cold start: `streamlit run app.py` launched -> the first prediction shown in Chromium after drawing a
digit, split into health ok, page loaded (canvas shown, first run finished) and first prediction.

    python -m bench.coldstart [--quick] [--json] [--runs N]
"""

import asyncio
import time

import numpy as np

from bench.browser import (
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
from bench.common import benchmark_main, log, table
from bench.server import start_server, stop_server

GOAL_S = 10.0
DIGIT = 7
STEPS = ("health_ok", "canvas_shown", "first_run_done", "prediction_shown")


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


async def measure(runs: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        starts = []
        for i in range(runs):
            starts.append(await one_start(browser))
            log(f"coldstart: run {i + 1}/{runs}: {starts[-1]}")
        await browser.close()
    median = {step: round(float(np.median([s[step] for s in starts])), 2) for step in STEPS}
    worst = max(s["prediction_shown"] for s in starts)
    return {
        "name": "coldstart",
        "runs": starts,
        "median_s": median,
        "first_run_s": starts[0]["prediction_shown"],
        "correct": all(s["shown"] == str(DIGIT) for s in starts),
        "goal": f"first prediction <= {GOAL_S:.0f} s after launch (every run)",
        "met": worst <= GOAL_S,
    }


def lines(result: dict) -> list[str]:
    rows = [
        [f"run {i + 1}", *[s[step] for step in STEPS], s["stroke_to_rerun_end"], s["shown"]]
        for i, s in enumerate(result["runs"])
    ]
    rows.append(["median", *[result["median_s"][step] for step in STEPS], "", ""])
    return [
        "Cold start, seconds since `streamlit run app.py` started (browser already open)",
        *table(["", *STEPS, "stroke->rerun end", "shown"], rows),
    ]


def main(argv=None) -> int:
    options = {"--runs": {"type": int, "help": "fresh server starts (default 3, --quick 1)"}}
    return benchmark_main(argv, __doc__, options, lambda a: measure(a.runs or (1 if a.quick else 3)), lines)


if __name__ == "__main__":
    raise SystemExit(main())
