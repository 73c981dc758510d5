"""Following the teacher (issue 25): students on one or more servers, each page as a browser keeps it.

python -m bench.follow [--students 40] [--servers 1] [--seconds 20] [--changes 6] [--step-s 0] [--stroke-s 0]
                       [--push] [--baseline PATH] [--quick] [--json]

The students are protocol-level clients (bench/load/protocol.py): each joins ?class=CODE and draws one recorded
digit (each student's a little different: own_drawing); then it reads every run the server sends (the ones it asks for and the ones the server starts when the
lesson changes, ui/class_push.py), re-runs the page's follow fragment on the page's timer (its st.fragment
run_every), and with --stroke-s draws a stroke that often while following. The teacher walks the lesson plan
(ui/lesson_plan.py) from its Layers step: each Next is a store write (ClassStore.lead: tab, step, lab settings,
what the teacher's bar does on any server), the next one as soon as the last student shows it, or every
--step-s seconds (the plan's pace in a lesson: 20); with --push the teacher also shows everyone a digit.
Measured, in one run:
- from each change to the last student's page showing it (the run that carries "Following the teacher: TAB");
- server CPU per student per second: joined and not polling (the app before issue 25), a free class, following
  (steady, between changes), and over the lesson (changes and strokes);
- with --stroke-s, each stroke's time to its run's end while following; lost runs and missed changes.
With --baseline PATH (an app.py in a worktree of another commit) the same is measured on it first.
"""

import os
import tempfile
import threading
import time

from bench.harness.common import benchmark_main, log, ratio, stats_ms, table
from bench.harness.server import cpu_seconds, start_server, stop_server
from bench.load.follower import STEPS, Student, own_drawing
from bench.load.protocol import load_drawings
from classroom import ClassStore
from classroom.lesson import Push
from testkit.digits import draw_digit

GOAL = "the last student shows the teacher's change within 2 s (p95 of the changes)"
WAIT_S = 30  # a change not shown by every student after this long counts as missed


def cpu_per_student_s(pids: list[int], students: int, seconds: float) -> float:
    """The servers' CPU milliseconds per student per second over the next `seconds`."""
    before = sum(map(cpu_seconds, pids))
    time.sleep(seconds)
    return round((sum(map(cpu_seconds, pids)) - before) * 1000 / students / seconds, 3)


def walk_the_plan(store: ClassStore, code: str, students: list[Student], changes: int, args) -> list:
    """Seconds from each of the teacher's Next (a store write) to the last student's page showing it; with
    --push, the first one also shows everyone the teacher's drawing (a 3)."""
    latencies = []
    for k in range(changes):
        n, step = STEPS[k % len(STEPS)]
        first = {"mode": "follow"} | (
            {"push": Push("the teacher's drawing", pixels=draw_digit(3, size=28, thickness=3))} if args.push else {}
        )
        written = time.perf_counter()
        store.lead(code, step=n, tab=step.tab, settings=step.settings, **({} if k else first))
        while time.perf_counter() < written + WAIT_S and not all(step.tab in s.seen for s in students):
            time.sleep(0.05)
        latencies.append(max(s.seen.get(step.tab, written + WAIT_S) for s in students) - written)
        log(f"step {n + 1}: {step.tab}, last student after {latencies[-1]:.2f} s")
        time.sleep(max(0.0, written + args.step_s - time.perf_counter()))
        for s in students:
            s.seen.pop(step.tab, None)
    return latencies


def measure_one(script: str, args, n: int, seconds: float, changes: int) -> dict:
    db = f"sqlite:///{tempfile.mkdtemp(prefix='lenet-follow-')}/classes.db"
    store = ClassStore(db)
    code, _ = store.new_class()
    servers = [start_server(script, env={"LENET_CLASS_DB": db}) for _ in range(args.servers)]  # one store for all
    pids = [server.pid for server in servers]
    flags = {name: threading.Event() for name in ("polling", "drawing", "stop")}
    students: list[Student] = []
    try:
        for server in servers:
            server.wait_healthy()
        log(f"{script}: {n} students join class {code} on {len(servers)} server(s) and draw a digit")
        drawings = load_drawings()
        for k in range(n):
            url = servers[k % len(servers)].url
            students.append(Student(url, code, own_drawing(drawings[k % len(drawings)], k), flags, args.stroke_s))
        for s in students:
            s.start()
        time.sleep(2)
        log(f"idle: joined, not polling, {seconds:.0f} s")
        idle = cpu_per_student_s(pids, n, seconds)
        flags["polling"].set()
        time.sleep(2)
        log(f"free class, {seconds:.0f} s")
        free = cpu_per_student_s(pids, n, seconds)
        flags["drawing"].set()
        cpu0, t0 = sum(map(cpu_seconds, pids)), time.perf_counter()
        latencies = walk_the_plan(store, code, students, changes, args)
        lesson = round((sum(map(cpu_seconds, pids)) - cpu0) * 1000 / n / (time.perf_counter() - t0), 3)
        flags["drawing"].clear()
        log(f"following, steady, {seconds:.0f} s")
        following = cpu_per_student_s(pids, n, seconds)
    finally:
        flags["stop"].set()
        for s in students:
            s.session.close()  # ends its reader
            s.join(timeout=30)
        for server in servers:
            stop_server(server)
        store.close()
    strokes = [t for s in students for t in s.strokes]
    return {
        "script": script,
        "poll_s": students[0].interval if students else None,
        "change_to_last_student": stats_ms(latencies),
        "missed_changes": sum(t >= WAIT_S for t in latencies),
        "stroke": stats_ms(strokes) if strokes else None,
        "cpu_ms_per_student_s": {"joined_not_polling": idle, "free": free, "following": following, "lesson": lesson},
        "errors": [e for s in students for e in s.errors][:3],
        "lost": sum(bool(s.errors) for s in students),
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine's, at the end: other work shares it
    }


def measure(args) -> dict:
    n, seconds, changes = (5, 5.0, 2) if args.quick else (args.students, args.seconds, args.changes)
    scripts = ([args.baseline] if args.baseline else []) + ["app.py"]
    runs = [measure_one(script, args, n, seconds, changes) for script in scripts]
    app = runs[-1]
    return {
        "name": "follow",
        "students": n,
        "servers": args.servers,
        "step_s": args.step_s,
        "stroke_s": args.stroke_s,
        "push": args.push,
        "runs": runs,
        "goal": GOAL,
        "met": app["change_to_last_student"]["p95_ms"] <= 2000 and not app["lost"] and not app["missed_changes"],
    }


def summary(result: dict) -> str:
    app = result["runs"][-1]
    last, cpu = app["change_to_last_student"], app["cpu_ms_per_student_s"]
    return (
        f"{result['students']} students: last one {last['median_ms']:.0f} ms after a change (p95 {last['p95_ms']:.0f});"
        f" {cpu['following']} ms CPU per following student per s, {cpu['free']} in a free class"
    )


def lines(result: dict) -> list[str]:
    pace = f"every {result['step_s']} s" if result["step_s"] else "when all show it"
    strokes = f"a stroke every {result['stroke_s']} s while following" if result["stroke_s"] else "no strokes"
    digits = "the teacher's digit pushed" if result["push"] else "each their own digit"
    out = [f"{result['students']} students ({digits}), {result['servers']} server(s), Next {pace}; {strokes}"]
    for run in result["runs"]:
        last, cpu, stroke = run["change_to_last_student"], run["cpu_ms_per_student_s"], run["stroke"]
        rows = [[name.replace("_", " "), ms, ratio(ms, cpu["joined_not_polling"])] for name, ms in cpu.items()]
        changes = f"{last['n']} changes, {run['missed_changes']} missed"
        out.append(f"{run['script']} (page's poll every {run['poll_s']} s): teacher's change -> last student's page:")
        out.append(
            f"  median {last['median_ms']:.0f} ms, p95 {last['p95_ms']:.0f} ms, max {last['max_ms']:.0f} ms ({changes})"
        )
        if stroke:
            out.append(f"  stroke: median {stroke['median_ms']:.0f} ms, p95 {stroke['p95_ms']:.0f} ms ({stroke['n']})")
        out += table(["server CPU per student", "ms per s", "x joined"], rows)
        out.append(
            f"  lost: {run['lost']} students {run['errors'] or ''}; load (1 min) at the end: {run['load_average_1min']}"
        )
    return out


def main(argv=None) -> int:
    options = {
        "--students": {"type": int, "default": 40, "help": "following students"},
        "--seconds": {"type": float, "default": 20.0, "help": "each CPU window"},
        "--changes": {"type": int, "default": 6, "help": "teacher's Next timed (the plan's steps from Layers)"},
        "--servers": {"type": int, "default": 1, "help": "app servers sharing the class store (students alternate)"},
        "--step-s": {"type": float, "default": 0.0, "help": "seconds between the teacher's Next (0: when all show it)"},
        "--stroke-s": {"type": float, "default": 0.0, "help": "each student draws a stroke this often (0: none)"},
        "--push": {"action": "store_true", "help": "the teacher shows everyone a digit (every tab reads it)"},
        "--baseline": {"help": "an app.py to measure first, the same way (e.g. in a worktree of main)"},
    }
    return benchmark_main(argv, __doc__, options, measure, lines)


if __name__ == "__main__":
    raise SystemExit(main())
