"""The challenges and answers tables (issue 25): pose, close, read, answer. No Streamlit here: the store
(classroom/store.py) calls these inside its transactions, after checking the class is live."""

import json

from sqlalchemy import Table, and_, delete, insert, select, update

from classroom import validate
from classroom.challenge import CHOICE, MAX_CHALLENGES, Answer, Challenge, Tally, checked
from classroom.errors import BadChallenge
from classroom.records import as_utc, to_pixels
from classroom.schema import AnswerRow, ChallengeRow
from lenet.text import N_

CHALLENGES: Table = ChallengeRow.__table__  # type: ignore[assignment]
ANSWERS: Table = AnswerRow.__table__  # type: ignore[assignment]


def pose(conn, code: str, spec: Challenge, now) -> int:
    """Close the class's open challenge and store `spec` (checked) as the new one; returns its id."""
    spec = checked(spec)
    posed = conn.execute(select(CHALLENGES.c.id).where(CHALLENGES.c.class_code == code)).all()
    if len(posed) >= MAX_CHALLENGES:
        raise BadChallenge(
            N_("Class {code} has had {n} challenges: start a new class for more."), code=code, n=MAX_CHALLENGES
        )
    close(conn, code, now)
    values = {
        "class_code": code,
        "kind": spec.kind,
        "prompt": spec.prompt,
        "target": spec.target,
        "wanted": spec.wanted,
        "choices": json.dumps(list(spec.choices), ensure_ascii=False),
        "correct": spec.correct,
        "created_at": now,
    }
    return conn.execute(insert(CHALLENGES).values(**values).returning(CHALLENGES.c.id)).scalar_one()


def close(conn, code: str, now) -> None:
    """Close the class's open challenge (if any): its answers stay, no new ones are taken."""
    still_open = and_(CHALLENGES.c.class_code == code, CHALLENGES.c.closed_at.is_(None))
    conn.execute(update(CHALLENGES).where(still_open).values(closed_at=now))


def read(conn, code: str, challenge_id: int | None) -> Challenge | None:
    """The class's challenge `challenge_id`, or None (none, or another class's)."""
    if challenge_id is None:
        return None
    mine = and_(CHALLENGES.c.id == int(challenge_id), CHALLENGES.c.class_code == code)
    row = conn.execute(select(CHALLENGES).where(mine)).first()
    return None if row is None else _challenge(row)


def _challenge(row) -> Challenge:
    closed = row.closed_at is not None
    choices = tuple(json.loads(row.choices))
    return Challenge(row.kind, row.prompt, row.target, row.wanted, choices, row.correct, row.id, closed)


def last(conn, code: str) -> int | None:
    """The id of the class's newest challenge (open or closed), or None."""
    newest = select(CHALLENGES.c.id).where(CHALLENGES.c.class_code == code).order_by(CHALLENGES.c.id.desc())
    return conn.execute(newest.limit(1)).scalar()


def posed(conn, code: str) -> dict[int, Challenge]:
    """Every challenge of the class, by id."""
    rows = conn.execute(select(CHALLENGES).where(CHALLENGES.c.class_code == code)).all()
    return {row.id: _challenge(row) for row in rows}


def answer(conn, code: str, student: str, challenge_id: int, now, **given) -> tuple[int, bool]:
    """Store a student's answer to the class's open challenge, replacing their earlier one: (id, new?).
    `given`: alias, and meant, label, confidence, digit28 (a drawn answer) or choice."""
    challenge = read(conn, code, challenge_id)
    if challenge is None:
        raise BadChallenge(N_("This challenge is not in your class any more: wait for the teacher's next one."))
    if challenge.closed:
        raise BadChallenge(N_("The teacher closed this challenge: wait for the next one."))
    values = {"alias": validate.alias(given.get("alias")), "created_at": now, **_answer_values(challenge, given)}
    mine = and_(ANSWERS.c.challenge_id == challenge.id, ANSWERS.c.student == student)
    old = conn.execute(select(ANSWERS.c.id).where(mine)).first()
    if old is not None:  # one answer per student: a resend replaces it
        conn.execute(update(ANSWERS).where(ANSWERS.c.id == old.id).values(**values))
        return old.id, False
    row = {**values, "challenge_id": challenge.id, "class_code": code, "student": student}
    return conn.execute(insert(ANSWERS).values(**row).returning(ANSWERS.c.id)).scalar_one(), True


def _answer_values(challenge: Challenge, given: dict) -> dict:
    """The checked columns of an answer: the choice, or the drawing with what was meant and LeNet-5's answer."""
    empty = {"meant": None, "choice": None, "label": None, "confidence": None, "pixels": None}
    if challenge.kind == CHOICE:
        choice = given.get("choice")
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(challenge.choices):
            raise BadChallenge(N_("Choose one of the answers first."))
        return {**empty, "choice": choice}
    meant = challenge.target if challenge.target is not None else given.get("meant")
    if meant is None:
        raise BadChallenge(N_("Choose which digit you meant (0–9) before answering."))
    return {
        **empty,
        "meant": validate.digit_label(meant),
        "label": validate.digit_label(given.get("label"), N_("LeNet-5's answer")),
        "confidence": validate.probability(given.get("confidence")),
        "pixels": validate.digit_pixels(given.get("digit28")),
    }


def tally(conn, code: str, challenge_id: int | None) -> Tally | None:
    """The challenge's answers, oldest first, with its tally; None if it is not the class's."""
    challenge = read(conn, code, challenge_id)
    if challenge is None:
        return None
    return Tally(challenge, answers(conn, code, ANSWERS.c.challenge_id == challenge.id))


def answers(conn, code: str, condition=None) -> list[Answer]:
    """The class's answers (all its challenges unless `condition`), oldest first."""
    query = select(ANSWERS).where(ANSWERS.c.class_code == code).order_by(ANSWERS.c.id)
    rows = conn.execute(query if condition is None else query.where(condition)).all()
    return [_answer(r) for r in rows]


def _answer(r) -> Answer:
    pixels = None if r.pixels is None else to_pixels(r.pixels)
    given = (r.meant, r.choice, r.label, r.confidence)
    return Answer(r.id, r.student, r.alias, *given, pixels, as_utc(r.created_at), r.challenge_id)


def erase(conn, codes: list[str]) -> None:
    """The classes' answers and challenges (before the classes themselves)."""
    conn.execute(delete(ANSWERS).where(ANSWERS.c.class_code.in_(codes)))
    conn.execute(delete(CHALLENGES).where(CHALLENGES.c.class_code.in_(codes)))
