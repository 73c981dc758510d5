"""Sliding-window counters for what must not be free: wrong PINs, unknown class codes, new classes.

In memory, not in the database: one browser session's counters live in its session state, and a
process-wide counter (the server's teacher PIN) in one `SharedAttempts`. Neither survives a restart,
which is fine for a throttle: the class-wide PIN budget that must survive lives in the store.
"""

import threading
import time
from dataclasses import dataclass, field


@dataclass
class Attempts:
    """At most `limit` attempts in any `window_s` seconds; `times` are time.monotonic() stamps."""

    limit: int
    window_s: float
    times: list[float] = field(default_factory=list)

    def wait_s(self, now: float | None = None) -> float:
        """0 when another attempt is allowed now, else the seconds until the oldest one leaves the window."""
        now = time.monotonic() if now is None else now
        self.times = [t for t in self.times if now - t < self.window_s]
        return 0.0 if len(self.times) < self.limit else self.window_s - (now - self.times[0])

    def add(self, now: float | None = None) -> None:
        self.times.append(time.monotonic() if now is None else now)


class SharedAttempts(Attempts):
    """Attempts shared by every session of this process (the callers run on several threads)."""

    def __init__(self, limit: int, window_s: float):
        super().__init__(limit, window_s)
        self._lock = threading.Lock()

    def wait_s(self, now: float | None = None) -> float:
        with self._lock:
            return super().wait_s(now)

    def add(self, now: float | None = None) -> None:
        with self._lock:
            super().add(now)


def in_words(seconds: float) -> str:
    """A wait for people: "40 seconds", "3 minutes"."""
    if seconds < 90:
        return f"{max(1, round(seconds))} seconds"
    return f"{round(seconds / 60)} minutes"
