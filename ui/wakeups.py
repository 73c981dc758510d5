"""One event-loop wake-up per burst of messages, not one per message (measured by bench/ab.py, bench/load.py).

Streamlit 1.67 hands every message a script run produces (each element, each block: ~45 per stroke here) to
the server's event loop with its own `loop.call_soon_threadsafe`, and each of those writes a byte to the
loop's wake-up socket: a system call on the script thread and a wake-up of the event-loop thread, per
message, per student (bench/profile_stroke.py: ~16 % of a stroke's script time was that `send`). Here the
callbacks of one session go into a FIFO and the loop is woken once per batch; it runs them in the same
order, one by one, as before, so what the browser receives is unchanged.
"""

import threading
from collections import deque

_PATCHED = "_lenet_batched_wakeups"


def batch_event_loop_wakeups() -> None:
    """Replace AppSession._call_soon_on_event_loop with the batched version (once per process)."""
    from streamlit.runtime.app_session import AppSession

    if getattr(AppSession, _PATCHED, False):
        return
    original = AppSession._call_soon_on_event_loop

    def call_soon(self, callback) -> None:
        state = self.__dict__.get(_PATCHED)
        if state is None:
            state = self.__dict__.setdefault(_PATCHED, (threading.Lock(), deque(), [False]))
        lock, pending, scheduled = state
        with lock:
            pending.append(callback)
            if scheduled[0]:
                return  # a drain is already queued on the loop: it will run this too, in order
            scheduled[0] = True
        original(self, lambda: _drain(self, state))

    AppSession._call_soon_on_event_loop = call_soon
    setattr(AppSession, _PATCHED, True)


def _drain(session, state) -> None:
    """On the event loop: run the callbacks queued so far, in arrival order (later ones get their own drain,
    so one busy session does not hold the loop); a failing callback is reported, as asyncio does, not fatal."""
    lock, pending, scheduled = state
    with lock:
        batch = list(pending)
        pending.clear()
        scheduled[0] = False
    for callback in batch:
        try:
            callback()
        except Exception as err:  # noqa: BLE001
            session._event_loop.call_exception_handler({"message": "AppSession callback failed", "exception": err})
