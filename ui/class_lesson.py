"""What the teacher's and the students' sides of a led lesson share (issue 25): the class's lesson state, read
once per server process per CACHE_S however many students' pages read it, and which lab widgets the teacher lends.

The lab settings travel as {session-state key: JSON value}; only keys of the three labs below are ever
written by a teacher or applied on a student's page, so a lesson row cannot set anything else in a session.
"""

import threading
import time

import streamlit as st

from ui import class_common
from ui.tabs import TABS

CACHE_S = 0.5  # a page's run reads the lesson at most this stale (ui/class_push.py refreshes it every PUSH_S)
# The labs whose settings the class follows: their widgets' session-state keys start so (ui/lab_lesion.py KEY:
# silenced maps and cut wires; ui/lab_unit.py: layer and unit; ui/lab_invariance.py KEY: the sliders). Not
# imported from them: that would load the labs' numerics on every page; a test holds them equal.
LAB_KEYS = ("lab_lesion_", "lab_unit_", "lab_inv_")
TEACHERS_TAB = next(tab.title for tab in TABS if tab.module == "class_teacher")  # never followed: a student has none
NOT_SETTINGS = ("reset",)  # the labs' buttons: a button's state cannot be set
_cache: dict[str, tuple[float, object]] = {}  # normalised code -> (time.monotonic(), classroom.Lesson)
_lock = threading.Lock()


def lesson_of(code: str):
    """The class's classroom.Lesson, at most CACHE_S old; a free lesson (version 0) for a code that is no class.
    Raises classroom.ClassError (e.g. StoreUnavailable) when the store cannot be read."""
    from classroom import Lesson
    from classroom.security import normalise_code

    clean = normalise_code(code)
    if not clean:
        return Lesson()
    now = time.monotonic()
    with _lock:
        cached = _cached(clean, now)
    if cached is not None:
        return cached
    lesson = class_common.store().lesson(clean)  # outside the lock: a slow database holds up no other class
    remember(clean, lesson, now)
    return lesson


def _cached(clean: str, now: float):
    at, lesson = _cache.get(clean, (-CACHE_S, None))
    return lesson if now - at < CACHE_S else None


def remember(code: str, lesson, now: float | None = None) -> None:
    """Keep `lesson` as the class's current state (the teacher's write: this server's students see it at once)."""
    from classroom.security import normalise_code

    with _lock:
        _cache[normalise_code(code)] = (time.monotonic() if now is None else now, lesson)


def is_lab_setting(key: str) -> bool:
    return key.startswith(LAB_KEYS) and not key.endswith(NOT_SETTINGS)


def lab_settings() -> dict:
    """This session's lab settings as JSON values ({key: value}; a cut wire (2, 5) as [2, 5])."""
    return {key: _json(value) for key, value in st.session_state.items() if is_lab_setting(str(key))}


def _json(value):
    return [_json(v) for v in value] if isinstance(value, (list, tuple)) else value


def widget_value(value):
    """A JSON value back as its widget holds it: a list of pairs (Lesion's cut wires) as a list of tuples."""
    if isinstance(value, list):
        return [tuple(v) if isinstance(v, list) else v for v in value]
    return value
