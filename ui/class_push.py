"""The teacher's change reaches the students' pages from the server (issue 25), not by each page asking.

Each students' page (?class=CODE) polled the lesson once a second, a fragment run each: ~3 ms of server CPU
per student per second, and the same whether the class was free or following. Here one thread per server
process reads each class's lesson every PUSH_S (one query per class, however many students), and runs again
the page of every student of that class whose page shows an older version (ui/runtime.py: rerun_session, as
Streamlit's run-on-save does). A page that shows the current lesson costs nothing; a change reaches this
server's students within PUSH_S, then a page run each. Works across servers: each reads the shared store.
A page registers the version it shows when its run reaches the end (ui/class_follow.py after_page): a run
stopped halfway is pushed again after AGAIN_S. The page's slow poll (SAFETY_S) remains for a push not made.
"""

import functools
import logging
import threading
import time

from ui import class_lesson, runtime

PUSH_S = 0.25  # the store is read this often per class with students on this server
AGAIN_S, TRIES = 2.0, 3  # a page not drawn to its end with the new version this long after a push is pushed again
_pages: dict[str, tuple[str, int, object]] = {}  # session id -> (class code, lesson version it shows, ClassStore)
_pushed: dict[str, tuple[int, float, int]] = {}  # session id -> (version pushed, time.monotonic(), tries)
_lock = threading.Lock()


def watch(code: str, version: int, store) -> None:
    """This session's page shows `version` of class `code`'s lesson: run it again when that changes."""
    from classroom.security import normalise_code

    session = runtime.session_id()
    if session is None:
        return  # no server (a test's bare call): nothing to push to
    with _lock:
        _pages[session] = (normalise_code(code), version, store)
        _pushed.pop(session, None)
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
        time.sleep(PUSH_S)
        try:
            push()
        except Exception:  # one bad turn must not end the pushes for the server's life; the pages' own check remains
            logging.getLogger(__name__).exception("lesson push failed; trying again in %s s", PUSH_S)


def push() -> int:
    """Run again every watched page whose class's lesson moved on; returns how many."""
    from classroom import ClassError

    with _lock:
        for session in [s for s in _pages if not runtime.session_active(s)]:  # closed pages: their class is
            del _pages[session]  # read no more once none of its students is here
            _pushed.pop(session, None)
        pages = dict(_pages)
    stores = {code: store for code, _, store in pages.values()}
    versions = {}
    for code, store in stores.items():
        try:
            lesson = store.lesson(code)  # type: ignore[attr-defined]
        except ClassError:
            continue  # the store is down: the next turn tries again
        class_lesson.remember(code, lesson)  # this server's page runs read it without a query
        versions[code] = lesson.version
    pushed, now = 0, time.monotonic()
    for session, (code, version, _) in pages.items():
        latest = versions.get(code, version)
        last, at, tries = _pushed.get(session, (None, 0.0, 0))
        if latest == version or (last == latest and (now - at < AGAIN_S or tries >= TRIES)):
            continue  # shown, or pushed a moment ago (a page whose runs fail is not pushed for ever)
        if last == latest and runtime.session_running(session):
            continue  # the pushed run is still going (a busy server): pushing again would restart it
        ran = runtime.rerun_session(session)
        with _lock:
            if ran:
                _pushed[session] = (latest, now, tries + 1 if last == latest else 1)
                pushed += 1
            else:  # the page was closed
                _pages.pop(session, None)
    return pushed
