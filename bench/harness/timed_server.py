"""`streamlit run` with a server-side clock on every script run: `python -m bench.harness.timed_server run app.py ...`.

The time from a `rerun_script` BackMsg reaching the session to its `script_finished` ForwardMsg being queued is
what a stroke costs the server, whoever sent it (a browser or bench/load/protocol.py): the same measure for both,
without the network or the client. One line per finished run is appended to $LENET_BENCH_RUNLOG:
`<unix time> <wall ms> <process CPU ms> <1 if it carried a canvas value (a stroke), else 0> <session id>`.
The CPU time is the whole server process's (all threads, other sessions' work included): with one session at
a time it is what the stroke cost, and unlike the wall time it does not grow when a browser on the same cores
competes with the server. Streamlit's own code is unchanged; two of its AppSession methods are wrapped.
"""

import os
import sys
import threading
import time

RUNLOG_ENV = "LENET_BENCH_RUNLOG"
PROFILE_ENV = "LENET_BENCH_PROFILE"  # a path: cProfile every script run, stats written there after each run


def install(path: str) -> None:
    """Wrap AppSession.handle_backmsg and _enqueue_forward_msg to log each run's server time."""
    from streamlit.runtime.app_session import AppSession

    started: dict[str, tuple[float, float, int]] = {}  # session id -> (perf_counter, process_time, 1 if a stroke)
    lock = threading.Lock()
    out = open(path, "a", buffering=1)  # noqa: SIM115  (open for the server's life; line-buffered, read while we run)
    handle, enqueue = AppSession.handle_backmsg, AppSession._enqueue_forward_msg

    def handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script":
            widgets = msg.rerun_script.widget_states.widgets
            stroke = any(w.WhichOneof("value") == "json_value" for w in widgets)  # a component's value: the canvas
            started[self.id] = (time.perf_counter(), time.process_time(), int(stroke))
        return handle(self, msg)

    def enqueue_forward_msg(self, msg):
        if msg.WhichOneof("type") == "script_finished" and self.id in started:
            t0, cpu0, stroke = started.pop(self.id)
            wall, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - cpu0) * 1000
            with lock:
                out.write(f"{time.time():.3f} {wall:.2f} {cpu:.2f} {stroke} {self.id}\n")
        return enqueue(self, msg)

    AppSession.handle_backmsg = handle_backmsg
    AppSession._enqueue_forward_msg = enqueue_forward_msg


def install_profiler(path: str) -> None:
    """Run every script run (ScriptRunner._run_script, in its own thread) under one cProfile, saved after each."""
    import cProfile

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    profiles, lock, run_script = [cProfile.Profile()], threading.Lock(), ScriptRunner._run_script

    def profiled(self, rerun_data):
        with lock:  # one run at a time under the profiler: measure with one session
            if not os.path.exists(path):  # deleted by the caller (after a warm-up): start afresh
                profiles[0] = cProfile.Profile()
            profile = profiles[0]
            profile.enable()
            try:
                return run_script(self, rerun_data)
            finally:
                profile.disable()
                profile.dump_stats(path)

    ScriptRunner._run_script = profiled


def read_runlog(path: str, since: float = 0.0) -> list[tuple[float, float, float, int]]:
    """(unix time, wall ms, process CPU ms, 1 if a stroke else 0) of the runs logged at or after `since`."""
    rows = []
    try:
        with open(path) as f:
            for line in f:
                t, ms, cpu, stroke, _ = line.split()
                if float(t) >= since:
                    rows.append((float(t), float(ms), float(cpu), int(stroke)))
    except OSError:
        return []
    return rows


def main() -> None:
    if os.environ.get(RUNLOG_ENV):
        install(os.environ[RUNLOG_ENV])
    if os.environ.get(PROFILE_ENV):
        install_profiler(os.environ[PROFILE_ENV])
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
