"""The teacher leads the lesson (issue 25) in AppTest: "Follow me" moves a student's page to the teacher's tab
and lab settings, "Show everyone this digit" makes the teacher's digit the students', "Pause screens" shows
"Eyes on the board", "Let go" gives each student their own tab and settings back, and a page opened (or
reloaded) mid-lesson lands where the class is. AppTest sessions of one process share the server's lesson
cache, as the students of one app server do; the students' pages run again as their poll would make them."""

import time

import numpy as np
import pytest
import streamlit as st

from classroom import ClassStore
from testkit.apptest import canvas_drawing
from testkit.lesson import TAB, go_to, labels, page, press, teacher_of, words
from testkit.sends import digit
from ui import class_follow, class_lesson


@pytest.fixture
def both_db(url, monkeypatch, dev_models) -> str:
    """The app's class store on SQLite, then on PostgreSQL (conftest's `url`), with the untrained dev models."""
    monkeypatch.setenv("LENET_CLASS_DB", url)
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    return url


def test_students_follow_the_teachers_tab_and_settings_and_get_their_own_back(both_db, monkeypatch):
    code, pin = ClassStore(both_db).new_class(pin="2468")
    student = page(monkeypatch, canvas_drawing(4), **{"class": code}, tab="Layers")
    assert student.session_state[TAB] == "Layers" and "Following the teacher" not in words(student)
    teacher = go_to(teacher_of(monkeypatch, code, pin, canvas_drawing(7)), "Lesion")
    teacher.multiselect(key="lab_lesion_c1").set_value([2]).run()
    press(teacher, "Follow me")
    assert "students follow you" in words(teacher) and "Let go" in labels(teacher)
    lesson = ClassStore(both_db).lesson(code)
    assert (lesson.mode, lesson.tab, lesson.settings["lab_lesion_c1"]) == ("follow", "Lesion", [2])
    student.run()  # the student's poll saw a new version
    assert student.session_state[TAB] == "Lesion" and student.session_state["lab_lesion_c1"] == [2]
    assert "Following the teacher" in words(student) and not student.exception
    go_to(teacher, "Invariance").slider(key="lab_inv_rotate").set_value(30.0).run()
    assert ClassStore(both_db).lesson(code).tab == "Invariance"
    student.run()
    assert student.session_state[TAB] == "Invariance" and student.session_state["lab_inv_rotate"] == 30.0
    press(teacher, "Let go")
    student.run()
    assert student.session_state[TAB] == "Layers" and "lab_lesion_c1" not in student.session_state
    assert "lab_inv_rotate" not in student.session_state and "Following the teacher" not in words(student)
    assert not student.exception


def test_a_pushed_digit_becomes_every_students_digit_until_the_teacher_stops(db, monkeypatch):
    code, pin = ClassStore(db).new_class(pin="2468")
    teacher = teacher_of(monkeypatch, code, pin, canvas_drawing(7))
    go_to(teacher, "Prediction")
    press(teacher, "Follow me")
    press(teacher, "Show everyone this digit")
    pushed = ClassStore(db).lesson(code).push
    assert pushed is not None and pushed.caption == "the teacher's drawing" and pushed.pixels.max() > 200
    student = page(monkeypatch, canvas_drawing(1), **{"class": code})  # joins late: lands on the class's digit
    assert "Every tab reads this digit" in words(student) and "digit the teacher chose" in words(student)
    assert student.session_state[TAB] == "Prediction" and not student.exception
    assert "Send to class" in labels(student)  # the student's own panel is still there...
    press(student, "Send to class")
    assert ClassStore(db).drawings(code) == []  # ...but the teacher's digit is not theirs to send
    press(teacher, "Stop showing it")
    student.run()
    assert "Every tab reads this digit" not in words(student) and "Following the teacher" in words(student)


def test_a_wall_drawing_is_pushed_by_its_id_and_leaves_when_hidden(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    sent = store.add_drawing(code, "student-token", 7, 1, 0.6, digit(7))
    teacher = teacher_of(monkeypatch, code, pin)
    teacher.number_input(key="class_pick").set_value(sent.id).run()
    press(teacher, "Open in every tab")
    go_to(teacher, "Layers")
    press(teacher, "Follow me")
    press(teacher, "Show everyone this digit")
    lesson = store.lesson(code)
    assert lesson.push is not None and lesson.push.drawing == sent.id and np.array_equal(lesson.push.pixels, digit(7))
    student = page(monkeypatch, None, **{"class": code})
    assert "Every tab reads this digit" in words(student) and student.session_state[TAB] == "Layers"
    store.hide(code, sent.id)  # (a new version: the student's poll would run the page again)
    time.sleep(class_lesson.CACHE_S)  # the server's read of the lesson is this old at most
    student.run()
    assert "Every tab reads this digit" not in words(student) and not student.exception


def test_pause_shows_eyes_on_the_board_until_resume(db, monkeypatch):
    code, pin = ClassStore(db).new_class(pin="2468")
    student = page(monkeypatch, canvas_drawing(4), **{"class": code})
    teacher = teacher_of(monkeypatch, code, pin)
    press(teacher, "Pause screens")
    assert "Resume" in labels(teacher) and "Eyes on the board" in words(teacher)
    student.run()
    assert "Eyes on the board" in words(student) and not student.exception
    reloaded = page(monkeypatch, canvas_drawing(4), **{"class": code})  # a reload lands on the pause too
    assert "Eyes on the board" in words(reloaded)
    press(teacher, "Resume")  # paused from a free class: free again
    student.run()
    assert "Eyes on the board" not in words(student) and ClassStore(db).lesson(code).mode == "free"
    assert student.metric[0].label == "Prediction"


def test_a_student_page_reloaded_mid_lesson_lands_on_the_class_tab(db, monkeypatch):
    code, pin = ClassStore(db).new_class(pin="2468")
    teacher = go_to(teacher_of(monkeypatch, code, pin), "C3 wiring")
    press(teacher, "Follow me")
    reloaded = page(monkeypatch, None, **{"class": code}, tab="Weights")  # its link still says its old tab
    assert reloaded.session_state[TAB] == "C3 wiring" and "Following the teacher" in words(reloaded)


def test_a_setting_applied_by_a_run_cut_short_still_reaches_the_students_widget(db, monkeypatch):
    """Streamlit tells the browser a widget's new value only in the run that wrote it. A CI run: the push that
    applied "Follow me" was cut short before Lesion's widgets were drawn, the next run drew the silence box
    at the browser's value (none) while the network ran with C1·2 silenced. The settings are written again
    until a run is drawn to its end, so the box is sent with the teacher's value (`set_value`)."""
    code, pin = ClassStore(db).new_class(pin="2468")
    student = go_to(page(monkeypatch, canvas_drawing(4), **{"class": code}), "Lesion")
    assert student.multiselect(key="lab_lesion_c1").value == []  # the page drew the box once: Streamlit knows it
    teacher = go_to(teacher_of(monkeypatch, code, pin, canvas_drawing(7)), "Lesion")
    teacher.multiselect(key="lab_lesion_c1").set_value([2]).run()
    press(teacher, "Follow me")
    banner, cut = class_follow._banner, []

    def cut_short(lesson) -> None:  # the run that applies the lesson stops here, before any tab is drawn
        if not cut:
            cut.append(lesson.version)
            st.stop()
        banner(lesson)

    monkeypatch.setattr(class_follow, "_banner", cut_short)
    student.run()
    assert cut and not [box for box in student.multiselect if box.key == "lab_lesion_c1"]  # stopped before it
    student.run()
    box = student.multiselect(key="lab_lesion_c1")
    assert box.value == [2] and box.proto.set_value, "the browser would keep showing no silenced map"
    student.run()  # drawn to its end once: the student's own changes are theirs again (nothing written anew)
    assert not student.multiselect(key="lab_lesion_c1").proto.set_value and not student.exception
