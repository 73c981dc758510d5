"""The teacher's authority (issue 20): a student's device cannot start a class, train while a class runs,
lock the teacher out with wrong PINs, guess codes quickly, or put markup on a page through a link.

AppTest sessions have no network peer, which Streamlit reports as localhost: the `remote` fixture makes
them a student's device on the network (st.context.ip_address)."""

import pytest

from classroom import ClassStore, PinLocked, WrongPin
from classroom import store as store_module
from classroom.errors import ClassFull
from testkit.apptest import canvas_drawing, run_app_test, words

START = "Start a class"
EVIL = "**bold** [link](http://evil.example/x) ![x](http://evil.example/t.gif) $x^2$ :red[red]"


def everything(at) -> str:
    kinds = (at.success, at.info, at.warning, at.error, at.markdown, at.caption)
    return " ".join(str(e.value) for kind in kinds for e in kind)


def open_wall(at, code: str, pin: str):
    at.text_input(key="class_unlock_code").input(code)
    at.text_input(key="class_unlock_pin").input(pin)
    return next(b for b in at.button if b.label == "Open the wall").click().run()


def test_a_students_device_cannot_start_a_class_or_train_while_one_runs(db, monkeypatch, remote):
    ClassStore(db).new_class(pin="2468")
    at = run_app_test(monkeypatch, None, tab="Class")
    assert not at.exception and START not in [b.label for b in at.button]
    assert "started on the computer that runs the app" in words(at)
    at = run_app_test(monkeypatch, None, tab="Watch it learn")
    assert at.button(key="learn_start").disabled and at.button(key="learn_cancel").disabled
    assert len(ClassStore(db).list_classes()) == 1


def test_a_students_page_cannot_start_a_class_even_on_the_teachers_computer(db, monkeypatch):
    code, _ = ClassStore(db).new_class()
    at = run_app_test(monkeypatch, None, tab="Class", **{"class": code})
    assert not at.exception and START not in [b.label for b in at.button]
    assert "student's page" in words(at)


def test_the_servers_teacher_pin_lets_a_remote_teacher_start(db, monkeypatch, remote):
    monkeypatch.setenv("LENET_TEACHER_PIN", "correct horse")
    at = run_app_test(monkeypatch, None, tab="Class")
    at.text_input(key="class_server_pin").input("wrong horse")
    next(b for b in at.button if b.label == START).click().run()
    assert "Wrong teacher PIN" in words(at) and ClassStore(db).list_classes() == []
    at.text_input(key="class_server_pin").input("correct horse")
    next(b for b in at.button if b.label == START).click().run()
    (info,) = ClassStore(db).list_classes()
    assert at.session_state["class_teacher_code"] == info.code and not at.exception


def test_wrong_pins_lock_the_guessing_browser_not_the_teacher(db, monkeypatch, remote):
    code, pin = ClassStore(db).new_class(pin="4321")
    guesser = run_app_test(monkeypatch, None, tab="Class")
    for wrong in range(5):
        open_wall(guesser, code, f"{wrong:04d}")
        assert "Wrong PIN" in words(guesser)
    open_wall(guesser, code, pin)  # even the right PIN waits now, in this browser
    assert "Too many wrong PINs from this browser" in words(guesser)
    assert "class_teacher_code" not in guesser.session_state
    teacher = run_app_test(monkeypatch, None, tab="Class")  # another device: not locked by the guesser
    open_wall(teacher, code, pin)
    assert teacher.session_state["class_teacher_code"] == code and not teacher.exception


def test_the_class_wide_pin_budget_never_locks_out_the_servers_teacher(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="4321")
    for _ in range(store_module.PIN_BUDGET):
        with pytest.raises(WrongPin):
            store.check_pin(code, "0000")
    with pytest.raises(PinLocked):
        store.check_pin(code, pin)  # a remote browser, even with the right PIN, waits out the lockout
    with pytest.raises(WrongPin):
        store.check_pin(code, "9999", trusted=True)  # the teacher's typo neither counts nor is locked
    store.check_pin(code, pin, trusted=True)
    at = run_app_test(monkeypatch, None, tab="Class")  # the teacher's own computer opens the wall during the lockout
    open_wall(at, code, pin)
    assert at.session_state["class_teacher_code"] == code and not at.exception


def test_unknown_class_codes_are_throttled_per_browser(db, monkeypatch, remote):
    code, _ = ClassStore(db).new_class()
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": "AAAAAAAA"})
    for _ in range(12):  # the same unknown code on every rerun (each stroke) counts once
        at.run()
    assert "no class with the code" in words(at)
    for guess in range(2, 11):
        at.query_params["class"] = f"AAAAAAA{'ABCDEFGHJK'[guess - 1]}"
        at.run()
        assert "no class with the code" in words(at), guess
    at.query_params["class"] = code  # the 11th code in a minute waits, even a right one
    at.run()
    assert "Too many unknown class codes" in words(at) and at.metric[0].label == "Prediction"


def test_markup_in_a_class_link_is_shown_as_plain_bounded_text(db, monkeypatch):
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": EVIL})
    (warning,) = at.warning
    assert "](http" not in warning.value and "\\]\\(http" in warning.value  # escaped: no link, no image
    assert "**bold**" not in warning.value and "$x" not in warning.value
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": "X" * 200_000})
    (warning,) = at.warning
    assert len(warning.value) < 400 and not at.exception


def test_the_new_class_pin_is_not_on_the_projector_until_asked_for(db, monkeypatch):
    at = run_app_test(monkeypatch, None, tab="Class")
    next(b for b in at.button if b.label == START).click().run()
    pin = at.session_state["class_new_pin"]
    assert pin not in everything(at)
    at.toggle(key="class_show_pin").set_value(True).run()
    assert pin in everything(at)


def test_a_store_holds_a_bounded_number_of_live_classes(db, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_LIVE_CLASSES", 3)
    store = ClassStore(db)
    for _ in range(3):
        store.new_class()
    with pytest.raises(ClassFull, match="3 classes are running"):
        store.new_class()
    assert len(store.list_classes()) == 3
