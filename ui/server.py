"""Once per server process: what serving a whole class at once needs from the Python runtime (issue 13)."""

import functools
import sys

SWITCH_INTERVAL_S = 0.001  # seconds; Python's default is 0.005


@functools.cache  # once per process: the setting is the interpreter's, not a session's
def share_the_lock_finely() -> None:
    """Let a thread that waits for the interpreter lock (the GIL) take it after 1 ms instead of 5.

    A script run hands each element it draws (~45 per stroke) to the event loop, and each hand-over writes
    to a socket, which lets go of the lock. With many students' runs going at once, each run then waits
    for the lock up to the switch interval at every element, behind runs that hold it: the runs queue up.
    `python -m bench.load --students 160 --servers 2` on 2 cores, 2026-11-28: stroke p95 1.07, 1.67, 1.16
    and 1.60 s at 5 ms; 0.86, 0.70 and 0.61 s at 1 ms (same code, runs alternating).
    """
    sys.setswitchinterval(SWITCH_INTERVAL_S)
