"""The class store on SQLite and on a real PostgreSQL: classes, PINs, sends, moderation, concurrency."""

import threading
from datetime import timedelta

import numpy as np
import pytest

from classroom import (
    BadDrawing,
    ClassExpired,
    ClassFull,
    ClassStore,
    PinLocked,
    RateLimited,
    StoreUnavailable,
    UnknownClass,
    WrongPin,
    class_dataset,
    store,
)
from testkit.sends import digit, send


def test_a_class_keeps_its_pin_hashed_and_checks_it(url):
    s = ClassStore(url)
    code, pin = s.new_class()
    assert len(pin) == 6 and pin.isdigit()
    s.check_pin(code, pin)
    s.check_pin(code.lower(), pin)  # typed in lower case
    with pytest.raises(WrongPin, match="Wrong PIN"):
        s.check_pin(code, "not-it")
    with s.engine.connect() as conn:  # the PIN itself is nowhere in the database
        row = conn.exec_driver_sql("SELECT pin_hash, pin_salt FROM classes").one()
    assert pin.encode() not in bytes(row.pin_hash) + bytes(row.pin_salt)


def test_repeated_wrong_pins_lock_the_class_even_for_the_right_pin(url):
    s = ClassStore(url)
    code, _ = s.new_class(pin="correct horse")
    for _ in range(store.PIN_BUDGET):  # from any browsers; each browser is also held to 5 (ui/class_authority.py)
        with pytest.raises(WrongPin):
            s.check_pin(code, "wrong")
    with pytest.raises(PinLocked, match="Too many wrong PINs"):
        s.check_pin(code, "correct horse")


def test_a_chosen_pin_must_be_usable(url):
    with pytest.raises(WrongPin, match="4 to 32"):
        ClassStore(url).new_class(pin="12")


def test_forged_and_expired_codes_are_refused_in_words(url):
    s = ClassStore(url)
    with pytest.raises(UnknownClass, match="no class with the code"):
        s.find_class("ABCDEFGH")
    with pytest.raises(UnknownClass):
        s.find_class("'; DROP TABLE classes; --")
    old, _ = s.new_class(ttl=timedelta(seconds=-1))
    with pytest.raises(ClassExpired, match="has ended"):
        s.find_class(old)
    with pytest.raises(ClassExpired):
        send(s, old, "t", 1)


def test_expired_classes_are_erased_with_their_drawings(url):
    s = ClassStore(url)
    old, _ = s.new_class(ttl=timedelta(seconds=-1))
    live, _ = s.new_class()
    with s._write() as conn:  # a drawing sent before the class expired
        conn.execute(
            store.DRAWINGS.insert().values(
                class_code=old,
                send_id="x",
                student="s",
                meant=1,
                answered=1,
                confidence=1.0,
                created_at=store.utc_now(),
                pixels=digit(1).tobytes(),
                hidden=False,
            )
        )
    send(s, live, "t", 2)
    assert s.erase_expired() == [old]
    assert [c.code for c in s.list_classes()] == [live] and len(s.drawings(live)) == 1
    assert s.drawings(old) == []


def test_a_second_click_adds_nothing(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    first, second = send(s, code, "tok", 1), send(s, code, "tok", 1)
    assert first.new and not second.new and first.id == second.id
    assert len(s.drawings(code)) == 1
    assert send(s, code, "tok", 1, meant=7).new  # the same drawing with another label is a new send


@pytest.mark.parametrize(
    "bad",
    [
        {"meant": 10},
        {"meant": -1},
        {"meant": "7"},
        {"meant": True},
        {"meant": None},
        {"meant": 4.0},
        {"digit28": np.zeros((28, 28), np.uint8)},
        {"digit28": np.zeros((32, 32), np.uint8)},
        {"confidence": float("nan")},
        {"answered": 11},
    ],
)
def test_bad_sends_are_refused_and_nothing_is_written(url, bad):
    s = ClassStore(url)
    code, _ = s.new_class()
    values = {"meant": 4, "answered": 4, "confidence": 0.9, "digit28": digit(1)} | bad
    with pytest.raises(BadDrawing):
        s.add_drawing(code, "tok", **values)
    assert s.drawings(code) == []


def test_rate_limit_per_session_and_cap_per_class(url, monkeypatch):
    s = ClassStore(url)
    code, _ = s.new_class()
    for i in range(store.MAX_PER_MINUTE):
        send(s, code, "busy", i)
    with pytest.raises(RateLimited, match="wait"):
        send(s, code, "busy", 999)
    send(s, code, "calm", 999)  # another student is not slowed down
    monkeypatch.setattr(store, "MAX_PER_CLASS", store.MAX_PER_MINUTE + 1)
    with pytest.raises(ClassFull, match="full"):
        send(s, code, "late", 1000)
    assert len(s.drawings(code)) == store.MAX_PER_MINUTE + 1


def test_students_see_and_delete_only_their_own(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    mine, theirs = send(s, code, "me", 1, alias=" Ann\x00 "), send(s, code, "you", 2)
    assert [d.id for d in s.own_drawings(code, "me")] == [mine.id]
    assert s.own_drawings(code, "me")[0].alias == "Ann"
    assert not s.delete_own(code, "me", theirs.id)
    assert s.delete_own(code, "me", mine.id)
    assert [d.id for d in s.drawings(code)] == [theirs.id]


def test_teacher_hides_deletes_and_erases(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    other, _ = s.new_class()
    a, b, c = (send(s, code, "t", i).id for i in range(3))
    send(s, other, "t", 9)
    assert s.hide(code, a) and not s.hide(other, b)  # a drawing of another class is out of reach
    assert [d.id for d in s.drawings(code, include_hidden=False)] == [b, c]
    assert s.delete(code, b)
    assert [d.id for d in s.drawings(code)] == [a, c]
    assert s.erase_class(code) == 2
    with pytest.raises(UnknownClass):
        s.find_class(code)
    assert s.drawings(code) == [] and len(s.drawings(other)) == 1
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM drawings").scalar_one() == 1


def test_the_class_survives_a_restart(url):
    code, pin = ClassStore(url).new_class()
    send(ClassStore(url), code, "t", 3, meant=3, answered=5)
    again = ClassStore(url)
    again.check_pin(code, pin)
    (d,) = again.drawings(code)
    assert (d.meant, d.answered, d.fooled) == (3, 5, True)
    np.testing.assert_array_equal(d.pixels, digit(3))


def test_many_threads_sending_at_once_lose_nothing_and_double_nothing(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    students, each = 24, 4
    errors: list[Exception] = []

    def student(k: int) -> None:
        try:
            for i in range(each):
                seed = k * each + i
                send(s, code, f"student{k}", seed, meant=seed % 10)
                send(s, code, f"student{k}", seed, meant=seed % 10)  # the double click
        except Exception as err:  # noqa: BLE001  (collected and asserted below)
            errors.append(err)

    threads = [threading.Thread(target=student, args=(k,)) for k in range(students)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    drawn = s.drawings(code)
    assert len(drawn) == students * each == len({d.id for d in drawn})
    sent = {digit(seed).tobytes() for seed in range(students * each)}
    assert {d.pixels.tobytes() for d in drawn} == sent  # every drawing reads back whole
    x, y, who = class_dataset(code, s)
    assert x.shape == (students * each, 28, 28) and x.dtype == np.uint8
    assert sorted(y.tolist()) == sorted(seed % 10 for seed in range(students * each))
    assert len(set(who.tolist())) == students


def test_an_unreachable_database_is_reported_in_plain_words(tmp_path):
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        ClassStore("postgresql+psycopg://nobody@127.0.0.1:9/none")
    (tmp_path / "not_a_db").write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreUnavailable):
        ClassStore(f"sqlite:///{tmp_path / 'not_a_db'}")
