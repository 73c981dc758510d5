"""Following the teacher (issue 25): 40 students on one server, each page polling the lesson as a browser does.

python -m bench.follow [--students 40] [--servers 1] [--seconds 20] [--changes 6] [--quick] [--json]

The students are protocol-level clients (bench/load/protocol.py): each joins ?class=CODE, draws one recorded
digit, then re-runs the page's follow fragment every time the page would (its st.fragment run_every). The
teacher's change is a store write (ClassStore.lead, what the teacher's "Follow me" and tab changes do, on any
server). Measured, in one run on one server:
- from each change to the last student's page showing it (the run that carries "Following the teacher: TAB");
- server CPU per student per second in three states of the same 40 joined students: not polling at all (the
  app before issue 25, the baseline), polling a free class, and following the teacher (steady, between changes).
"""

import os
import tempfile
import threading
import time

from bench.harness.common import benchmark_main, log, ratio, stats_ms, table
from bench.harness.server import cpu_seconds, start_server, stop_server
from bench.load.protocol import RunLost, Session, load_drawings
from classroom import ClassStore

TABS = ("Layers", "Prediction", "Inside one unit", "C3 wiring", "Weights", "Lesion")  # the teacher's path
GOAL = "the last student shows the teacher's change within 2 s (p95 of the changes)"
BANNER = "Following the teacher"  # ui/class_follow.py: the banner of a following student's page


class Student(threading.Thread):
    """One joined student's page: its follow fragment re-run on the page's timer while `polling` is set."""

    def __init__(self, url: str, code: str, drawing: dict, polling: threading.Event, stop: threading.Event):
        super().__init__(daemon=True)
        self.session = Session(url, query=f"class={code}")
        first = self.session.rerun()
        self.session.draw(drawing)
        (self.fragment, self.interval), *_ = first.auto_reruns.items()
        self.polling, self.stop = polling, stop
        self.seen: dict[str, float] = {}  # tab -> time.perf_counter() its banner first came back
        self.polls, self.errors = 0, []

    def run(self) -> None:
        due = time.perf_counter() + self.interval * (hash(self.name) % 100) / 100  # browsers' timers are not in step
        while not self.stop.is_set():
            if not self.polling.wait(0.1):
                continue
            time.sleep(max(0.0, due - time.perf_counter()))
            try:
                answer = self.session.rerun(fragment_id=self.fragment)
            except RunLost as err:
                self.errors.append(str(err))
                return
            self.polls += 1
            for tab in TABS:
                if any(f"{BANNER}**: {tab}." in alert for alert in answer.alerts):
                    self.seen.setdefault(tab, time.perf_counter())
            due = max(due + self.interval, time.perf_counter())


def cpu_per_student_s(pids: list[int], students: int, seconds: float) -> float:
    """The servers' CPU milliseconds per student per second over the next `seconds`."""
    before = sum(map(cpu_seconds, pids))
    time.sleep(seconds)
    return round((sum(map(cpu_seconds, pids)) - before) * 1000 / students / seconds, 3)


def time_changes(store: ClassStore, code: str, students: list[Student], changes: int) -> list[float]:
    """Seconds from each of the teacher's changes (a store write) to the last student's page showing it."""
    latencies = []
    for k in range(changes):
        tab = TABS[k % len(TABS)]
        written = time.perf_counter()
        store.lead(code, **({"tab": tab} if k else {"mode": "follow", "tab": tab}))
        deadline = written + 30
        while time.perf_counter() < deadline and not all(tab in s.seen for s in students):
            time.sleep(0.05)
        latencies.append(max(s.seen.get(tab, deadline) for s in students) - written)
        log(f"change {k + 1}: {tab}, last student after {latencies[-1]:.2f} s")
        for s in students:
            s.seen.pop(tab, None)
    return latencies


def measure(args) -> dict:
    n, seconds, changes = (5, 5.0, 2) if args.quick else (args.students, args.seconds, args.changes)
    db = f"sqlite:///{tempfile.mkdtemp(prefix='lenet-follow-')}/classes.db"
    store = ClassStore(db)
    code, _ = store.new_class()
    servers = [start_server(env={"LENET_CLASS_DB": db}) for _ in range(args.servers)]  # one store for all
    pids = [server.pid for server in servers]
    polling, stop = threading.Event(), threading.Event()
    students: list[Student] = []
    try:
        for server in servers:
            server.wait_healthy()
        log(f"{n} students join class {code} on {len(servers)} server(s) and draw a digit")
        drawings = load_drawings()
        for k in range(n):
            url = servers[k % len(servers)].url
            students.append(Student(url, code, drawings[k % len(drawings)], polling, stop))
        for s in students:
            s.start()
        time.sleep(2)
        log(f"idle: joined, not polling, {seconds:.0f} s")
        idle = cpu_per_student_s(pids, n, seconds)
        polling.set()
        time.sleep(2)
        log(f"free class, polling, {seconds:.0f} s")
        free = cpu_per_student_s(pids, n, seconds)
        latencies = time_changes(store, code, students, changes)
        log(f"following, steady, {seconds:.0f} s")
        following = cpu_per_student_s(pids, n, seconds)
    finally:
        stop.set()
        for s in students:
            s.join(timeout=30)  # each finishes its poll: the server is still up
            s.session.close()
        for server in servers:
            stop_server(server)
        store.close()
    last = stats_ms(latencies)
    return {
        "name": "follow",
        "students": n,
        "servers": len(servers),
        "poll_s": students[0].interval if students else None,
        "change_to_last_student": last,
        "cpu_ms_per_student_s": {"joined_not_polling": idle, "free_polling": free, "following": following},
        "following_over_free": ratio(following, free),
        "errors": [e for s in students for e in s.errors][:3],
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine's, at the end: other work shares it
        "goal": GOAL,
        "met": last["p95_ms"] <= 2000 and not any(s.errors for s in students),
    }


def summary(result: dict) -> str:
    last, cpu = result["change_to_last_student"], result["cpu_ms_per_student_s"]
    return (
        f"{result['students']} students: last one {last['median_ms']:.0f} ms after a change (p95 {last['p95_ms']:.0f});"
        f" {cpu['following']} ms CPU per following student per s ({result['following_over_free']}x a free class)"
    )


def lines(result: dict) -> list[str]:
    last, cpu = result["change_to_last_student"], result["cpu_ms_per_student_s"]
    rows = [
        ["joined, not polling (baseline: the app before)", cpu["joined_not_polling"], "-"],
        ["joined, polling a free class", cpu["free_polling"], ratio(cpu["free_polling"], cpu["joined_not_polling"])],
        ["following the teacher (steady)", cpu["following"], ratio(cpu["following"], cpu["joined_not_polling"])],
    ]
    return [
        f"{result['students']} students on {result['servers']} server(s) sharing one SQLite store, poll every {result['poll_s']} s; teacher's change -> last student's page:",
        f"  median {last['median_ms']:.0f} ms, p95 {last['p95_ms']:.0f} ms, max {last['max_ms']:.0f} ms ({last['n']} changes)",
        *table(["server CPU per student", "ms per s", "x baseline"], rows),
        f"errors: {result['errors'] or 'none'}; load average (1 min) at the end: {result['load_average_1min']}",
    ]


def main(argv=None) -> int:
    options = {
        "--students": {"type": int, "default": 40, "help": "following students"},
        "--seconds": {"type": float, "default": 20.0, "help": "each CPU window"},
        "--changes": {"type": int, "default": 6, "help": "teacher's changes timed"},
        "--servers": {"type": int, "default": 1, "help": "app servers sharing the class store (students alternate)"},
    }
    return benchmark_main(argv, __doc__, options, measure, lines)


if __name__ == "__main__":
    raise SystemExit(main())
