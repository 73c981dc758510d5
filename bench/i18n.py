"""A translated page's server time per stroke (issue 26): the same drawing through app.py in English and in another
language, script runs alternating in one process (AppTest: the server's script run without a browser), and what
the translations themselves cost (`_()` lookups and number formatting per run, counted and timed).

    python -m bench.i18n [--quick] [--json] [--strokes N] [--lang de] [--tab Prediction]

The paired ratio is the median over strokes of (translated run / the English run beside it). English runs the
source text with Python's own number formatting (ui/i18n.py), so it is the baseline.
"""

import statistics
import time

from bench.harness.common import benchmark_main, log, ratio, table

GOAL = 1.02  # a translated stroke costs at most 2 % more server time


def _stroke_ms(at) -> float:
    start = time.perf_counter()
    at.run()
    return (time.perf_counter() - start) * 1000


def _per_call_us(code: str) -> dict[str, float]:
    """µs per `_()` lookup and per percent() in `code`, each timed over 10,000 calls."""
    from ui import i18n

    i18n.use(code)
    out = {}
    for name, call in (
        ("lookup", lambda: i18n._("Probability of each digit")),
        ("percent", lambda: i18n.percent(0.974)),
    ):
        start = time.perf_counter()
        for _n in range(10_000):
            call()
        out[name] = round((time.perf_counter() - start) / 10_000 * 1e6, 2)
    i18n.use(i18n.DEFAULT)
    return out


def measure(args) -> dict:
    import ui.canvas
    from testkit.apptest import app_test, canvas_drawing
    from ui import i18n
    from ui.tabs import TABS

    strokes = 6 if args.quick else args.strokes
    drawing = canvas_drawing(7)
    ui.canvas.canvas_ui = lambda: drawing  # the canvas as AppTest cannot draw it: a fixed drawing, every run
    title = next(tab.title for tab in TABS if tab.title == args.tab)
    apps = {code: app_test(None, None, lang=code, tab=title) for code in (i18n.DEFAULT, args.lang)}
    for at in apps.values():
        at.run()  # the first run loads the model and the catalogue
        assert not at.exception, [e.value for e in at.exception]
    times: dict[str, list[float]] = {code: [] for code in apps}
    for n in range(strokes):
        order = list(apps) if n % 2 == 0 else list(apps)[::-1]  # alternate who goes first
        for code in order:
            times[code].append(_stroke_ms(apps[code]))
    log(f"{strokes} strokes per language on {title}")
    en, other = times[i18n.DEFAULT], times[args.lang]
    paired = statistics.median(b / a for a, b in zip(en, other))
    per_call = _per_call_us(args.lang)
    return {
        "name": "i18n",
        "tab": title,
        "lang": args.lang,
        "strokes": strokes,
        "en_ms": round(statistics.median(en), 2),
        f"{args.lang}_ms": round(statistics.median(other), 2),
        "ratio_of_medians": ratio(statistics.median(other), statistics.median(en)),
        "median_paired_ratio": round(paired, 3),
        "lookup_us": per_call["lookup"],
        "percent_us": per_call["percent"],
        "goal": f"{args.lang} ≤ {GOAL}× English server time per stroke",
        "met": paired <= GOAL,
    }


def lines(result: dict) -> list[str]:
    lang = result["lang"]
    return table(
        [
            "tab",
            "strokes",
            "English ms",
            f"{lang} ms",
            "ratio of medians",
            "median paired ratio",
            "_() µs",
            "percent µs",
        ],
        [
            [
                result["tab"],
                result["strokes"],
                result["en_ms"],
                result[f"{lang}_ms"],
                result["ratio_of_medians"],
                result["median_paired_ratio"],
                result["lookup_us"],
                result["percent_us"],
            ]
        ],
    ) + [f"goal: {result['goal']}: {'met' if result['met'] else 'not met'}"]


def summary(result: dict) -> str:
    return (
        f"{result['lang']} / English server time per stroke {result['median_paired_ratio']}× "
        f"({result[result['lang'] + '_ms']} vs {result['en_ms']} ms, {result['tab']})"
    )


def main(argv=None) -> int:
    options = {
        "--strokes": {"type": int, "default": 40, "help": "script runs per language (alternating)"},
        "--lang": {"default": "de", "help": "the translated language to compare with English"},
        "--tab": {"default": "Prediction", "help": "the open tab (its English title)"},
    }
    return benchmark_main(argv, __doc__, options, measure, lines)


if __name__ == "__main__":
    raise SystemExit(main())
