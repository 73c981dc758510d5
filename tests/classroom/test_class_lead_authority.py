"""Only the class's teacher leads the lesson (issue 25): a student's page shows no lead controls and cannot
lead, even with a teacher's code in its session; a remote teacher with the class's PIN can. And the lab
settings a class follows are exactly the three labs' widgets (ui/class_lesson.py LAB_KEYS)."""

import pytest
from streamlit.testing.v1 import AppTest

from classroom import ClassStore
from classroom.lesson import MODES
from testkit.apptest import TIMEOUT_S, canvas_drawing
from testkit.lesson import labels, open_wall, page, press
from ui import class_lead, class_lesson

LEAD = ("Follow me", "Let go", "Pause screens", "Resume", "Show everyone this digit")


def lead_from_this_session() -> None:
    """A page that calls the lead control itself, as a forged click would, and says what happened."""
    import streamlit as st

    from classroom import ClassError
    from ui import class_lead

    try:
        class_lead.lead(st.query_params.get("class") or st.query_params["lead"], mode="follow")
        st.write("led")
    except ClassError as err:
        st.write(f"refused: {err}")


def forged(teaches: str, **query: str) -> str:
    """What the page above says in a session that teaches `teaches`, opened with `query`."""
    at = AppTest.from_function(lead_from_this_session, default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.session_state["class_teacher_code"] = teaches  # as if this session had opened the class's wall
    return str(at.run().markdown[0].value)


def test_a_students_page_cannot_lead_even_with_the_teachers_code_in_its_session(db, monkeypatch, remote):
    code, _ = ClassStore(db).new_class()
    student = page(monkeypatch, canvas_drawing(4), **{"class": code})
    student.session_state["class_teacher_code"] = code
    student.run()
    assert not set(LEAD) & set(labels(student)) and not student.exception
    assert forged(code, **{"class": code}).startswith("refused: Only the class's teacher")
    assert forged("K7QM2XWP", lead=code).startswith("refused")  # teaching another class leads only that one
    assert ClassStore(db).lesson(code).version == 0


def test_a_remote_teacher_with_the_class_pin_leads(db, monkeypatch, remote):
    code, pin = ClassStore(db).new_class(pin="2468")
    outsider = page(monkeypatch, None, tab="Prediction")  # a device on the network that typed no PIN
    assert not set(LEAD) & set(labels(outsider))
    teacher = open_wall(page(monkeypatch, None, tab="Class"), code, pin)
    press(teacher, "Follow me")
    assert ClassStore(db).lesson(code).mode == "follow" and "Let go" in labels(teacher)
    assert forged(code, lead=code) == "led"


@pytest.mark.parametrize("tab", ["Lesion", "Inside one unit", "Invariance"])
def test_the_lab_settings_a_class_follows_are_the_labs_widgets(db, monkeypatch, tab):
    at = page(monkeypatch, canvas_drawing(4), tab=tab)
    widgets = [*at.multiselect, *at.slider, *at.radio]
    keys = [str(w.key) for w in widgets if str(w.key).startswith("lab_")]
    assert keys and all(class_lesson.is_lab_setting(key) for key in keys), keys


def test_the_teachers_bar_has_words_for_every_mode():
    assert set(class_lead.MODE_WORDS) == set(MODES)
