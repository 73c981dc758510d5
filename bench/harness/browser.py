"""A real browser for benchmarks (async Playwright + Debian Chromium): draw on the canvas and time
Streamlit's reruns."""

from contextlib import suppress
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout

from testkit.servers import CHROMIUM, CHROMIUM_ARGS

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
    """Draw `digit` (its strokes from testkit/digits.py); seconds from the LAST stroke's mouse-up to the
    end of the rerun it caused. Earlier strokes of a multi-stroke digit are settled first."""
    from testkit.digits import stroke_paths

    strokes = stroke_paths(digit)
    for i, stroke in enumerate(strokes):
        n = await page.evaluate("() => window.__bench.ups.length")
        await draw_stroke(page, stroke)
        await page.wait_for_function("(n) => window.__bench.ups.length > n", arg=n, polling=10)
        elapsed = await rerun_after(page, await page.evaluate("(n) => window.__bench.ups[n]", n))
        if i < len(strokes) - 1:
            await settle(page)
    return elapsed


NO_ANSWER_JS = """() => ![...document.querySelectorAll('[data-testid=stMetric]')]
    .some(m => m.innerText.includes('Prediction'))"""


async def clear(page) -> None:
    """Press the canvas' Clear button; wait until the answer is gone (the canvas stays mounted since the
    stroke fragment: waiting for a new canvas element, as this did, never ended) and the page has settled.
    A quick rerun can flip running -> notRunning within one frame, unseen (testkit/chromium.py: clear)."""
    await page.get_by_role("button", name="Clear").click()
    await page.wait_for_function(NO_ANSWER_JS, polling=20, timeout=RERUN_MS)
    await page.locator("canvas.upper-canvas").wait_for(state="visible", timeout=RERUN_MS)
    await settle(page)


async def shown_prediction(page, expected: int, timeout_ms: float = 10_000) -> str | None:
    """The text of the "Prediction" metric once it shows `expected` (or whatever it shows at timeout)."""
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text("Prediction", exact=True))
    value = metric.get_by_test_id("stMetricValue")
    with suppress(PlaywrightTimeout):  # not shown in time: report what is shown instead
        await page.wait_for_function(
            """(d) => [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
                 m.innerText.includes('Prediction') &&
                 m.querySelector('[data-testid=stMetricValue]')?.innerText.trim() === String(d))""",
            arg=expected,
            polling=50,
            timeout=timeout_ms,
        )
    return (await value.first.inner_text()).strip() if await value.count() else None


async def exceptions_shown(page) -> int:
    """Streamlit exception boxes on the page."""
    return await page.locator("[data-testid=stException]").count()
