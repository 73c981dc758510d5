"""ui/shared.py: what a tab computes from the model, the input and the settings alone is computed once per
process and shared by the sessions that show it (issue 25: 40 students following the teacher's Lesion),
in a cache bounded in entries and bytes."""

import threading

import numpy as np

from testkit.apptest import canvas_drawing, run_app_test
from ui import shared


def test_sessions_asking_at_once_share_one_computation(monkeypatch):
    monkeypatch.setattr(shared, "_values", type(shared._values)())
    started, release, calls = threading.Event(), threading.Event(), []

    def compute():
        calls.append(1)
        started.set()
        release.wait(5)  # the second session asks while the first one computes
        return np.arange(3)

    results = []
    sessions = [threading.Thread(target=lambda: results.append(shared.shared("t", 1, compute))) for _ in range(2)]
    sessions[0].start()
    assert started.wait(5)
    sessions[1].start()
    release.set()
    for session in sessions:
        session.join(5)
    assert len(calls) == 1 and len(results) == 2 and results[0] is results[1]
    assert shared.shared("t", 1, compute) is results[0] and len(calls) == 1  # a later session finds it kept


def test_a_failed_computation_is_not_kept_and_the_next_caller_tries_again(monkeypatch):
    monkeypatch.setattr(shared, "_values", type(shared._values)())

    def fail():
        raise ValueError("no")

    for _ in range(2):
        try:
            shared.shared("t", 2, fail)
        except ValueError:
            pass
    assert shared.shared("t", 2, lambda: "ok") == "ok"


def test_the_cache_keeps_at_most_max_entries_and_max_bytes(monkeypatch):
    monkeypatch.setattr(shared, "_values", type(shared._values)())
    monkeypatch.setattr(shared, "_bytes", [0])
    monkeypatch.setattr(shared, "MAX_ENTRIES", 3)
    for k in range(5):
        shared.shared("t", k, lambda: b"x" * 10)
    assert shared.kept() == (3, 30)
    calls = []
    shared.shared("t", 0, lambda: calls.append(1) or b"y")  # the oldest was dropped: computed again
    assert calls == [1]
    monkeypatch.setattr(shared, "MAX_BYTES", 2500)
    for k in range(10, 13):
        shared.shared("t", k, lambda: np.zeros(1000, np.uint8))  # 1,000 bytes each
    entries, nbytes = shared.kept()
    assert nbytes <= 2500 and entries == 2


def test_two_sessions_on_lesion_with_the_same_digit_compute_it_once(monkeypatch, dev_models):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    shared.clear()
    before = shared.computed["n"]
    first = run_app_test(monkeypatch, canvas_drawing(3), tab="Lesion")
    assert not first.exception and shared.computed["n"] == before + 1
    second = run_app_test(monkeypatch, canvas_drawing(3), tab="Lesion")  # another session, same digit
    assert not second.exception and shared.computed["n"] == before + 1
    assert [i.value for i in first.get("imgs")] == [i.value for i in second.get("imgs")]
    run_app_test(monkeypatch, canvas_drawing(5), tab="Lesion")  # another digit: its own computation
    assert shared.computed["n"] == before + 2
