"""The teacher's change reaches the students' pages from the server (issue 25), not by each page asking.

Each students' page (?class=CODE) polled the lesson once a second, a fragment run each: ~3 ms of server CPU
per student per second, and the same whether the class was free or following. Here one thread per server
process reads each class's lesson every PUSH_S (one query per class, however many students), and runs again
the page of every student of that class whose page shows an older version (ui/runtime.py: rerun_session, as
Streamlit's run-on-save does). A page that shows the current lesson costs nothing; a change reaches this
server's students within PUSH_S, then a page run each. Works across servers: each reads the shared store.
A page registers the version it shows when its run reaches the end (ui/class_follow.py after_page): a run
stopped halfway is pushed again after AGAIN_S. The page's slow poll (SAFETY_S) remains for a push not made.

AT_ONCE pushed runs go at a time; each page that ends one lets the next waiting page go (watch wakes the loop).
Forty pushed at once shared one interpreter lock: all forty ended together, the first page after 1.1-3 s, and
switching among forty threads cost ~30 % more CPU (40 own digits on one server, 2026-12-07: the last page
after Layers 3.5-4.1 s, Invariance 3.6-4.6 s; two at a time: 2.6 and 2.3 s, the first page within 0.3 s).
But a page waits for its turn HOLD_S at most: with 80 students a server drawing a stroke every 5 s, the two
pushed runs got a small share of a busy interpreter, a stroke stopped many halfway, and turns came so slowly
that some pages had not changed 30 s later (bench/follow.py --students 160 --servers 2 --stroke-s 5).
"""

import functools
import logging
import threading
import time

from ui import class_lesson, runtime

PUSH_S = 0.1  # the store is read this often per class with students on this server (a one-row query)
AGAIN_S, TRIES = 2.0, 3  # a page not drawn to its end with the new version this long after a push is pushed again
AT_ONCE = 2  # pushed runs under way at once per server process (its two cores: Python, and NumPy/zlib/the sockets)
START_S = 0.2  # a run just asked for counts as under way this long, before the session's state says it started
HOLD_S = 1.5  # no page waits longer for its turn: under a load of strokes the turns come slowly (see below)
_pages: dict[str, tuple[str, int, object]] = {}  # session id -> (class code, lesson version it shows, ClassStore)
_pushed: dict[str, tuple[int, float, int]] = {}  # session id -> (version pushed, time.monotonic(), tries)
_lock = threading.Lock()
_waiting: dict[str, float] = {}  # session id -> time.monotonic() it first waited for its turn
_wake = threading.Event()  # a pushed page reached its end: the next waiting page may go
_read: dict = {"at": float("-inf"), "versions": {}}  # the classes' lesson versions, read at most every PUSH_S


def watch(code: str, version: int, store) -> None:
    """This session's page shows `version` of class `code`'s lesson: run it again when that changes."""
    from classroom.security import normalise_code

    session = runtime.session_id()
    if session is None:
        return  # no server (a test's bare call): nothing to push to
    with _lock:
        _pages[session] = (normalise_code(code), version, store)
        _waiting.pop(session, None)
        if _pushed.pop(session, None) is not None:
            _wake.set()
    _start()


def forget() -> None:
    """This session's page left its class (a link without ?class=): no more pushes."""
    session = runtime.session_id()
    with _lock:
        _pages.pop(session or "", None)


@functools.cache  # one thread per server process
def _start() -> None:
    threading.Thread(target=_loop, name="lenet-lesson-push", daemon=True).start()


def _loop() -> None:
    while True:
        _wake.wait(PUSH_S)
        _wake.clear()
        try:
            push()
        except Exception:  # one bad turn must not end the pushes for the server's life; the pages' own check remains
            logging.getLogger(__name__).exception("lesson push failed; trying again in %s s", PUSH_S)


def push() -> int:
    """Run again the watched pages whose class's lesson moved on, AT_ONCE at a time; returns how many."""
    with _lock:
        for session in [s for s in _pages if not runtime.session_active(s)]:  # closed pages: their class is
            del _pages[session]  # read no more once none of its students is here
            _pushed.pop(session, None)
            _waiting.pop(session, None)
        pages = dict(_pages)
    versions = _versions({code: store for code, _, store in pages.values()})
    now = time.monotonic()
    with _lock:
        pushes = dict(_pushed)
    going = [
        s
        for s, (_, at, _) in pushes.items()
        if now - at < START_S or (now - at < AGAIN_S and runtime.session_running(s))
    ]
    pushed = 0
    for session, (code, version, _) in pages.items():
        latest = versions.get(code, version)
        last, at, tries = _pushed.get(session, (None, 0.0, 0))
        if latest == version or (last == latest and (now - at < AGAIN_S or tries >= TRIES)):
            continue  # shown, or pushed a moment ago (a page whose runs fail is not pushed for ever)
        if last == latest and runtime.session_running(session):
            continue  # the pushed run is still going (a busy server): pushing again would restart it
        if len(going) + pushed >= AT_ONCE and now - _waiting.setdefault(session, now) < HOLD_S:
            continue  # its turn comes when a pushed page ends (watch wakes this loop), or after HOLD_S
        ran = runtime.rerun_session(session)
        with _lock:
            _waiting.pop(session, None)
            if ran:
                _pushed[session] = (latest, now, tries + 1 if last == latest else 1)
                pushed += 1
            else:  # the page was closed
                _pages.pop(session, None)
    return pushed


def _versions(stores: dict) -> dict[str, int]:
    """{class code: its lesson's version}, read from the store at most every PUSH_S (one query per class)."""
    from classroom import ClassError

    if time.monotonic() - _read["at"] < PUSH_S:
        return _read["versions"]
    versions = {}
    for code, store in stores.items():
        try:
            lesson = store.lesson(code)
        except ClassError:
            continue  # the store is down: the next turn tries again
        class_lesson.remember(code, lesson)  # this server's page runs read it without a query
        versions[code] = lesson.version
    _read.update(at=time.monotonic(), versions=versions)
    return versions
