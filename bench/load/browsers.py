"""Load: N concurrent browser sessions (one Chromium, one context each) drawing known digits on one
`streamlit run app.py`; every prediction checked, exceptions counted, round trips and server RSS.

    python -m bench.load --browsers [--quick] [--json] [--sessions 10,20] [--strokes N]
"""

import asyncio

from bench.harness.browser import clear, draw_and_time, exceptions_shown, launch, open_app, shown_prediction
from bench.harness.common import emit, log, parser, ratio, stats_ms, table
from bench.harness.server import rss_mb, start_server, stop_server

DIGITS = (1, 7, 0)  # from testkit/digits.stroke_paths, one stroke each
GOAL_P95_RATIO, GOAL_RSS_MB = 3.0, 1024.0
LEVEL_TIMEOUT_S = 900  # one level of concurrency, however slow the machine: then it stops


async def session(browser, url: str, index: int, strokes: int, check: bool = True) -> dict:
    """One student: open the app, draw `strokes` digits (clearing between), check every answer
    (unless `check` is False: the bare canvas app shows no prediction)."""
    out = {"times": [], "wrong": [], "errors": []}
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    step = "open"  # where a timeout happened, for the error message
    try:
        page = await open_app(browser, url, context)
        for k in range(strokes):
            digit = DIGITS[(index + k) % len(DIGITS)]
            step = f"stroke {k + 1}"
            out["times"].append(await draw_and_time(page, digit))
            step = f"answer {k + 1}"
            if check and (shown := await shown_prediction(page, digit)) != str(digit):
                out["wrong"].append((digit, shown))
            step = f"clear {k + 1}"
            await clear(page)
        out["errors"] += [f"stException x{n}" for n in [await exceptions_shown(page)] if n]
        out["errors"] += page.bench_errors
    except Exception as err:  # noqa: BLE001  (a timeout or a crash is counted, not raised)
        out["errors"].append(f"{step}: {type(err).__name__}: {str(err).splitlines()[0]}")
    finally:
        await context.close()
    return out


async def sample_rss(pid: int, peaks: list[float]) -> None:
    while True:
        peaks.append(rss_mb(pid))
        await asyncio.sleep(0.5)


async def level(browser, server, sessions: int, strokes: int, check: bool = True) -> dict:
    """All `sessions` at once; round-trip stats, wrong answers, errors and peak server RSS."""
    samples: list[float] = []
    sampler = asyncio.create_task(sample_rss(server.pid, samples))
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*[session(browser, server.url, i, strokes, check) for i in range(sessions)]), LEVEL_TIMEOUT_S
        )
    finally:
        sampler.cancel()
    times = [t for r in results for t in r["times"]]
    errors = [e for r in results for e in r["errors"]]
    return {
        "sessions": sessions,
        "strokes": len(times),
        **stats_ms(times),
        "wrong": sum(len(r["wrong"]) for r in results),
        "errors": len(errors),
        "error_samples": errors[:5],
        "rss_peak_mb": max(samples, default=float("nan")),
        "rss_end_mb": rss_mb(server.pid),
    }


async def measure(levels: list[int], strokes: int, script: str = "app.py") -> dict:
    from playwright.async_api import async_playwright

    check = script == "app.py"
    server = start_server(script)
    try:
        await asyncio.to_thread(server.wait_healthy)
        rss_idle = rss_mb(server.pid)
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            await session(browser, server.url, 0, 1, check)  # warm-up: TensorFlow import, model load, tracing
            results = []
            for n in [1, *levels]:  # 1 session first: the single-user round trip to compare with
                log(f"load: {n} session(s) x {strokes} strokes ...")
                results.append(await level(browser, server, n, strokes, check))
                log(f"load: {n} -> {results[-1]}")
            await browser.close()
    finally:
        stop_server(server)
    single, top = results[0], results[-1]
    p95_ratio = ratio(top["p95_ms"], single["median_ms"])
    met = top["errors"] == 0 and top["wrong"] == 0 and p95_ratio <= GOAL_P95_RATIO and top["rss_peak_mb"] <= GOAL_RSS_MB
    return {
        "name": "load",
        "script": script,
        "strokes_per_session": strokes,
        "rss_idle_mb": rss_idle,
        "levels": results,
        "p95_over_single_median": p95_ratio,
        "top_sessions": top["sessions"],
        "goal": (
            f"at {top['sessions']} sessions: 0 errors and wrong answers, p95 <= {GOAL_P95_RATIO:.0f}x "
            f"the single-user median round trip, server RSS <= {GOAL_RSS_MB:.0f} MiB"
        ),
        "met": met,
    }


def lines(result: dict) -> list[str]:
    rows = [
        [
            r["sessions"],
            r["strokes"],
            r["median_ms"],
            r["p95_ms"],
            r["max_ms"],
            r["wrong"],
            r["errors"],
            r["rss_peak_mb"],
        ]
        for r in result["levels"]
    ]
    return [
        (
            f"Load: one server, concurrent sessions each drawing {result['strokes_per_session']} digits "
            f"(server RSS idle {result['rss_idle_mb']} MiB)"
        ),
        *table(["sessions", "strokes", "median ms", "p95 ms", "max ms", "wrong", "errors", "RSS peak MiB"], rows),
        f"p95 at {result['top_sessions']} sessions / single-user median: {result['p95_over_single_median']}x",
    ]


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sessions", help="comma-separated concurrency levels (default 10,20; --quick 3)")
    p.add_argument("--strokes", type=int, help="digits drawn per session (default 5, --quick 2)")
    p.add_argument(
        "--script",
        default="app.py",
        help="the app to load; bench/harness/bare_app.py gives the floor "
        "(the same browsers and canvas, no model), its answers not checked",
    )
    args = p.parse_args(argv)
    levels = [int(n) for n in (args.sessions or ("3" if args.quick else "10,20")).split(",")]
    result = asyncio.run(measure(levels, args.strokes or (2 if args.quick else 5), args.script))
    emit(result, args.json, lines(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
