"""Class mode meets "Watch it learn" (AppTest, real SQLite store, real background worker): the teacher
fine-tunes on the class's sent digits and sees before -> after; a student of the same class watches with
the buttons disabled and the reason said; with no class (or the database down) anyone may train."""

import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import ui.canvas
from classroom import ClassStore
from testkit.apptest import app_test
from testkit.class_digits import class_set
from train import live
from ui.class_training import ONLY_TEACHER

TAB = "Watch it learn"
WAIT_S = 240  # the worker imports TensorFlow, fine-tunes and measures on a busy machine


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    """A fresh SQLite class store and run folder; any run is cancelled after the test."""
    url = f"sqlite:///{tmp_path / 'classes.db'}"
    monkeypatch.setenv("LENET_CLASS_DB", url)
    monkeypatch.setenv(live.RUN_DIR_ENV, str(tmp_path / "live"))
    monkeypatch.setattr(ui.canvas, "canvas_ui", lambda: None)
    yield url
    live.cancel()
    deadline = time.monotonic() + WAIT_S
    while live.is_running() and time.monotonic() < deadline:
        time.sleep(0.5)


def class_with_digits(url: str, students: int = 3, digits: int = 4) -> tuple[str, str, int]:
    """A live class whose `students` each sent the digits 0 .. digits-1: (code, PIN, how many)."""
    store = ClassStore(url)
    code, pin = store.new_class(pin="2468")
    x, y, ids = class_set(students)
    keep = np.flatnonzero(y < digits)
    for i in keep:
        store.add_drawing(code, f"student-{ids[i]}", int(y[i]), int(y[i]), 0.9, x[i])
    return code, pin, len(keep)


def open_app(**query) -> AppTest:
    return app_test(**query).run()


def words(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in (at.info, at.warning, at.markdown, at.caption) for e in kind)


def unlock(at: AppTest, code: str, pin: str) -> None:
    at.text_input(key="class_unlock_code").input(code)
    at.text_input(key="class_unlock_pin").input(pin)
    next(b for b in at.button if b.label == "Open the wall").click().run()
    assert at.session_state["class_teacher_code"] == code, words(at)


def test_teacher_fine_tunes_on_the_class_and_sees_before_and_after(db):
    code, pin, n = class_with_digits(db)
    at = open_app(tab="Class")
    unlock(at, code, pin)
    at.query_params["tab"] = TAB  # the teacher opens Watch it learn in the same session
    at.run()
    assert not at.exception and ONLY_TEACHER not in words(at)
    assert f"The class has sent {n} digits from 3 student(s)" in words(at)
    assert not at.button(key="learn_start").disabled
    at.button(key="learn_finetune").click().run()
    assert not at.exception and live.is_running()
    assert at.button(key="learn_finetune").disabled and at.button(key="learn_start").disabled
    with np.load(live.run_dir() / live.CLASS_DIGITS) as handed:  # what the worker trains on: the class's digits
        assert handed["x"].shape == (n, 28, 28) and sorted(set(handed["student"].tolist())) == [0, 1, 2]
    deadline = time.monotonic() + WAIT_S
    while "Fine-tuned (F6 + OUTPUT)" not in words(at):
        assert time.monotonic() < deadline, f"no result within {WAIT_S} s: {live.read()}"
        time.sleep(2.0)
        at.run()
        assert not at.exception
    result = live.read()["finetune"]
    assert result["n_train"] + result["n_held"] == n and len(result["held_students"]) == 1
    assert "held-back students' digits" in words(at) and "MNIST test" in words(at)


def test_a_student_of_the_class_watches_with_the_buttons_disabled(db, remote):
    code, _, _ = class_with_digits(db, students=2, digits=2)
    at = open_app(tab=TAB, **{"class": code})
    assert not at.exception
    assert ONLY_TEACHER in words(at)
    assert at.button(key="learn_start").disabled and at.button(key="learn_finetune").disabled
    assert at.button(key="learn_cancel").disabled


def test_without_a_class_or_with_the_database_down_anyone_may_train(db, monkeypatch):
    at = open_app(tab=TAB)  # an empty store: no class
    assert not at.exception and ONLY_TEACHER not in words(at)
    assert not at.button(key="learn_start").disabled
    monkeypatch.setenv("LENET_CLASS_DB", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    at = open_app(tab=TAB)
    assert not at.exception and ONLY_TEACHER not in words(at)
    assert not at.button(key="learn_start").disabled


def test_an_ended_class_does_not_lock_the_lab(db):
    code, _, _ = class_with_digits(db, students=1, digits=1)
    ClassStore(db).erase_class(code)
    at = open_app(tab=TAB)
    assert ONLY_TEACHER not in words(at) and not at.button(key="learn_start").disabled
