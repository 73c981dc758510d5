"""What every benchmark shares: arguments, output and statistics. The Streamlit server is in
bench/harness/server.py, the browser that draws and times reruns in bench/harness/browser.py."""

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable

import numpy as np

from testkit import ROOT

if str(ROOT) not in sys.path:  # `python bench/x.py` and `-m bench.x` both find lenet/, ui/ and tests/
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


# ---- arguments and output -------------------------------------------------------------------

ASYNC_TIMEOUT_S = 900  # a browser benchmark that takes longer than this is stuck


def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark has: --json and --quick."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not a measurement")
    return p


def benchmark_main(
    argv,
    doc: str,
    options: dict[str, dict],
    measure: Callable[[argparse.Namespace], dict],
    lines: Callable[[dict], list[str]],
) -> int:
    """A benchmark's whole `main`: parse --json, --quick and `options` ({flag: add_argument keywords}),
    run `measure(args)` (a coroutine is run too) and print its result (JSON or the `lines` table)."""
    p = parser(doc.splitlines()[0])
    for flag, keywords in options.items():
        p.add_argument(flag, **keywords)
    args = p.parse_args(argv)
    result = measure(args)
    if asyncio.iscoroutine(result):  # a browser benchmark: run it, within a bound
        result = asyncio.run(asyncio.wait_for(result, timeout=ASYNC_TIMEOUT_S))
    emit(result, args.json, lines(result))
    return 0


def before_after_main(
    argv,
    doc: str,
    measure: Callable[[dict[str, str], int], dict],
    lines: Callable[[dict], list[str]],
    strokes: int,
    quick: int,
) -> int:
    """The whole `main` of a before/after benchmark (bench/ab.py, bench/memory.py): --baseline (a copy of the app
    to compare with) and --strokes on each server (`strokes`, or `quick` with --quick); then `measure` gets the
    scripts, {"baseline": path, "app": "app.py"}, and the number of strokes."""
    options = {
        "--baseline": {"required": True, "help": "the app before the change (a file path)"},
        "--strokes": {"type": int, "help": f"strokes on each server (default {strokes}; --quick {quick})"},
    }
    return benchmark_main(
        argv,
        doc,
        options,
        lambda args: measure(
            {"baseline": args.baseline, "app": "app.py"}, args.strokes or (quick if args.quick else strokes)
        ),
        lines,
    )


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
    fmt = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
    return [fmt(cells[0]), "  ".join("-" * w for w in widths), *[fmt(row) for row in cells[1:]]]


def _cell(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


# ---- statistics ------------------------------------------------------------------------------


def stats_ms(seconds: list[float]) -> dict:
    """n, median, p95, mean, min and max of durations given in seconds, reported in milliseconds."""
    ms = np.asarray(seconds, dtype=float) * 1000.0
    if not ms.size:
        return {
            "n": 0,
            "median_ms": float("nan"),
            "p95_ms": float("nan"),
            "mean_ms": float("nan"),
            "min_ms": float("nan"),
            "max_ms": float("nan"),
        }
    return {
        "n": int(ms.size),
        "median_ms": round(float(np.median(ms)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "mean_ms": round(float(ms.mean()), 2),
        "min_ms": round(float(ms.min()), 2),
        "max_ms": round(float(ms.max()), 2),
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")
