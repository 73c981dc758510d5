"""Load scenarios of issue 13 beside the plain class: `wall` (a class started, the teacher's wall open and
its fragment re-run every 2 s, students joined by ?class=CODE, one stroke in five also sent to the class
with an "I meant" choice) and `learn` (the same while a "Watch it learn" run trains in the server's
$LENET_LIVE_DIR). The teacher is a protocol-level user (bench/load/protocol.py), as the students are.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from typing import ClassVar

import gevent
from locust import task

from bench.harness.common import ROOT
from bench.load.protocol import SEND, RunLost, Session
from bench.load.students import Student, waiting

PIN = "482913"
WALL_REFRESH_S = 2.0  # ui/class_wall.py REFRESH_S: the page re-runs the wall's fragment this often
SCENARIOS = ("plain", "wall", "learn")
SEND_SHARE = 0.2  # 1 stroke in 5 is also sent to the class


def new_class(db_url: str) -> str:
    """`python -m lenet class new --pin PIN --json` against the server's store; returns the class code."""
    out = subprocess.run(
        [sys.executable, "-m", "lenet", "class", "new", "--pin", PIN, "--json"],
        cwd=ROOT,
        env={**os.environ, "LENET_CLASS_DB": db_url},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)["code"]


def stored(db_url: str, code: str) -> int:
    from classroom import ClassStore

    store = ClassStore(db_url)
    try:
        return len(store.drawings(code))
    finally:
        store.close()


class Teacher:
    """One teacher's page: ?tab=Class, unlock the wall with the PIN, then re-run its fragment every 2 s."""

    def __init__(self, url: str, code: str):
        self.session = Session(url, query="tab=Class")
        self.refreshes, self.errors, self.wall = 0, [], ""
        first = self.session.rerun()
        fields = [
            {"key": "class_unlock_code", "string_value": code},
            {"key": "class_unlock_pin", "string_value": PIN},
            {"id": first.buttons["Open the wall"], "trigger_value": True},
        ]
        run = self.session.rerun(fields)
        if run.status is not None and not run.fragment_ids:  # st.rerun() after the unlock: the wall comes next
            run = self.session.rerun()
        self.errors += first.exceptions + run.exceptions
        if not run.fragment_ids:
            raise RuntimeError("teacher: the wall did not open (no fragment in the Class tab)")
        self.wall = min(run.fragment_ids)

    def refresh(self, until: float) -> None:
        """The wall's automatic refresh, as the page schedules it, until time.monotonic() > until."""
        while time.monotonic() < until:
            gevent.sleep(WALL_REFRESH_S)
            try:
                run = self.session.rerun(fragment_id=self.wall)
            except RunLost as err:
                self.errors.append(f"wall refresh lost: {err}")
                return
            self.refreshes += 1
            self.errors += run.exceptions

    def close(self) -> None:
        self.session.close()


class ClassStudent(Student):
    """A student of the class: each stroke as Student's; after a share of them, "I meant" and "Send to class"."""

    query = ""
    share = SEND_SHARE
    sent: ClassVar[int] = 0  # sends whose run finished without an error
    sends_lost: ClassVar[int] = 0  # sends with no finished run
    distinct: ClassVar[int] = 0  # sent drawings new to the class: the store keeps one drawing once, whoever sends it
    seen: ClassVar[set[int]] = set()  # the recorded drawings (by id) sent to this class so far, all levels

    @task
    def stroke(self) -> None:
        if self.session is None or time.monotonic() > self.deadline:
            super().stroke()  # idles: not busy (counting it was how 14-17 idle students once showed as "lost")
            return
        Student.busy += 1  # stroke and send as one: the runner must not stop a student between the two
        try:
            super().stroke()
            if self.session is not None and self.rng.random() < self.share:
                self.send(self.last)
        finally:
            Student.busy -= 1

    def send(self, drawing: dict) -> None:
        """The drawing still on the canvas, its digit as "I meant", and a click on Send to class."""
        send_id = self.session.buttons.get(SEND)
        widgets = self.session.send_widgets(drawing)
        started = time.perf_counter()
        try:
            with waiting(self, "send"):
                run = self.session.rerun(widgets)
        except RunLost as err:
            self._fire("send", started, 0, err, lost=True)
            ClassStudent.sends_lost += 1
            return
        errors = run.exceptions or ([] if send_id else ["no Send to class button"])
        ClassStudent.sent += not errors
        if not errors and id(drawing) not in ClassStudent.seen:  # the same pixels and digit: one drawing
            ClassStudent.seen.add(id(drawing))  # (classroom/store.py send_keys: the key leaves the
            ClassStudent.distinct += 1  # session out, since issue 20; all students replay the same recordings)
        self._fire("send", started, run.bytes, None, exceptions=errors)


class Setting:
    """What a scenario adds around the plain load: the store, the class, the teacher, the training run."""

    def __init__(self, name: str, folder: str):
        self.name, self.user = name, Student
        self.db_url = f"sqlite:///{folder}/classes.db" if name != "plain" else None
        self.code = ""

    def start(self) -> None:
        """After the servers are up and warm: the class (and the Watch it learn run)."""
        if self.name == "plain":
            return
        self.code = new_class(self.db_url)
        ClassStudent.seen = set()
        ClassStudent.query, self.user = f"class={self.code}", ClassStudent
        if self.name == "learn":
            from train import live

            if not live.start(live.LiveConfig(epochs=50)):
                raise RuntimeError("learn: the Watch it learn run did not start")

    @contextmanager
    def level(self, url: str, seconds: float):
        """Around one level: the teacher's wall open and refreshing; yields the extra columns, filled after."""
        extra: dict = {}
        if self.name == "plain":
            yield extra
            return
        before = stored(self.db_url, self.code)
        ClassStudent.sent = ClassStudent.sends_lost = ClassStudent.distinct = 0
        teacher = Teacher(url, self.code)
        refresher = gevent.spawn(teacher.refresh, time.monotonic() + seconds)
        try:
            yield extra
        finally:
            refresher.join(timeout=WALL_REFRESH_S * 3)
            refresher.kill()
            teacher.close()
            extra.update(
                sent=ClassStudent.sent,
                sends_lost=ClassStudent.sends_lost,
                sent_distinct=ClassStudent.distinct,
                stored=stored(self.db_url, self.code) - before,
                wall_refreshes=teacher.refreshes,
                wall_errors=len(teacher.errors),
                wall_error_samples=teacher.errors[:3],
                training=self.training(),
            )

    def training(self) -> str:
        if self.name != "learn":
            return ""
        from train import live

        return str((live.read() or {}).get("status"))

    def stop(self) -> None:
        if self.name == "learn":
            from train import live

            live.cancel()


@contextmanager
def scenario(name: str):
    """The scenario's setting; LENET_LIVE_DIR is set before the servers start, so they see the bench's run."""
    with tempfile.TemporaryDirectory(prefix=f"load-{name}-") as folder:
        old = os.environ.get("LENET_LIVE_DIR")
        if name == "learn":
            os.environ["LENET_LIVE_DIR"] = folder
        setting = Setting(name, folder)
        try:
            yield setting
        finally:
            setting.stop()
            if old is None:
                os.environ.pop("LENET_LIVE_DIR", None)
            else:
                os.environ["LENET_LIVE_DIR"] = old
