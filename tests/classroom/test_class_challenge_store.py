"""Challenges in the class store (issue 25), on SQLite and PostgreSQL: posing names the challenge in the lesson
(version bumped), one answer per student (a resend replaces it), the tally counts right and fooled answers,
a closed challenge takes no answer, bad values are refused in words, and a database of the previous release
gets the new tables."""

import pytest
from sqlalchemy import text

from classroom import BadChallenge, BadDrawing, Challenge, ClassStore, UnknownClass, migrations
from classroom.challenge import CHOICE, DRAW, FOOL, FOOL_CONFIDENCE, PRESETS, SMALL
from classroom.engine import make_engine
from testkit.sends import digit


def drawn(store, code, token, challenge_id, label, confidence=0.9, meant=None, seed=1, alias=None):
    """Student `token` answers with digit(seed), read by LeNet-5 as `label`."""
    given = {"label": label, "confidence": confidence, "digit28": digit(seed), "alias": alias}
    return store.answer(code, token, challenge_id, meant=meant, **given)


def test_posing_names_the_challenge_in_the_lesson_and_closing_takes_it_off(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    posed = store.pose(code, PRESETS["draw7"])
    assert posed.version == 1 and posed.challenge is not None and posed.challenge.prompt == "Draw a 7"
    assert store.lesson(code).challenge == posed.challenge and not posed.challenge.closed
    again = store.pose(code, PRESETS["c1"])  # one at a time: the first is closed
    assert again.version == 2 and again.challenge is not None and again.challenge.kind == CHOICE
    first = store.tally(code, posed.challenge.id)
    assert first is not None and first.challenge.closed
    closed = store.close_challenge(code)
    assert closed.challenge is None and closed.version == 3
    last = store.tally(code)  # the last one, closed, for the wall
    assert last is not None and last.challenge.id == again.challenge.id and last.challenge.closed
    other, _ = store.new_class()
    assert store.tally(other) is None and store.tally(other, posed.challenge.id) is None  # not theirs


def test_one_answer_per_student_and_the_tally_counts_right_and_fooled(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    challenge = store.pose(code, PRESETS["draw7"]).challenge
    assert challenge is not None and challenge.id is not None
    first = drawn(store, code, "ana", challenge.id, label=1, seed=1)  # fooled: read as 1 with 0.9
    again = drawn(store, code, "ana", challenge.id, label=7, seed=2, alias="Ana")  # a resend replaces it
    assert first.new and not again.new and again.id == first.id
    drawn(store, code, "bo", challenge.id, label=2, confidence=FOOL_CONFIDENCE - 0.01)  # wrong, but not sure
    drawn(store, code, "cy", challenge.id, label=9, confidence=0.95, seed=3)  # fooled
    tally = store.tally(code)
    assert tally is not None and len(tally.answers) == 3
    assert [a.alias for a in tally.right] == ["Ana"] and tally.right[0].label == 7 and tally.right[0].meant == 7
    assert [a.label for a in tally.fooled] == [9] and [a.label for a in tally.best()] == [9]


def test_a_fool_round_a_smallest_digit_and_a_question(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    fool = store.pose(code, PRESETS["fool"]).challenge  # the students say which digit they meant
    assert fool is not None and fool.asks_meant
    with pytest.raises(BadChallenge, match="which digit you meant"):
        drawn(store, code, "ana", fool.id, label=8)
    drawn(store, code, "ana", fool.id, label=8, meant=3, confidence=0.8)
    drawn(store, code, "bo", fool.id, label=5, meant=6, confidence=0.99, seed=2)
    drawn(store, code, "cy", fool.id, label=4, meant=4, seed=3)  # read right: no fool
    tally = store.tally(code)
    assert tally is not None and [(a.meant, a.label) for a in tally.best()] == [(6, 5), (3, 8)]
    assert len(tally.right) == len(tally.fooled) == 2
    small = store.pose(code, Challenge(SMALL, "Draw the smallest 1", target=1)).challenge
    assert small is not None
    big, thin = digit(1), digit(2)
    thin[4:20, 8:22] = 0  # less ink
    store.answer(code, "ana", small.id, label=1, confidence=0.6, digit28=big)
    store.answer(code, "bo", small.id, label=1, confidence=0.6, digit28=thin)
    store.answer(code, "cy", small.id, label=7, confidence=0.6, digit28=thin * 0 + 255)  # not read as 1
    best = store.tally(code).best()  # type: ignore[union-attr]
    assert [a.ink for a in best] == sorted(a.ink for a in best) and len(best) == 2 and best[0].ink < best[1].ink
    question = Challenge(CHOICE, "Which layer is the widest?", choices=("C1", "C3", "F6"), correct=0)
    asked = store.pose(code, question).challenge
    assert asked is not None
    for token, choice in (("ana", 0), ("bo", 2), ("cy", 0)):
        store.answer(code, token, asked.id, choice=choice)
    tally = store.tally(code)
    assert tally is not None and tally.votes() == [2, 0, 1] and len(tally.right) == 2 and tally.fooled == []


def test_bad_challenges_and_answers_are_refused_in_words(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    with pytest.raises(BadChallenge, match="one of draw"):
        store.pose(code, Challenge("dance", "Dance"))
    with pytest.raises(BadChallenge, match="question first"):
        store.pose(code, Challenge(FOOL, " \x00 "))
    with pytest.raises(BadChallenge, match="which digit"):
        store.pose(code, Challenge(DRAW, "Draw something"))
    with pytest.raises(BadChallenge, match="2 to 8 choices"):
        store.pose(code, Challenge(CHOICE, "Yes?", choices=("yes",)))
    with pytest.raises(BadChallenge, match="one of the choices"):
        store.pose(code, Challenge(CHOICE, "Yes?", choices=("yes", "no"), correct=5))
    with pytest.raises(UnknownClass):
        store.pose("FORGED12", PRESETS["draw7"])
    assert store.lesson(code).version == 0  # nothing half-written
    asked = store.pose(code, PRESETS["c1"]).challenge
    assert asked is not None
    with pytest.raises(BadChallenge, match="Choose one"):
        store.answer(code, "ana", asked.id, choice=9)
    drawing = store.pose(code, PRESETS["draw7"]).challenge
    assert drawing is not None
    with pytest.raises(BadChallenge, match="closed"):
        store.answer(code, "ana", asked.id, choice=1)
    with pytest.raises(BadDrawing, match="blank"):
        store.answer(code, "ana", drawing.id, label=7, confidence=0.5, digit28=digit(1) * 0)
    other, _ = store.new_class()
    with pytest.raises(BadChallenge, match="not in your class"):
        store.answer(other, "ana", drawing.id, label=7, confidence=0.5, digit28=digit(1))
    assert store.tally(code) is not None and store.tally(code).answers == []  # type: ignore[union-attr]


def test_a_class_led_before_the_upgrade_keeps_its_lesson_and_takes_challenges(url):
    """A database at revision 0003 with a class following its teacher: upgraded, the lesson is as it was."""
    old = ClassStore(url)
    code, _ = old.new_class()
    led = old.lead(code, mode="follow", tab="Lesion", step=2)
    old.close()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE answers"))
        conn.execute(text("DROP TABLE challenges"))
        conn.execute(text("ALTER TABLE lessons DROP COLUMN challenge"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    engine.dispose()
    store = ClassStore(url)  # opening it upgrades it to the head again
    assert store.lesson(code) == led and led.challenge is None
    posed = store.pose(code, PRESETS["draw7"])
    assert (posed.mode, posed.tab, posed.step, posed.version) == ("follow", "Lesion", 2, led.version + 1)
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head() == "0004"
