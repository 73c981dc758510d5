"""Server memory, before/after (issue 23): a baseline copy of the app and app.py started side by side, the same
protocol-level session on each, resident memory (VmRSS of the server and its children) at each step, and
whether TensorFlow is mapped into the server process. Same moments on the same machine, so the ratio holds
under another engineer's load; RSS itself barely depends on it.

    python -m bench.memory --baseline /tmp/lean-old/app.py     # git worktree add /tmp/lean-old <commit>

Steps: started (health ok); first page (a session's first run finished, no digit yet); first prediction
(one stroke); idle after the strokes (the recorded drawings, then SETTLE_S quiet).
"""

import time
from contextlib import ExitStack, closing
from pathlib import Path

from bench.harness.common import before_after_main, log, ratio, table
from bench.harness.server import rss_mb, streamlit_server
from bench.load.protocol import Session, load_drawings

SETTLE_S = 3.0  # quiet seconds before a reading: a background load or a collection may still be going
STEPS = ("started", "first page", "first prediction", "idle after strokes")
GOAL_IDLE_MB = 250.0


def tensorflow_mapped(pid: int) -> bool:
    """True once importing TensorFlow (or Keras) has mapped its shared objects into process `pid`."""
    return any("tensorflow" in line for line in Path(f"/proc/{pid}/maps").read_text().splitlines())


def measure(scripts: dict[str, str], strokes: int) -> dict:
    drawings = load_drawings()
    readings: dict[str, dict] = {name: {} for name in scripts}
    with ExitStack() as stack:
        servers = {name: stack.enter_context(streamlit_server(script)) for name, script in scripts.items()}

        def read(step: str) -> None:
            time.sleep(SETTLE_S)
            for name, server in servers.items():
                readings[name][step] = rss_mb(server.pid)
            log(f"memory: {step}: {[readings[n][step] for n in scripts]} MiB")

        read("started")
        sessions = {name: stack.enter_context(closing(Session(server.url))) for name, server in servers.items()}
        for session in sessions.values():
            session.rerun()
        read("first page")
        for session in sessions.values():
            session.draw(drawings[0])
        read("first prediction")
        for i in range(strokes):
            for session in sessions.values():
                session.fetch_media(session.draw(drawings[i % len(drawings)]))
        read("idle after strokes")
        mapped = {name: tensorflow_mapped(server.pid) for name, server in servers.items()}
    before, after = readings["baseline"], readings["app"]
    return {
        "name": "memory",
        "strokes": strokes,
        "rss_mb": readings,
        "tensorflow_mapped": mapped,
        "app_over_baseline": {step: ratio(after[step], before[step]) for step in STEPS},
        "goal": f"app idle after the first page <= {GOAL_IDLE_MB:.0f} MB",
        "met": after["first page"] <= GOAL_IDLE_MB,
    }


def lines(result: dict) -> list[str]:
    rows = [
        [step, result["rss_mb"]["baseline"][step], result["rss_mb"]["app"][step], result["app_over_baseline"][step]]
        for step in STEPS
    ]
    rows.append(["TensorFlow mapped", result["tensorflow_mapped"]["baseline"], result["tensorflow_mapped"]["app"], ""])
    return [
        f"Server RSS, MiB (server and children), {result['strokes']} strokes on each",
        *table(["step", "baseline", "app", "app / baseline"], rows),
    ]


def main(argv=None) -> int:
    return before_after_main(argv, __doc__, measure, lines, strokes=30, quick=6)


if __name__ == "__main__":
    raise SystemExit(main())
