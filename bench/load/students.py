"""The Locust user: one student on one Streamlit session, over the websocket (bench/load/protocol.py).

A student opens a session and waits for the first finished page ("join": a page they can draw on), then
every 2-4 s sends a recorded drawing's canvas value, reads the forward messages until the run ends,
fetches the new pictures as the page would, and checks the digit shown. Results are Locust request events
(request_type "WS", name "join" or "stroke"), so Locust's own stats, runners and distributed mode see them;
`context` carries the digit drawn and shown. Locust's own CLI runs it too (also distributed, --master/--worker):

    PYTHONPATH=. locust -f bench/load/students.py --headless -u 160 -r 16 -t 60s -H http://127.0.0.1:8501
"""

import random
import time
from contextlib import contextmanager
from typing import ClassVar

import gevent

# Locust (imported before bench.load.protocol's requests and websocket) patches sockets for gevent.
from locust import User, between, task

from bench.load.protocol import RunLost, Session, load_drawings

IDLE_S = 0.5  # past the deadline a student stops drawing and idles until the runner stops it


WAITING: dict[int, str] = {}  # id(student) -> what it waits for now; what is left after the drain is reported


@contextmanager
def waiting(student: object, what: str):
    """Mark `student` as waiting for `what` ("stroke", "send", "pictures") while the block runs."""
    WAITING[id(student)] = what
    try:
        yield
    finally:
        WAITING.pop(id(student), None)


class Student(User):
    """One student; the runner sets `host`, `drawings` (bench/load/drawings.json) and `deadline` before it starts."""

    wait_time = between(2, 4)
    drawings: ClassVar[list[dict]] = []
    deadline = float("inf")  # time.monotonic() after which no new stroke starts
    busy = 0  # strokes in flight, over all students: the runner waits for them before it stops
    fetch_media = True
    query = ""  # the link's query string, e.g. "class=CODE" (bench/load/scenarios.py)

    def on_start(self) -> None:
        if (
            not Student.drawings
        ):  # run by Locust's own CLI (`locust -f bench/load/students.py`), not bench/load/__main__.py
            Student.drawings = load_drawings()
        self.rng = random.Random(id(self))
        self.session = None
        started = time.perf_counter()
        try:
            session = Session(self.host, query=self.query)
            run = session.rerun()
            if self.fetch_media:
                session.fetch_media(run)
        except Exception as err:  # noqa: BLE001  (a refused or dropped join is counted, not raised)
            self._fire("join", started, 0, err)
            return
        self.session = session
        self._fire("join", started, run.bytes, None, exceptions=run.exceptions)

    def on_stop(self) -> None:
        if self.session is not None:
            self.session.close()

    @task
    def stroke(self) -> None:
        if self.session is None or time.monotonic() > self.deadline:
            gevent.sleep(IDLE_S)
            return
        drawing = self.last = self.rng.choice(self.drawings)  # last: what a class student may send next
        started = time.perf_counter()
        Student.busy += 1
        try:
            with waiting(self, "stroke"):
                run = self.session.draw(drawing)
        except RunLost as err:
            self._fire("stroke", started, 0, err, digit=drawing["digit"], lost=True)
            self.session.close()
            self.session = None  # the connection is gone: this student is out
            return
        finally:
            Student.busy -= 1
        self._fire(
            "stroke", started, run.bytes, None, digit=drawing["digit"], shown=run.prediction, exceptions=run.exceptions
        )
        if self.fetch_media:
            try:
                with waiting(self, "pictures"):
                    self.session.fetch_media(run)
            except Exception as err:  # noqa: BLE001  (counted as an error of its own)
                self._fire("media", time.perf_counter(), 0, err)

    def _fire(self, name: str, started: float, size: int, error: Exception | None, **context) -> None:
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=size,
            exception=error,
            context=context,
        )
