"""Turns at the interpreter: at most AT_ONCE of a server's script runs draw a digit and its tab at a time.

A server process runs each session's script in a thread of its own, and all of them share one interpreter lock
(the GIL), handed over every millisecond (runtime.share_the_lock_finely) and at every socket write. With a
whole class drawing, a dozen runs at once took turns at that lock, each turn a thread switch onto cold caches:
the more runs at once, the more CPU a stroke cost (10 ms in a calm run, 14 ms in a crowded one), so a busy
moment fed itself. `python -m bench.load --students 320 --servers 2 --duration 30` landed at either
p95 ~0.4 s or ~2 s from identical starts (docs/developers.md, "Turns at the interpreter"). A run that waits
for its turn here sleeps on a semaphore and costs no CPU; two at a time keep one run's NumPy, zlib and socket
work (which let go of the lock) overlapping with the other's Python.

A run waits WAIT_S at most, then goes anyway: a run that holds its turn long (a class store that is slow to
write, say) delays the others by that much, never more.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

AT_ONCE = 2  # runs at a time per server process: 1, 2 and 4 measured, 2 the best (docs/developers.md)
WAIT_S = 1.0  # seconds a run waits for its turn before it goes anyway

_turns = threading.BoundedSemaphore(AT_ONCE)


@contextmanager
def turn() -> Iterator[None]:
    """Hold one of the server's AT_ONCE turns while the block runs (waiting up to WAIT_S for it)."""
    got = _turns.acquire(timeout=WAIT_S)
    try:
        yield
    finally:
        if got:  # a run that went without a turn gives none back
            _turns.release()
