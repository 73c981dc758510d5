"""A student's page following the teacher, at the protocol level (bench/follow.py): it reads every run that
reaches it (the ones it asks for and the ones the server starts when the lesson changes, ui/class_push.py),
re-runs its follow fragment on the page's timer and draws strokes; and a recorded drawing made each student's own.
"""

import base64
import io
import json
import threading
import time

import numpy as np
from PIL import Image
from websocket import WebSocketException

from bench.load.protocol import RunLost, Session
from ui.lesson_plan import PLAN

STEPS = [(n, step) for n, step in enumerate(PLAN) if n >= 3]  # from "Layers": each step moves to another tab
BANNER = "Following the teacher"  # ui/class_follow.py: the banner of a following student's page


class Student(threading.Thread):
    """One joined student's page: a reader of every run that reaches it, and this thread, which re-runs the follow
    fragment on the page's timer while `polling` is set and draws a stroke every `stroke_s` while `drawing` is."""

    def __init__(self, url: str, code: str, drawing: dict, flags: dict[str, threading.Event], stroke_s: float):
        super().__init__(daemon=True)
        self.session = Session(url, query=f"class={code}")
        first = self.session.rerun()
        self.session.draw(drawing)
        (self.fragment, self.interval), *_ = first.auto_reruns.items()
        self.drawing, self.flags, self.stroke_s = drawing, flags, stroke_s
        self.seen: dict[str, float] = {}  # tab -> time.perf_counter() its banner first came back
        self.polls, self.errors, self.strokes = 0, [], []  # strokes: seconds from each stroke to its run's end
        self.sent: float | None = None  # when the stroke waiting for its run was sent
        self.reader = threading.Thread(target=self.read, daemon=True)

    def run(self) -> None:
        self.reader.start()
        phase = (hash(self.name) % 100) / 100  # browsers' timers are not in step
        self.poll_due = time.perf_counter() + self.interval * phase
        self.stroke_due = time.perf_counter() + self.stroke_s * phase
        while not self.flags["stop"].is_set() and not self.errors:
            if not self.flags["polling"].wait(0.1):
                continue
            now = time.perf_counter()
            try:
                self.send(now)
            except (OSError, WebSocketException) as err:  # the server closed the connection
                if not self.flags["stop"].is_set():
                    self.errors.append(f"send: {err}")
                return
            time.sleep(0.02)

    def send(self, now: float) -> None:
        """What the page sends now: its follow fragment's run when its timer is due, a stroke when one is."""
        if now >= self.poll_due:
            self.session.send_rerun(fragment_id=self.fragment)
            self.polls, self.poll_due = self.polls + 1, max(self.poll_due + self.interval, now)
        if self.stroke_s and self.flags["drawing"].is_set() and now >= self.stroke_due and self.sent is None:
            self.sent = now  # a browser sends the next stroke's run after this one ends
            self.session.send_draw(self.drawing)
            self.stroke_due = now + self.stroke_s

    def read(self) -> None:
        while not self.flags["stop"].is_set():
            try:
                answer = self.session.read_run()
            except (RunLost, TypeError) as err:  # TypeError: a read from the socket `close` shut (no bytes)
                if not self.flags["stop"].is_set():
                    self.errors.append(str(err))
                return
            now = time.perf_counter()
            for _, step in STEPS:
                if any(f"{BANNER}**: {step.tab}." in alert for alert in answer.alerts):
                    self.seen.setdefault(step.tab, now)
            if self.sent is not None:
                self.strokes.append(now - self.sent)
                self.sent = None


def own_drawing(drawing: dict, k: int) -> dict:
    """Student k's copy of a recorded drawing, one 1-px row of its ink wiped (the k-th inked row): every student's
    digit differs, as a class's do, so nothing a tab computes from the digit is shared by chance."""
    widgets = []
    for widget in drawing["widgets"]:
        if widget["key"].startswith("canvas") and "jsonValue" in widget:
            value = json.loads(widget["jsonValue"])
            head, data = value["drawing"]["data"].split(",", 1)  # a PNG data URL: what the app reads
            image = np.array(Image.open(io.BytesIO(base64.b64decode(data))))  # (280, 280, 4) RGBA
            rows = np.flatnonzero(image[..., :3].max(axis=(1, 2)) > 0)
            image[rows[k % len(rows)], :, :3] = 0
            out = io.BytesIO()
            Image.fromarray(image).save(out, format="PNG")
            value["drawing"]["data"] = f"{head},{base64.b64encode(out.getvalue()).decode()}"
            widget = {**widget, "jsonValue": json.dumps(value)}
        widgets.append(widget)
    return {**drawing, "widgets": widgets}
