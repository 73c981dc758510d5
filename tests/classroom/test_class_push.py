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


class FakeStore:
    """A class store whose lesson is at `version`."""

    def __init__(self, version: int):
        self.version = version

    def lesson(self, code: str):
        from classroom import Lesson

        return Lesson(version=self.version)


def test_a_page_not_drawn_with_the_new_version_is_pushed_again_unless_its_run_is_going(monkeypatch):
    """A pushed run stopped halfway leaves its page unregistered: after AGAIN_S it is pushed again (TRIES at most),
    but never while its run is still going (that would restart it on a busy server)."""
    clock, runs, running = [100.0], [], {"yes": False}
    monkeypatch.setattr(class_push.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(class_push.runtime, "session_active", lambda s: True)
    monkeypatch.setattr(class_push.runtime, "session_running", lambda s: running["yes"])
    monkeypatch.setattr(class_push.runtime, "rerun_session", lambda s: runs.append(s) or True)
    monkeypatch.setattr(class_push, "_pages", {"s1": ("CODE1234", 3, FakeStore(4))})
    monkeypatch.setattr(class_push, "_pushed", {})
    monkeypatch.setattr(class_push, "_waiting", {})
    monkeypatch.setattr(class_push, "_read", {"at": float("-inf"), "versions": {}})  # not another test's reads
    assert class_push.push() == 1 and runs == ["s1"]  # shows 3, the class is at 4
    assert class_push.push() == 0  # not again at once
    clock[0] += class_push.AGAIN_S
    running["yes"] = True
    assert class_push.push() == 0  # its run is still going
    running["yes"] = False
    pushes = [class_push.push() for _ in range(5) if not clock.__setitem__(0, clock[0] + class_push.AGAIN_S)]
    assert sum(pushes) == class_push.TRIES - 1 and len(runs) == class_push.TRIES  # then it is left to its own check
    class_push._pages["s1"] = ("CODE1234", 4, FakeStore(4))  # its run reached the end: registered with 4
    class_push._pushed.clear()
    assert class_push.push() == 0


def test_a_failing_turn_does_not_end_the_pushes(monkeypatch):
    """The push thread lives as long as the server: an exception in one turn is logged and the next turn runs."""
    import threading

    from ui import class_push

    turns, second = [], threading.Event()

    def push():
        turns.append(1)
        if len(turns) == 1:
            raise RuntimeError("a store or Streamlit hiccup")
        second.set()
        threading.Event().wait()  # this test's loop parks here for good (a daemon thread, asleep)

    monkeypatch.setattr(class_push, "push", push)
    monkeypatch.setattr(class_push, "PUSH_S", 0.01)
    threading.Thread(target=class_push._loop, daemon=True).start()
    assert second.wait(5), "the loop stopped after the failing turn"


class CountingStore(FakeStore):
    reads = 0

    def lesson(self, code: str):
        CountingStore.reads += 1
        return super().lesson(code)


def test_pages_are_pushed_at_once_at_most_at_once_and_the_next_goes_when_one_ends(monkeypatch):
    """Five pages behind: AT_ONCE go, the rest wait; a page that reaches its end (watch) wakes the loop and the
    next goes; a run asked for a moment ago counts as going before its session's state says so; the store is read
    once per PUSH_S however often the loop turns; no page waits for its turn longer than HOLD_S."""
    clock, runs, running = [100.0], [], set()
    store = CountingStore(4)
    monkeypatch.setattr(class_push.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(class_push.runtime, "session_active", lambda s: True)
    monkeypatch.setattr(class_push.runtime, "session_running", lambda s: s in running)
    monkeypatch.setattr(class_push.runtime, "rerun_session", lambda s: runs.append(s) or True)
    monkeypatch.setattr(class_push, "_pages", {f"s{k}": ("Q7PBH6D3", 3, store) for k in range(5)})
    monkeypatch.setattr(class_push, "_pushed", {})
    monkeypatch.setattr(class_push, "_waiting", {})
    monkeypatch.setattr(class_push, "_read", {"at": float("-inf"), "versions": {}})
    monkeypatch.setattr(class_push, "_start", lambda: None)
    monkeypatch.setattr(class_push, "_wake", class_push.threading.Event())
    assert class_push.AT_ONCE == 2
    assert class_push.push() == 2 and runs == ["s0", "s1"]
    assert class_push.push() == 0  # asked a moment ago: going, though not yet started
    assert CountingStore.reads == 1  # the store read once in the two turns (within PUSH_S)
    clock[0] += class_push.START_S
    running.update(runs)
    assert class_push.push() == 0  # both under way
    monkeypatch.setattr(class_push.runtime, "session_id", lambda: "s0")
    class_push.watch("Q7PBH6D3", 4, store)  # s0's run reached its end with the new version
    running.discard("s0")
    assert class_push._wake.is_set()
    assert class_push.push() == 1 and runs == ["s0", "s1", "s2"]
    reads = CountingStore.reads
    clock[0] += class_push.PUSH_S / 2
    class_push.push()
    assert CountingStore.reads == reads  # read again only once PUSH_S has passed
    clock[0] += class_push.PUSH_S
    class_push.push()
    assert CountingStore.reads == reads + 1
    running.update({"s1", "s2"})
    assert class_push.push() == 0 and len(runs) == 3  # both turns taken: s3 and s4 still wait
    clock[0] = 100.0 + class_push.HOLD_S  # s3 and s4 first waited at 100.0
    assert class_push.push() == 2 and runs[3:] == ["s3", "s4"]  # HOLD_S is the longest wait, turns or not
