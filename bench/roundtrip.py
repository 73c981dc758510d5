"""Browser round trip in headless Chromium: a stroke's mouse-up -> the end of the rerun it causes,
for the real app and for a bare canvas app (bench/harness/bare_app.py), interleaved in the same run.

    python -m bench.roundtrip [--quick] [--json] [--strokes N]
"""

from bench.harness.browser import clear, draw_and_time, exceptions_shown, launch, open_app, shown_prediction
from bench.harness.common import benchmark_main, log, ratio, stats_ms, table
from bench.harness.server import start_server, stop_server

GOAL_RATIO = 1.25
DIGITS = (1, 7, 0)  # one stroke each


async def measure(strokes: int) -> dict:
    from playwright.async_api import async_playwright

    servers = {"app": start_server("app.py"), "bare": start_server("bench/harness/bare_app.py")}
    try:
        for server in servers.values():
            server.wait_healthy()
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            pages = {name: await open_app(browser, server.url) for name, server in servers.items()}
            times = {name: [] for name in pages}
            wrong = []
            for k in range(strokes + 1):  # stroke 0 warms each page up and is not counted
                digit = DIGITS[k % len(DIGITS)]
                order = list(pages) if k % 2 == 0 else list(pages)[::-1]
                for name in order:
                    seconds = await draw_and_time(pages[name], digit)
                    if name == "app" and (shown := await shown_prediction(pages[name], digit)) != str(digit):
                        wrong.append((digit, shown))
                    if k:
                        times[name].append(seconds)
                    await clear(pages[name])
                log(
                    f"roundtrip: stroke {k}/{strokes} ({digit}): "
                    + ", ".join(f"{n} {1000 * t[-1]:.0f} ms" for n, t in times.items() if t)
                )
            errors = {name: await exceptions_shown(page) + len(page.bench_errors) for name, page in pages.items()}
            await browser.close()
    finally:
        for server in servers.values():
            stop_server(server)
    app, bare = stats_ms(times["app"]), stats_ms(times["bare"])
    r = ratio(app["median_ms"], bare["median_ms"])
    return {
        "name": "roundtrip",
        "strokes": strokes,
        "app": app,
        "bare": bare,
        "ratio_median": r,
        "ratio_p95": ratio(app["p95_ms"], bare["p95_ms"]),
        "wrong_predictions": wrong,
        "errors": errors,
        "goal": f"app median <= {GOAL_RATIO}x bare",
        "met": r <= GOAL_RATIO,
    }


def lines(result: dict) -> list[str]:
    rows = [[name, result[name]["n"], result[name]["median_ms"], result[name]["p95_ms"]] for name in ("app", "bare")]
    return [
        f"Round trip (mouse-up -> rerun finished), {result['strokes']} strokes each, digits 1/7/0",
        *table(["app", "n", "median ms", "p95 ms"], rows),
        (
            f"app / bare: median {result['ratio_median']}x, p95 {result['ratio_p95']}x; "
            f"wrong predictions {len(result['wrong_predictions'])}; errors {result['errors']}"
        ),
    ]


def main(argv=None) -> int:
    options = {"--strokes": {"type": int, "help": "timed strokes per app (default 15, --quick 3)"}}
    return benchmark_main(argv, __doc__, options, lambda a: measure(a.strokes or (3 if a.quick else 15)), lines)


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    return (
        f"app {r['app']['median_ms']} ms (p95 {r['app']['p95_ms']}), bare {r['bare']['median_ms']} ms "
        f"(p95 {r['bare']['p95_ms']}), {r['ratio_median']}x"
    )


if __name__ == "__main__":
    raise SystemExit(main())
