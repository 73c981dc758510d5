"""ui/run_slots.py: at most AT_ONCE runs hold a turn at once, none waits longer than WAIT_S, every turn comes
back (also from a run cut short), and a stroke's run draws its digit and tab inside a turn."""

import threading
import time
from contextlib import contextmanager

import pytest

import ui.models
from testkit.apptest import canvas_drawing
from ui import run_slots


def free_turns() -> int:
    """How many turns can be taken now (taken and given back)."""
    taken = 0
    while run_slots._turns.acquire(blocking=False):
        taken += 1
    for _ in range(taken):
        run_slots._turns.release()
    return taken


def test_no_more_than_at_once_runs_hold_a_turn():
    busy, most, lock = [0], [0], threading.Lock()

    def run() -> None:
        with run_slots.turn():
            with lock:
                busy[0] += 1
                most[0] = max(most[0], busy[0])
            time.sleep(0.03)
            with lock:
                busy[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(4 * run_slots.AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == run_slots.AT_ONCE
    assert free_turns() == run_slots.AT_ONCE


def test_a_run_goes_without_a_turn_after_wait_s_and_gives_none_back(monkeypatch):
    monkeypatch.setattr(run_slots, "WAIT_S", 0.05)
    for _ in range(run_slots.AT_ONCE):  # long runs hold every turn
        assert run_slots._turns.acquire(blocking=False)
    try:
        started = time.perf_counter()
        with run_slots.turn():
            waited = time.perf_counter() - started
        assert waited >= 0.05
        assert free_turns() == 0  # it released nothing it did not take
    finally:
        for _ in range(run_slots.AT_ONCE):
            run_slots._turns.release()
    assert free_turns() == run_slots.AT_ONCE


def test_a_run_cut_short_gives_its_turn_back():
    with pytest.raises(RuntimeError), run_slots.turn():  # Streamlit stops a run with an exception
        raise RuntimeError("a newer stroke")
    assert free_turns() == run_slots.AT_ONCE


def test_a_stroke_draws_its_digit_and_tab_inside_a_turn(run_app, monkeypatch):
    inside, seen = [False], []

    @contextmanager
    def turn():
        inside[0] = True
        try:
            yield
        finally:
            inside[0] = False

    monkeypatch.setattr(run_slots, "turn", turn)
    load = ui.models.load_network
    monkeypatch.setattr(ui.models, "load_network", lambda key: seen.append(inside[0]) or load(key))
    at = run_app(canvas_drawing(7))
    assert not at.exception and seen == [True]
