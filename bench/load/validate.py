"""Does the protocol client load the server as a browser does? The same drawings, drawn by Chromium and
sent by bench/load/protocol.py in alternating rounds on one server: the answers must agree, and the server's own
time per stroke (bench/harness/timed_server.py) must agree within 20 %.

    python -m bench.load.validate [--rounds 5] [--json]
"""

import asyncio
import time

import numpy as np

from bench.harness.browser import clear, draw_and_time, launch, open_app, shown_prediction
from bench.harness.common import emit, log, parser, ratio
from bench.harness.server import LOG_DIR, streamlit_server
from bench.harness.timed_server import read_runlog
from bench.load.protocol import Session, load_drawings

TOLERANCE = 0.20


def stroke_ms(runlog, since: float) -> tuple[float, float]:
    """(wall ms, CPU ms) on the server of the run that finished last since `since` (the stroke just answered)."""
    rows = read_runlog(str(runlog), since)
    return rows[-1][1:3] if rows else (float("nan"), float("nan"))


async def browser_round(page, runlog, drawings: list[dict]) -> list[tuple[int, str | None, float]]:
    out = []
    for drawing in drawings:
        since = time.time()
        await draw_and_time(page, drawing["digit"])  # the same strokes (testkit/digits.py) the recording drew
        shown = await shown_prediction(page, drawing["digit"])
        out.append((drawing["digit"], shown, *stroke_ms(runlog, since)))
        await clear(page)
    return out


def protocol_round(session: Session, runlog, drawings: list[dict]) -> list[tuple[int, str | None, float]]:
    out = []
    for drawing in drawings:
        since = time.time()
        run = session.draw(drawing)
        session.fetch_media(run)
        out.append((drawing["digit"], run.prediction, *stroke_ms(runlog, since)))
        time.sleep(0.4)  # the browser settles between strokes too
    return out


async def measure(rounds: int) -> dict:
    from playwright.async_api import async_playwright

    drawings, runlog = load_drawings(), LOG_DIR / f"validate-{time.time_ns()}.log"
    browser_rows, protocol_rows = [], []
    with streamlit_server("app.py", runlog=runlog) as server:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await open_app(browser, server.url)
            session = Session(server.url)
            session.rerun()
            await browser_round(page, runlog, drawings[:1])  # warm-up: TensorFlow, the model, the tracing
            for r in range(rounds):
                log(f"validate: round {r + 1}/{rounds}")
                browser_rows += await browser_round(page, runlog, drawings)
                protocol_rows += await asyncio.to_thread(protocol_round, session, runlog, drawings)
            session.close()
            await browser.close()
    agree = sum(b[1] == p[1] == str(b[0]) for b, p in zip(browser_rows, protocol_rows))
    result = {"name": "validate", "strokes": len(browser_rows), "answers_agree": agree}
    for column, what in ((2, "wall"), (3, "cpu")):
        b_ms, p_ms = [r[column] for r in browser_rows], [r[column] for r in protocol_rows]
        result[what] = {
            "browser_median": round(float(np.nanmedian(b_ms)), 1),
            "protocol_median": round(float(np.nanmedian(p_ms)), 1),
            "browser_mean": round(float(np.nanmean(b_ms)), 1),
            "protocol_mean": round(float(np.nanmean(p_ms)), 1),
            "ratio_median": ratio(float(np.nanmedian(p_ms)), float(np.nanmedian(b_ms))),
        }
    return {
        **result,
        "goal": f"same answers; server CPU ms per stroke, protocol / browser (median) within 1 ± {TOLERANCE}",
        "met": agree == len(browser_rows) and abs(result["cpu"]["ratio_median"] - 1) <= TOLERANCE,
    }


def lines(r: dict) -> list[str]:
    return [
        f"Validation, {r['strokes']} strokes each: answers agree {r['answers_agree']}/{r['strokes']}",
        *[
            f"server {what} ms per stroke, median: Chromium {m['browser_median']}, protocol {m['protocol_median']} "
            f"(ratio {m['ratio_median']}); mean: {m['browser_mean']} vs {m['protocol_mean']}"
            for what, m in (("wall", r["wall"]), ("CPU", r["cpu"]))
        ],
    ]


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, help="rounds of all recorded drawings, each side (default 5; --quick 1)")
    args = p.parse_args(argv)
    result = asyncio.run(measure(args.rounds or (1 if args.quick else 5)))
    emit(result, args.json, lines(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
