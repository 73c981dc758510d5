"""`streamlit run` with a server-side clock on every script run: `python -m bench.timed_server run app.py ...`.

The time from a `rerun_script` BackMsg reaching the session to its `script_finished` ForwardMsg being queued is
what a stroke costs the server, whoever sent it (a browser or bench/protocol.py): the same measure for both,
without the network or the client. One line per finished run is appended to $LENET_BENCH_RUNLOG:
`<unix time> <ms> <widgets in the BackMsg> <session id>`. Streamlit's own code is unchanged; two of its
AppSession methods are wrapped.
"""

import os
import sys
import threading
import time

RUNLOG_ENV = "LENET_BENCH_RUNLOG"


def install(path: str) -> None:
    """Wrap AppSession.handle_backmsg and _enqueue_forward_msg to log each run's server time."""
    from streamlit.runtime.app_session import AppSession

    started: dict[str, tuple[float, int]] = {}  # session id -> (perf_counter at BackMsg, widget count)
    lock = threading.Lock()
    out = open(path, "a", buffering=1)  # one line per run, flushed: the file is read while we run
    handle, enqueue = AppSession.handle_backmsg, AppSession._enqueue_forward_msg

    def handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script":
            started[self.id] = (time.perf_counter(), len(msg.rerun_script.widget_states.widgets))
        return handle(self, msg)

    def enqueue_forward_msg(self, msg):
        if msg.WhichOneof("type") == "script_finished" and self.id in started:
            t0, widgets = started.pop(self.id)
            with lock:
                out.write(f"{time.time():.3f} {(time.perf_counter() - t0) * 1000:.2f} {widgets} {self.id}\n")
        return enqueue(self, msg)

    AppSession.handle_backmsg = handle_backmsg
    AppSession._enqueue_forward_msg = enqueue_forward_msg


def read_runlog(path: str, since: float = 0.0) -> list[tuple[float, float, int]]:
    """(unix time, server ms, widget count) of the runs logged at or after `since`."""
    rows = []
    try:
        with open(path) as f:
            for line in f:
                t, ms, widgets, _ = line.split()
                if float(t) >= since:
                    rows.append((float(t), float(ms), int(widgets)))
    except OSError:
        return []
    return rows


def main() -> None:
    if os.environ.get(RUNLOG_ENV):
        install(os.environ[RUNLOG_ENV])
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
