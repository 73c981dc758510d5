"""A resend lands once: the same drawing with the same label in the same class is one drawing, whichever
browser session sends it (a reload or a crashed server gives the student a new session token)."""

from classroom import ClassStore, security, store
from testkit.sends import digit, send


def test_a_resend_from_a_new_session_lands_once_and_becomes_theirs(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    first = send(s, code, "before-the-crash", 1)
    again = send(s, code, "after-the-reload", 1)
    assert not again.new and again.id == first.id and len(s.drawings(code)) == 1
    assert [d.id for d in s.own_drawings(code, "after-the-reload")] == [first.id]  # they can delete it now
    assert s.own_drawings(code, "before-the-crash") == []
    assert not send(s, code, "after-the-reload", 1).new  # the double click still adds nothing
    assert send(s, code, "after-the-reload", 1, meant=7).new  # another label is another drawing
    other, _ = s.new_class()
    assert send(s, other, "after-the-reload", 1).new  # and so is another class


def test_a_drawing_stored_with_the_old_send_id_is_still_found(url):
    s = ClassStore(url)
    code, _ = s.new_class()
    student = security.token_hash("tok")
    pixels = digit(5).tobytes()
    with s._write() as conn:  # a row as the previous release wrote it: its send_id included the session
        conn.execute(
            store.DRAWINGS.insert().values(
                class_code=code,
                send_id=security.token_hash(f"{student}:4:{pixels.hex()}"),
                student=student,
                meant=4,
                answered=4,
                confidence=0.9,
                created_at=store.utc_now(),
                pixels=pixels,
                hidden=False,
            )
        )
    assert not send(s, code, "tok", 5).new and len(s.drawings(code)) == 1
