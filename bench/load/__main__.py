"""Load: a class of simulated students (Locust users speaking Streamlit's websocket protocol, no browsers)
on one `streamlit run app.py`, or on N of them behind nginx; every answer checked.

    python -m bench.load [--students 10,40,80,160,320] [--duration 40] [--servers N] [--json] [--quick]
    python -m bench.load --scenario wall|learn ...  # issue 13: bench/load/scenarios.py
    python -m bench.load --browsers ...   # the older load: real Chromium pages (bench/load/browsers.py)

Each level: all students join within --join-window seconds, then each draws every 2-4 s until --duration
has passed; strokes in flight are then waited for. The table gives, per level: join p95 (to a finished
first page), stroke -> answer p50/p95/max (client side, until script_finished), the server's own time per
stroke (bench/harness/timed_server.py), strokes lost (no answer), wrong answers, errors, server CPU and peak RSS.
"""

import os
import sys
import time
from collections import Counter

import gevent

# Locust (imported before bench's modules) patches sockets for gevent.
from locust import events
from locust.env import Environment

from bench.cluster import cluster
from bench.harness.common import emit, log, parser
from bench.harness.server import LOG_DIR, cpu_seconds, rss_mb
from bench.load.protocol import Session, load_drawings
from bench.load.report import level_row, lines
from bench.load.scenarios import SCENARIOS, SEND_SHARE, ClassStudent, scenario
from bench.load.students import WAITING, Student

DRAIN_S = 120  # after the deadline, how long strokes in flight may take before they count as lost
GOAL = "knee (most students with stroke p95 <= 1 s, 0 lost, 0 errors) >= 160"


class Collector:
    """Every Locust request event of one level."""

    def __init__(self):
        self.events: list[dict] = []

    def __call__(self, request_type, name, response_time, response_length, exception, context, **_):
        self.events.append({"name": name, "ms": response_time, "error": exception, **(context or {})})


def sample_rss(pids: list[int], peaks: list[float]) -> None:
    while True:
        peaks.append(sum(rss_mb(pid) for pid in pids))
        gevent.sleep(0.5)


def level(target, students: int, duration: float, join_window: float, media: bool, user=Student) -> dict:
    """One class: `students` join, draw for `duration` s, then stop; returns the level's row."""
    env = Environment(user_classes=[user], events=events, host=target.url)
    collector, peaks = Collector(), []
    env.events.request.add_listener(collector)
    Student.drawings, Student.fetch_media = load_drawings(), media
    Student.deadline = time.monotonic() + join_window + duration
    runner = env.create_local_runner()
    sampler = gevent.spawn(sample_rss, target.pids, peaks)
    cpu0, wall0, since = sum(map(cpu_seconds, target.pids)), time.perf_counter(), time.time()
    me0 = sum(os.times()[:2])  # the load generator's own CPU: it shares the cores with the server
    try:
        runner.start(students, spawn_rate=students / join_window if join_window else students)
        gevent.sleep(join_window + duration)
        drain = time.monotonic() + DRAIN_S
        while Student.busy and time.monotonic() < drain:
            gevent.sleep(0.2)
        # Still waiting after DRAIN_S: a stroke is lost; a send or the pictures are reported (the stroke had its answer)
        stuck = Counter(WAITING.values())
        runner.quit()
    finally:
        sampler.kill()
        env.events.request.remove_listener(collector)
    wall, cpu = time.perf_counter() - wall0, sum(map(cpu_seconds, target.pids)) - cpu0
    row = level_row(students, collector.events, target.server_ms(since), cpu / wall, max(peaks, default=0.0))
    return {
        **row,
        "lost": row["lost"] + stuck["stroke"],
        "stuck_after_drain": [f"{count} waiting for {what}" for what, count in sorted(stuck.items())],
        "client_cpu_cores": round((sum(os.times()[:2]) - me0) / wall, 2),
    }


def warm_up(url: str) -> None:
    """One session, one stroke: TensorFlow's import, the model's load and tracing happen before the clock."""
    session = Session(url)
    try:
        session.rerun()
        session.draw(load_drawings()[0])
    finally:
        session.close()


def measure(
    levels: list[int], duration: float, join_window: float, servers: int, media: bool, name: str = "plain"
) -> dict:
    with scenario(name) as setting, cluster(servers, LOG_DIR, db_url=setting.db_url) as target:
        for server in target.servers:  # each process directly: nginx would send this session to one of them
            warm_up(server.url)
        setting.start()
        rows = []
        for n in levels:
            log(f"load: {name}: {n} students, {duration:.0f} s of strokes, {servers or 1} server(s) ...")
            with setting.level(target.url, join_window + duration) as extra:
                row = level(target, n, duration, join_window, media, setting.user)
            rows.append({**row, **extra})
            log(f"load: {n} -> {rows[-1]}")
    ok = [r["students"] for r in rows if r["stroke_p95_s"] <= 1.0 and not r["lost"] and not r["errors"]]
    knee = max(ok, default=0)
    return {
        "name": "load",
        "scenario": name,
        "servers": servers or 1,
        "duration_s": duration,
        "join_window_s": join_window,
        "levels": rows,
        "knee": knee,
        "goal": GOAL,
        "met": knee >= 160,
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--browsers" in argv:
        from bench.load import browsers as load_browsers

        return load_browsers.main([a for a in argv if a != "--browsers"])
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--students", help="comma-separated class sizes (default 10,40,80,160; --quick 3)")
    p.add_argument("--duration", type=float, help="seconds of strokes per level after joining (default 40; --quick 8)")
    p.add_argument("--join-window", type=float, default=10.0, help="all students of a level join within this")
    p.add_argument("--servers", type=int, default=0, help="0: one plain server; N: N servers behind nginx")
    p.add_argument("--no-media", action="store_true", help="do not fetch the pictures (/media/) a page would")
    p.add_argument("--browsers", action="store_true", help="drive real Chromium pages instead (bench/load/browsers.py)")
    p.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default="plain",
        help="plain; wall: class wall open, 1 in 5 tasks sends; learn: wall + a Watch it learn run",
    )
    p.add_argument("--send-share", type=float, default=SEND_SHARE, help="share of class strokes also sent")
    args = p.parse_args(argv)
    ClassStudent.share = args.send_share
    levels = [int(n) for n in (args.students or ("3" if args.quick else "10,40,80,160")).split(",")]
    duration = args.duration or (8.0 if args.quick else 40.0)
    result = measure(levels, duration, args.join_window, args.servers, not args.no_media, args.scenario)
    emit(result, args.json, lines(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
