"""Where a stroke's server time goes: one session sends the recorded drawings, every script run is profiled
(cProfile, bench/harness/timed_server.py), and the time is split into Streamlit's share and ours.

    python -m bench.profile_stroke [--strokes 40] [--top 25] [--tab Invariance]

With --tab the page is opened on that tab (?tab=) and every stroke is a slightly different digit
(bench/load/follower.own_drawing), so what a tab computes per digit is computed every time, as for a class
of students each drawing their own.
"""

import pstats
import time

import numpy as np

from bench.harness.common import log, parser
from bench.harness.server import LOG_DIR, start_server, stop_server
from bench.harness.timed_server import PROFILE_ENV, read_runlog
from bench.load.follower import own_drawing
from bench.load.protocol import Session, load_drawings

# Functions whose cumulative time is one part of a stroke (file fragment, function name) -> label.
PARTS = {
    ("app.py", "main"): "whole script run (app.py main; a full run only)",
    ("app.py", "digit_and_tab"): "the stroke's fragment (app.py digit_and_tab)",
    ("streamlit_drawable_canvas", "st_canvas"): "canvas component (value: JSON + PNG data URL decode)",
    ("ui/sources.py", "_prepare"): "preprocessing (lenet.preprocess)",
    ("lenet/engine/network.py", "forward"): "forward pass (all seven layers, the NumPy engine)",
    ("ui/prediction.py", "render"): "Prediction tab (metric, chart, pictures)",
    ("lenet/viz.py", "to_png_bytes"): "PNG encoding (ours)",
    ("ui/charts.py", "class_bars"): "probability chart",
    ("streamlit/elements/image.py", "image"): "st.image (media files)",
    ("streamlit/runtime/scriptrunner/script_runner.py", "_run_script"): "ScriptRunner._run_script (all)",
    ("streamlit/runtime/scriptrunner/script_runner.py", "_on_script_finished"): "Streamlit after the run",
}


def cumulative(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of cumulative time per PARTS label (the largest matching function)."""
    out: dict[str, float] = {}
    for (file, _, name), (_, _, _, cum, _) in stats.stats.items():
        for (fragment, function), label in PARTS.items():
            if fragment in file and name == function:
                out[label] = max(out.get(label, 0.0), cum)
    return out


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--strokes", type=int, default=40)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--script", default="app.py")
    p.add_argument("--no-profile", action="store_true", help="only the server's clocks (no cProfile overhead)")
    p.add_argument("--tab", default="", help="open this tab (?tab=) and draw a different digit every stroke")
    args = p.parse_args(argv)
    stamp = time.time_ns()
    profile, runlog = LOG_DIR / f"profile-{stamp}.pstats", LOG_DIR / f"profile-{stamp}.log"
    server = start_server(args.script, runlog, env={} if args.no_profile else {PROFILE_ENV: str(profile)})
    try:
        server.wait_healthy()
        session, drawings = Session(server.url, query=f"tab={args.tab}" if args.tab else ""), load_drawings()
        strokes = [drawings[i % len(drawings)] for i in range(args.strokes)]
        if args.tab:  # every stroke its own digit: nothing the tab computes is found in ui/shared.py's cache
            strokes = [own_drawing(d, k + 1) for k, d in enumerate(strokes)]
        session.rerun()
        for d in drawings:  # warm-up: TensorFlow, the model, the tracing
            session.draw(d)
        profile.unlink(missing_ok=True)
        since = time.time()
        log(f"profile: {args.strokes} strokes ...")
        for i in range(args.strokes):
            session.fetch_media(session.draw(strokes[i]))
        session.close()
        time.sleep(1)
    finally:
        stop_server(server)
    rows = [r for r in read_runlog(str(runlog), since) if r[3]]
    wall, cpu = (float(np.median([r[k] for r in rows])) for k in (1, 2))
    print(
        f"{args.script}: {len(rows)} strokes; server per stroke, median: wall {wall:.1f} ms, CPU {cpu:.1f} ms"
        f"{'' if args.no_profile else ' (profiler on)'}"
    )
    if args.no_profile:
        return 0
    stats = pstats.Stats(str(profile))
    for label, seconds in sorted(cumulative(stats).items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / len(rows) * 1000:7.1f} ms  {label}")
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
