"""The lesson state in the class store (issue 25), on SQLite and PostgreSQL: every change bumps the version,
fields not given are kept, bad values are refused in words, a pushed wall drawing is read by id (and leaves
when it is hidden or deleted), and the lesson is erased with its class."""

import numpy as np
import pytest
from sqlalchemy import text

from classroom import BadLesson, ClassStore, Push, UnknownClass, migrations
from classroom.engine import make_engine
from classroom.lesson import FOLLOW, FREE, PAUSED
from testkit.sends import digit


def test_a_class_never_led_is_free_and_every_change_bumps_the_version(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    assert store.lesson(code).mode == FREE and store.lesson(code).version == 0
    led = store.lead(code, mode=FOLLOW, tab="Lesion", settings={"lab_lesion_c1": [2]})
    assert (led.mode, led.tab, led.settings, led.version) == (FOLLOW, "Lesion", {"lab_lesion_c1": [2]}, 1)
    paused = store.lead(code.lower(), mode=PAUSED)  # codes are case-insensitive, as when joining
    assert (paused.mode, paused.tab, paused.settings, paused.version) == (PAUSED, "Lesion", {"lab_lesion_c1": [2]}, 2)
    stepped = store.lead(code, step=3, tab="Layers")
    assert (stepped.mode, stepped.step, stepped.tab, stepped.version) == (PAUSED, 3, "Layers", 3)
    assert store.lesson(code) == stepped
    other, _ = store.new_class()
    assert store.lesson(other).version == 0  # one row per class


def test_a_pushed_digit_and_a_pushed_wall_drawing_reach_the_students(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    four = digit(4)
    pushed = store.lead(code, mode=FOLLOW, push=Push("the teacher's drawing", pixels=four)).push
    assert pushed is not None and pushed.caption == "the teacher's drawing"
    assert pushed.pixels is not None and np.array_equal(pushed.pixels, four)
    sent = store.add_drawing(code, "student-token", 7, 1, 0.6, digit(7))
    store.lead(code, push=Push(f"Class drawing #{sent.id}", drawing=sent.id))
    shown = store.lesson(code).push
    assert shown is not None and shown.drawing == sent.id and np.array_equal(shown.pixels, digit(7))
    version = store.lesson(code).version
    store.hide(code, sent.id)
    hidden = store.lesson(code)
    assert hidden.push is None and hidden.version == version + 1  # off every screen at the students' next poll
    store.hide(code, sent.id, hidden=False)
    assert store.lesson(code).push is not None and store.lesson(code).version == version + 2
    other = store.add_drawing(code, "student-token", 3, 3, 0.9, digit(3))
    store.hide(code, other.id)
    assert store.lesson(code).version == version + 2  # not the pushed drawing: the students' pages stay
    store.delete(code, sent.id)
    assert store.lesson(code).push is None and store.lesson(code).version == version + 3
    assert store.lead(code, push=None).push is None


def test_bad_lesson_values_are_refused_in_words(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    other, _ = store.new_class()
    theirs = store.add_drawing(other, "student-token", 3, 3, 0.9, digit(3))
    with pytest.raises(BadLesson, match="one of free, follow, paused"):
        store.lead(code, mode="dance")
    with pytest.raises(BadLesson, match="no drawing"):
        store.lead(code, push=Push("not ours", drawing=theirs.id))  # another class's drawing
    with pytest.raises(BadLesson, match="too large"):
        store.lead(code, settings={"lab_lesion_c1": list(range(2000))})
    with pytest.raises(BadLesson, match="cannot be shared"):
        store.lead(code, settings={"x": object()})
    with pytest.raises(BadLesson, match="step"):
        store.lead(code, step=-1)
    with pytest.raises(UnknownClass):
        store.lead("FORGED12", mode=FOLLOW)
    assert store.lesson(code).version == 0  # nothing half-written


def test_the_lesson_is_erased_with_its_class(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    store.lead(code, mode=FOLLOW, tab="Lesion", push=Push("the teacher's drawing", pixels=digit(4)))
    store.erase_class(code)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM lessons")).scalar_one() == 0
    assert store.lesson(code).version == 0


def test_a_database_of_the_previous_release_gets_the_lesson_table(url):
    engine = make_engine(url)
    with engine.begin() as conn:
        migrations.upgrade(conn, "0002")
    engine.dispose()
    store = ClassStore(url)  # opening it upgrades it
    code, _ = store.new_class()
    assert store.lead(code, mode=FOLLOW).version == 1
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
