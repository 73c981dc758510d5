"""Before/after for one change to the app: two servers at once (a baseline script and app.py), one protocol
session on each, strokes alternating between them, so both see the same machine at the same moments.

    python -m bench.ab --baseline /tmp/app_before.py [--strokes 100]

The baseline is any copy of the app to compare with (e.g. `git show main:app.py > /tmp/app_before.py`);
per stroke it reports the script run's wall and CPU time (bench/harness/timed_server.py), the whole server process's CPU
(the pictures' requests and socket writes too), messages and bytes sent. A baseline in a git worktree of
another commit (`git worktree add /tmp/base main`, then `--baseline /tmp/base/app.py`) runs that commit's ui/ and
its own `.streamlit/config.toml`: each server runs from its script's working tree (bench/harness/server.py).
"""

import time
from contextlib import ExitStack

import numpy as np

from bench.harness.common import before_after_main, log, ratio
from bench.harness.server import LOG_DIR, cpu_seconds, streamlit_server
from bench.harness.timed_server import read_runlog
from bench.load.protocol import Session, load_drawings


def summary(rows: list[tuple], runs: list, process_cpu_s: float) -> dict:
    return {
        "strokes": len(rows),
        "process_cpu_ms": round(process_cpu_s / max(len(runs), 1) * 1000, 1),  # mean, the pictures' fetches too
        "wall_ms": round(float(np.median([r[1] for r in rows])), 1),
        "cpu_ms": round(float(np.median([r[2] for r in rows])), 1),
        "messages": round(float(np.mean([r.messages for r in runs])), 1),
        "bytes": round(float(np.mean([r.bytes for r in runs]))),
    }


def measure(scripts: dict[str, str], strokes: int) -> dict:
    drawings, stamp = load_drawings(), time.time_ns()
    logs = {name: LOG_DIR / f"ab-{name}-{stamp}.log" for name in scripts}
    runs: dict[str, list] = {name: [] for name in scripts}
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(streamlit_server(script, runlog=logs[name])) for name, script in scripts.items()
        }
        sessions = {name: Session(server.url) for name, server in servers.items()}
        for session in sessions.values():
            session.rerun()
            for d in drawings:  # warm-up
                session.draw(d)
        since, cpu0 = time.time(), {name: cpu_seconds(server.pid) for name, server in servers.items()}
        log(f"ab: {strokes} strokes on each of {list(scripts)}, alternating ...")
        for i in range(strokes):
            for name, session in sessions.items():
                run = session.draw(drawings[i % len(drawings)])
                session.fetch_media(run)
                runs[name].append(run)
        time.sleep(0.5)  # the last pictures' requests and socket writes
        cpu = {name: cpu_seconds(server.pid) - cpu0[name] for name, server in servers.items()}
        for session in sessions.values():
            session.close()
    result = {
        name: summary([r for r in read_runlog(str(logs[name]), since) if r[3]], runs[name], cpu[name])
        for name in scripts
    }
    before, after = result["baseline"], result["app"]
    return {
        "name": "ab",
        **result,
        "cpu_after_over_before": ratio(after["cpu_ms"], before["cpu_ms"]),
        "wall_after_over_before": ratio(after["wall_ms"], before["wall_ms"]),
        "process_cpu_after_over_before": ratio(after["process_cpu_ms"], before["process_cpu_ms"]),
        "goal": "app.py costs less server CPU per stroke than the baseline",
        "met": after["cpu_ms"] < before["cpu_ms"],
    }


def lines(result: dict) -> list[str]:
    return [
        *(f"{name}: {result[name]}" for name in ("baseline", "app")),
        (
            f"app / baseline: CPU {result['cpu_after_over_before']}x, wall {result['wall_after_over_before']}x, "
            f"whole process CPU (pictures' requests too) {result['process_cpu_after_over_before']}x"
        ),
    ]


def main(argv=None) -> int:
    return before_after_main(argv, __doc__, measure, lines, strokes=100, quick=10)


if __name__ == "__main__":
    raise SystemExit(main())
