"""Class mode in the Streamlit app (AppTest): the student's send and the teacher's wall, on a real SQLite file."""

import numpy as np
from streamlit.testing.v1 import AppTest

from classroom import ClassStore
from testkit.apptest import canvas_drawing, run_app_test, words
from testkit.sends import digit
from ui.plain import plain


def send_button(at: AppTest):
    return next(b for b in at.button if b.label == "Send to class")


def test_student_sends_once_and_deletes_their_own(any_db, monkeypatch):
    db = any_db
    code, _ = ClassStore(db).new_class()
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": code.lower()})
    assert code in words(at) and not at.exception
    send_button(at).click().run()
    assert "Choose which digit you meant" in words(at)
    at.radio(key="class_meant").set_value(4).run()
    send_button(at).click().run()
    assert "Sent as #" in words(at)
    assert at.radio(key="class_meant").value is None  # the next drawing needs its own choice
    send_button(at).click().run()  # the second click
    assert "Already sent" in words(at)
    at.radio(key="class_meant").set_value(4).run()
    send_button(at).click().run()  # chosen again: still only once
    assert "Already sent" in words(at)
    (sent,) = ClassStore(db).drawings(code)
    assert sent.meant == 4 and sent.pixels.dtype == np.uint8 and sent.pixels.max() > 200
    next(b for b in at.button if b.label == "Delete").click().run()
    assert ClassStore(db).drawings(code) == [] and not at.exception


def test_blank_canvas_and_bad_codes_get_messages_and_the_lab_still_works(db, monkeypatch):
    code, _ = ClassStore(db).new_class()
    at = run_app_test(monkeypatch, None, **{"class": code})
    at.radio(key="class_meant").set_value(3).run()
    send_button(at).click().run()
    assert "canvas is blank" in words(at)
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": "FORGED12"})
    assert "no class with the code" in words(at) and at.metric[0].label == "Prediction" and not at.exception
    monkeypatch.setenv("LENET_CLASS_DB", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": code})
    assert "cannot be reached" in words(at) and at.metric[0].label == "Prediction" and not at.exception
    at = run_app_test(monkeypatch, None, tab="Class")  # the teacher's tab says so too
    assert "cannot be reached" in words(at) and not at.exception


def test_teacher_starts_a_class_and_sees_the_wall(db, monkeypatch):
    at = run_app_test(monkeypatch, None, tab="Class")
    next(b for b in at.button if b.label == "Start a class").click().run()
    store = ClassStore(db)
    (info,) = store.list_classes()
    assert any(f"Class **{info.code}** started" in str(m.value) for m in at.markdown)
    pin = at.session_state["class_new_pin"]
    store.check_pin(info.code, pin)
    assert any(plain(f"?class={info.code}") in str(m.value) for m in at.markdown)  # the join link, as plain text
    for seed, (meant, answered) in enumerate([(4, 4), (4, 9), (7, 7)]):
        store.add_drawing(info.code, f"s{seed}", meant, answered, 0.8, digit(seed))
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Drawings"] == "3" and metrics["Class accuracy"] == "67%" and metrics["Hardest digit"] == "4"
    table = at.table[0].value
    assert table.loc["meant 4", "said 9"] == 1 and table.loc["meant 7", "said 7"] == 1 and table.values.sum() == 3
    at.button(key="class_open").click().run()
    assert "Type the number" in words(at)
    newest = max(d.id for d in store.drawings(info.code))
    at.number_input(key="class_pick").set_value(newest + 1).run()
    at.button(key="class_open").click().run()
    assert f"no drawing #{newest + 1}" in words(at)
    at.number_input(key="class_pick").set_value(newest).run()
    at.button(key="class_open").click().run()
    assert at.session_state["source"] == "Class" and not at.exception
    at.button(key="class_hide").click().run()
    assert [d.hidden for d in store.drawings(info.code)] == [False, False, True]
    assert {m.label: m.value for m in at.metric}["Drawings"] == "2"
    assert len(at.download_button) == 3
    at.toggle(key="class_projector").set_value(True).run()  # the projector view: the wall, no tools
    assert {m.label: m.value for m in at.metric}["Drawings"] == "2" and not at.download_button
    assert not [b for b in at.button if b.label in ("Delete", "End class and erase")]
    at.toggle(key="class_projector").set_value(False).run()
    first = min(d.id for d in store.drawings(info.code))
    at.number_input(key="class_pick").set_value(first).run()
    at.button(key="class_delete").click().run()  # Delete asks first: it erases a child's drawing for good
    assert f"Delete drawing #{first} for good?" in words(at) and len(store.drawings(info.code)) == 3
    at.button(key="class_delete_keep").click().run()
    assert len(store.drawings(info.code)) == 3 and "for good?" not in words(at)
    at.button(key="class_delete").click().run()
    at.button(key="class_delete_yes").click().run()
    assert f"Drawing #{first} deleted." in words(at) and len(store.drawings(info.code)) == 2
    at.checkbox(key="class_erase_sure").check().run()
    next(b for b in at.button if b.label == "End class and erase").click().run()
    assert store.list_classes() == [] and not at.exception
    assert f"Class {info.code} ended: 2 drawing(s) erased." in words(at)


def test_teacher_unlocks_a_running_class_with_its_pin(db, monkeypatch):
    code, pin = ClassStore(db).new_class(pin="9876")
    at = run_app_test(monkeypatch, None, tab="Class")
    at.text_input(key="class_unlock_code").input(code)
    at.text_input(key="class_unlock_pin").input("1111")
    next(b for b in at.button if b.label == "Open the wall").click().run()
    assert "Wrong PIN" in words(at)
    at.text_input(key="class_unlock_pin").input(pin)
    next(b for b in at.button if b.label == "Open the wall").click().run()
    assert at.session_state["class_teacher_code"] == code and "No drawings yet" in words(at)
