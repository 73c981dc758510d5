"""The lesson a class's teacher leads (issue 25): free, follow or paused; the teacher's tab, a lesson step,
lab settings and a pushed input. One tiny row per class (schema.LessonRow); every change bumps `version`,
so each app server reads one small row per class (ui/class_push.py) and a page acts only when the number moved. No Streamlit here: the store
(classroom/store.py) calls these inside its transactions.
"""

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Table, and_, insert, select, update

from classroom import challenge_rows, validate
from classroom.challenge import Challenge
from classroom.errors import BadLesson
from classroom.records import to_pixels
from classroom.schema import DrawingRow, LessonRow
from lenet.text import N_

LESSONS: Table = LessonRow.__table__  # type: ignore[assignment]
DRAWINGS: Table = DrawingRow.__table__  # type: ignore[assignment]
MODES = ("free", "follow", "paused")
FREE, FOLLOW, PAUSED = MODES
TAB_LENGTH = 40  # schema.LessonRow.tab
SETTINGS_BYTES = 4096  # a few widgets' values: bounded, so a lesson row stays tiny to poll
KEEP: Any = object()  # write(...): this field as it is


@dataclass(frozen=True)
class Push:
    """An input shown to every student: a wall drawing (by id) or 28x28 pixels (a gallery digit, the teacher's
    own drawing). Read back, `pixels` is filled in for a wall drawing too, or the push is gone (hidden, deleted)."""

    caption: str
    drawing: int | None = None
    pixels: np.ndarray | None = field(default=None, compare=False)  # (28, 28) uint8


@dataclass(frozen=True)
class Lesson:
    """A class's lesson state as students follow it; version 0 = never led (free)."""

    mode: str = FREE
    tab: str | None = None
    step: int | None = None
    settings: dict = field(default_factory=dict)  # {session-state key: JSON value} of the teacher's lab widgets
    push: Push | None = None
    version: int = 0
    challenge: Challenge | None = None  # the challenge open to the class (classroom/challenge.py)

    @property
    def leading(self) -> bool:
        """Follow or paused: the students' pages are the teacher's."""
        return self.mode != FREE

    @property
    def following(self) -> bool:
        return self.mode == FOLLOW

    @property
    def paused(self) -> bool:
        return self.mode == PAUSED


def read(conn, code: str) -> Lesson:
    """The class's lesson (a wall drawing's pixels joined in, only while it is visible); free if never led."""
    shown = and_(DRAWINGS.c.id == LESSONS.c.pushed_drawing, DRAWINGS.c.class_code == code, DRAWINGS.c.hidden.is_(False))
    query = select(LESSONS, DRAWINGS.c.pixels.label("drawing_pixels")).outerjoin(DRAWINGS, shown)
    row = conn.execute(query.where(LESSONS.c.class_code == code)).first()
    if row is None:
        return Lesson()
    blob = row.drawing_pixels if row.pushed_drawing is not None else row.pushed_pixels
    push = Push(row.pushed_caption or "", row.pushed_drawing, to_pixels(blob)) if blob is not None else None
    posed = challenge_rows.read(conn, code, row.challenge)  # a second small read, only while one is open
    return Lesson(row.mode, row.tab, row.step, json.loads(row.settings), push, row.version, posed)


def write(conn, code: str, now, mode=KEEP, tab=KEEP, step=KEEP, settings=KEEP, push=KEEP, challenge=KEEP) -> Lesson:
    """Change what is given (KEEP leaves a field; `challenge` is an id or None), bump the version; returns the
    lesson as students read it."""
    old = conn.execute(select(LESSONS).where(LESSONS.c.class_code == code)).first()
    values: dict[str, Any] = {"changed_at": now, "version": (old.version if old else 0) + 1}
    if mode is not KEEP:
        values["mode"] = _mode(mode)
    if tab is not KEEP:
        values["tab"] = None if tab is None else str(tab)[:TAB_LENGTH]
    if step is not KEEP:
        values["step"] = None if step is None else _step(step)
    if settings is not KEEP:
        values["settings"] = _settings(settings)
    if push is not KEEP:
        values.update(_push(conn, code, push))
    if challenge is not KEEP:
        values["challenge"] = None if challenge is None else int(challenge)
    if old is None:
        defaults = {"mode": FREE, "tab": None, "step": None, "settings": "{}", "challenge": None}
        conn.execute(insert(LESSONS).values(class_code=code, **{**defaults, **values}))
    else:
        conn.execute(update(LESSONS).where(LESSONS.c.class_code == code).values(**values))
    return read(conn, code)


def drawing_changed(conn, code: str, drawing_id: int, now) -> None:
    """A drawing was hidden, shown again or deleted: if it is the pushed input, bump the version, so every
    student's page runs again and shows it or lets it go."""
    pushed = and_(LESSONS.c.class_code == code, LESSONS.c.pushed_drawing == drawing_id)
    conn.execute(update(LESSONS).where(pushed).values(version=LESSONS.c.version + 1, changed_at=now))


def _mode(mode) -> str:
    if mode not in MODES:
        raise BadLesson(N_("A lesson is one of {modes} (got {mode})."), modes=", ".join(MODES), mode=repr(mode))
    return str(mode)


def _step(step) -> int:
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= int(step) < 1000:
        raise BadLesson(N_("A lesson step is a number from 0 to 999 (got {step})."), step=repr(step))
    return int(step)


def _settings(settings) -> str:
    """{str: JSON value} as compact JSON of at most SETTINGS_BYTES."""
    try:
        text = json.dumps(dict(settings), sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as err:
        raise BadLesson(N_("The lab settings cannot be shared with the class ({problem})."), problem=str(err)) from None
    if len(text.encode()) > SETTINGS_BYTES:
        raise BadLesson(N_("The lab settings are too large to share ({n} characters)."), n=len(text))
    return text


def _push(conn, code: str, push: Push | None) -> dict[str, Any]:
    """The pushed-input columns: a wall drawing of this class by id, or validated pixels, or none."""
    if push is None:
        return {"pushed_drawing": None, "pushed_pixels": None, "pushed_caption": None}
    caption = validate.alias(push.caption)  # printable, at most 40 characters
    if push.drawing is not None:
        mine = and_(DRAWINGS.c.id == int(push.drawing), DRAWINGS.c.class_code == code)
        if conn.execute(select(DRAWINGS.c.id).where(mine)).first() is None:
            raise BadLesson(
                N_("There is no drawing #{number} in this class (deleted, or not sent yet)."), number=push.drawing
            )
        return {"pushed_drawing": int(push.drawing), "pushed_pixels": None, "pushed_caption": caption}
    return {"pushed_drawing": None, "pushed_pixels": validate.digit_pixels(push.pixels), "pushed_caption": caption}
