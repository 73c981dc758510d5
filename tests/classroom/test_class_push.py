"""The server runs a student's page again when the class's lesson moves on (ui/class_push.py, issue 25), through
Streamlit's internals (ui/runtime.py: session_id, rerun_session; this is their guard): a page that asks for
nothing gets the teacher's change within a second, long before its own slow check (SAFETY_S) would come,
and a page that shows the current lesson is left alone. A protocol-level page on a live server."""

import time

import pytest

from bench.load.protocol import RunLost, Session, load_drawings
from classroom import ClassStore
from testkit import ARTIFACTS
from testkit.servers import live_app
from ui import class_follow, class_push

BANNER = "**Following the teacher**: Layers."


@pytest.fixture(scope="module")
def served_class(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('pushdb') / 'classes.db'}"
    code, _ = ClassStore(db).new_class(pin="482913")
    with live_app(ARTIFACTS / "streamlit_push.log", env={"LENET_CLASS_DB": db}) as url:
        yield url, code, ClassStore(db)


def next_run(session: Session, within_s: float):
    """The next run the server sends unasked, or None if none comes within `within_s`."""
    session.ws.settimeout(within_s)
    try:
        return session.read_run()
    except RunLost:  # the socket's read timed out: no run came
        return None
    finally:
        session.ws.settimeout(session.timeout)


def test_the_teachers_change_reaches_a_page_that_asks_for_nothing(served_class):
    url, code, store = served_class
    page = Session(url, query=f"class={code}")
    try:
        first = page.rerun()
        page.draw(load_drawings()[0])
        assert set(first.auto_reruns.values()) == {class_follow.SAFETY_S}  # the page's own check is slow
        assert next_run(page, 1.0) is None  # the page shows the current (free) lesson: nothing is pushed
        changed = time.perf_counter()
        store.lead(code, mode="follow", tab="Layers")
        run = next_run(page, class_follow.SAFETY_S / 2)
        assert run is not None and any(BANNER in alert for alert in run.alerts), run and run.alerts
        assert time.perf_counter() - changed < 2 + class_push.PUSH_S  # the goal: 2 s
        assert next_run(page, 1.0) is None  # once per change
    finally:
        page.close()
