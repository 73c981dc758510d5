"""ClassStore: the one narrow interface to the class database (SQLite or PostgreSQL, same code).

Every method is one transaction (classroom.database): it happens whole or not at all. Methods raise
ClassError subclasses with messages for people; StoreUnavailable when the database cannot be reached.
"""

from datetime import timedelta

import numpy as np
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from classroom import challenge_rows, lesson, scrub, security, validate
from classroom.challenge import Answer, Challenge, Tally
from classroom.database import Database
from classroom.engine import database_url
from classroom.errors import (
    ClassExpired,
    ClassFull,
    EraseIncomplete,
    PinLocked,
    RateLimited,
    StoreUnavailable,
    UnknownClass,
    WrongPin,
)
from classroom.lesson import Lesson
from classroom.records import ClassInfo, Drawing, Sent, as_utc, student_numbers, to_pixels, utc_now
from classroom.schema import ClassRow, DrawingRow
from lenet.text import N_

CLASSES: Table = ClassRow.__table__  # type: ignore[assignment]
DRAWINGS: Table = DrawingRow.__table__  # type: ignore[assignment]
DEFAULT_TTL = timedelta(hours=24)
MAX_PER_MINUTE = 20  # sends per browser session per minute
MAX_PER_CLASS = 2000  # drawings per class: 40 students x 50 drawings
MAX_LIVE_CLASSES = 50  # unexpired classes in one store: a runaway script cannot fill the database
# A class's PIN (6 digits: 10^6) may be tried wrong PIN_BUDGET times in all, from any browser, before the
# class's wall refuses PINs for PIN_LOCKOUT: at most ~480 guesses over a 24-hour class, odds ~5e-4.
# Each browser session is also held to a few wrong PINs (ui/class_authority.py), and the server's
# teacher is never locked out, so a student who spends the budget locks out nobody who teaches.
PIN_BUDGET = 20
PIN_LOCKOUT = timedelta(hours=1)


class ClassStore:
    """Classes and their drawings in the database at `url` (default: $LENET_CLASS_DB or data/classes.db)."""

    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        self.db = Database(self.url)  # the engine, the transactions, database errors in plain words

    @property
    def engine(self):
        return self.db.engine

    def close(self) -> None:
        """Close the pooled connections."""
        self.db.close()

    def _write(self):
        """A write transaction (classroom.database)."""
        return self.db.write()

    def _read(self):
        return self.db.read()

    # ---- classes --------------------------------------------------------------------------------

    def new_class(self, pin: str | None = None, ttl: timedelta = DEFAULT_TTL) -> tuple[str, str]:
        """A new class: (code, PIN). The PIN is generated unless chosen; only its hash is stored."""
        pin = security.new_pin() if pin is None else pin
        problem = security.pin_problem(pin)
        if problem:
            raise problem
        salt, digest = security.hash_pin(pin)
        now = utc_now()
        live = select(func.count()).where(CLASSES.c.expires_at > now)
        for _ in range(5):  # a clash of random codes is astronomically rare; try again if it happens
            code = security.new_code()
            try:
                with self._write() as conn:
                    if conn.execute(live).scalar_one() >= MAX_LIVE_CLASSES:
                        raise ClassFull(
                            N_(
                                "{n} classes are running on this server: end one first "
                                "(End class and erase, or `python -m lenet class erase CODE`)."
                            ),
                            n=MAX_LIVE_CLASSES,
                        )
                    conn.execute(
                        insert(CLASSES).values(
                            code=code,
                            pin_salt=salt,
                            pin_hash=digest,
                            created_at=now,
                            expires_at=now + ttl,
                            failed_pins=0,
                        )
                    )
                return code, pin
            except IntegrityError:
                continue
        raise StoreUnavailable("no free class code found")

    def find_class(self, code: str) -> ClassInfo:
        """The live class with this code; UnknownClass or ClassExpired otherwise."""
        with self._read() as conn:
            return self._live(conn, code)

    def _live(self, conn, code: str, lock: bool = False) -> ClassInfo:
        clean = security.normalise_code(code)
        query = select(CLASSES).where(CLASSES.c.code == clean)
        row = conn.execute(query.with_for_update() if lock else query).first() if clean else None
        if row is None:
            raise UnknownClass(
                N_("There is no class with the code “{code}”. Check the link or ask your teacher."),
                code=security.shown(code),
            )
        info = ClassInfo(row.code, as_utc(row.created_at), as_utc(row.expires_at))
        if info.expired:
            raise ClassExpired(
                N_("Class {code} has ended (its code expired). Ask your teacher for a new one."), code=row.code
            )
        return info

    def check_pin(self, code: str, pin: str, trusted: bool = False) -> None:
        """Nothing if `pin` is the class's teacher PIN; WrongPin or PinLocked otherwise.

        Wrong PINs count against the class's budget (PIN_BUDGET, then PIN_LOCKOUT) unless `trusted`:
        the server's own teacher is neither counted nor locked out.
        """
        with self._write() as conn:
            info = self._live(conn, code, lock=True)
            row = conn.execute(select(CLASSES).where(CLASSES.c.code == info.code)).one()
            now = utc_now()
            locked = row.locked_until is not None and as_utc(row.locked_until) > now
            if locked and not trusted:
                minutes = max(1, round((as_utc(row.locked_until) - now).total_seconds() / 60))
                raise PinLocked(
                    N_(
                        "Too many wrong PINs for class {code}: it takes no PIN for {minutes} more minute(s). "
                        "Its teacher can still open the wall from the computer that runs the app."
                    ),
                    code=info.code,
                    minutes=minutes,
                )
            ok = security.pin_matches(str(pin), row.pin_salt, row.pin_hash)
            if not ok and not trusted:  # a right PIN does not refill the budget: only the lockout does
                failed = (0 if row.locked_until is not None and not locked else row.failed_pins) + 1
                conn.execute(
                    update(CLASSES)
                    .where(CLASSES.c.code == info.code)
                    .values(
                        failed_pins=failed,
                        locked_until=now + PIN_LOCKOUT if failed >= PIN_BUDGET else None,
                    )
                )
        if not ok:  # raised after the commit, so the failure is counted
            raise WrongPin(N_("Wrong PIN."))

    def list_classes(self) -> list[ClassInfo]:
        """Every class (live and expired) with its number of drawings, newest first."""
        count = select(func.count()).where(DRAWINGS.c.class_code == CLASSES.c.code).scalar_subquery()
        with self._read() as conn:
            rows = conn.execute(select(CLASSES, count.label("n")).order_by(CLASSES.c.created_at.desc())).all()
        return [ClassInfo(r.code, as_utc(r.created_at), as_utc(r.expires_at), r.n) for r in rows]

    def erase_class(self, code: str) -> int:
        """Remove the class and all its drawings (expired or not); returns how many drawings went."""
        clean = security.normalise_code(code)
        with self._write() as conn:
            n = conn.execute(select(func.count()).where(DRAWINGS.c.class_code == clean)).scalar_one()
            challenge_rows.erase(conn, [clean])
            conn.execute(delete(DRAWINGS).where(DRAWINGS.c.class_code == clean))
            gone = conn.execute(delete(CLASSES).where(CLASSES.c.code == clean)).rowcount
        if not gone:
            raise UnknownClass(N_("There is no class with the code “{code}”."), code=security.shown(code))
        self._clear(f"Class {clean} is erased ({n} drawings)", scrub.after_erase)
        return n

    def erase_expired(self) -> list[str]:
        """Remove every class whose code has expired, with its drawings; returns their codes."""
        with self._write() as conn:
            codes = conn.execute(select(CLASSES.c.code).where(CLASSES.c.expires_at <= utc_now())).scalars().all()
            challenge_rows.erase(conn, list(codes))
            conn.execute(delete(DRAWINGS).where(DRAWINGS.c.class_code.in_(codes)))
            conn.execute(delete(CLASSES).where(CLASSES.c.code.in_(codes)))
        # Even with nothing expired: this also finishes what an earlier erase or delete could not clear.
        self._clear(f"{len(codes)} expired class(es) are erased", scrub.after_erase)
        return list(codes)

    def _clear(self, done: str, scrub_files) -> None:
        """Clear the erased rows' bytes from the database's files too; EraseIncomplete if that cannot finish."""
        problem = self.db.clear(scrub_files)
        if problem:
            raise EraseIncomplete(f"{done}, but {problem}.")

    # ---- the lesson the teacher leads (issue 25) -------------------------------------------------

    def lead(self, code: str, **changes) -> lesson.Lesson:
        """The class's teacher changes the lesson: mode ("free" | "follow" | "paused"), tab, step, settings
        ({session-state key: JSON value}) or push (a lesson.Push, or None); the rest is kept. Only the teacher's
        page calls this (ui/class_lead.py checks the session's authority first)."""
        with self._write() as conn:
            info = self._live(conn, code, lock=True)  # one change at a time per class, on every server
            return lesson.write(conn, info.code, utc_now(), **changes)

    def lesson(self, code: str) -> lesson.Lesson:
        """The class's lesson as students follow it: one small row (free, version 0, if never led)."""
        with self._read() as conn:
            return lesson.read(conn, security.normalise_code(code))

    # ---- challenges (issue 25): posed and closed by the teacher's page only, like lead() ---------------

    def pose(self, code: str, spec: Challenge) -> Lesson:
        """Pose `spec` to the class (closing the open challenge); the lesson names it, so every student's page
        shows it at its next poll. Returns the lesson (its `challenge` has the new id)."""
        with self._write() as conn:
            info = self._live(conn, code, lock=True)
            posed = challenge_rows.pose(conn, info.code, spec, utc_now())
            return lesson.write(conn, info.code, utc_now(), challenge=posed)

    def close_challenge(self, code: str) -> Lesson:
        """Close the open challenge: its answers stay (for the tally and the export), no new ones are taken."""
        with self._write() as conn:
            info = self._live(conn, code, lock=True)
            challenge_rows.close(conn, info.code, utc_now())
            return lesson.write(conn, info.code, utc_now(), challenge=None)

    def answer(self, code: str, session_token: str, challenge_id: int, **given) -> Sent:
        """A student's answer to the open challenge: alias, and meant, label, confidence, digit28 (a drawing) or
        choice. One per student per challenge: a resend replaces it (Sent.new False)."""
        student = security.token_hash(session_token)
        with self._write() as conn:
            info = self._live(conn, code, lock=True)
            answer_id, new = challenge_rows.answer(conn, info.code, student, challenge_id, utc_now(), **given)
        return Sent(answer_id, new)

    def tally(self, code: str, challenge_id: int | None = None) -> Tally | None:
        """A challenge's answers and tally: `challenge_id`, else the open one, else the last one; None if none."""
        clean = security.normalise_code(code)
        with self._read() as conn:
            if challenge_id is None:
                challenge_id = challenge_rows.last(conn, clean)
            return challenge_rows.tally(conn, clean, challenge_id)

    def answers(self, code: str) -> tuple[dict[int, Challenge], list[Answer]]:
        """Every challenge of the class by id, and every answer to them, oldest first (for the export)."""
        clean = security.normalise_code(code)
        with self._read() as conn:
            answers = challenge_rows.answers(conn, clean)
            return challenge_rows.posed(conn, clean), answers

    # ---- drawings -------------------------------------------------------------------------------

    def add_drawing(
        self,
        code: str,
        session_token: str,
        meant,
        answered,
        confidence,
        digit28,
        alias: str | None = None,
        send_id: str | None = None,
    ) -> Sent:
        """Store one drawing; the same `send_id` (default: the drawing and label) again adds nothing."""
        meant, answered = validate.digit_label(meant), validate.digit_label(answered, "LeNet-5's answer")
        pixels, confidence = validate.digit_pixels(digit28), validate.probability(confidence)
        student = security.token_hash(session_token)
        keys = [send_id] if send_id else send_keys(student, meant, pixels)
        now = utc_now()
        with self._write() as conn:
            info = self._live(conn, code, lock=True)  # PostgreSQL: sends to one class queue here
            mine = DRAWINGS.c.class_code == info.code
            same = select(DRAWINGS.c.id, DRAWINGS.c.student).where(mine, DRAWINGS.c.send_id.in_(keys))
            old = conn.execute(same).first()
            if old is not None:
                if old.student != student:
                    # A resend from a new session (a reload, a restarted server): the sender holds the exact
                    # pixels, so the drawing becomes theirs, in "My sent drawings" with its Delete button again.
                    # (Two students' digits agree to the pixel only for the plainest strokes; then the wall
                    # shows one, and it is listed for the later sender: nothing of the other is revealed.)
                    conn.execute(update(DRAWINGS).where(DRAWINGS.c.id == old.id).values(student=student))
                return Sent(old.id, new=False)
            recent = select(func.count()).where(
                mine, DRAWINGS.c.student == student, DRAWINGS.c.created_at > now - timedelta(minutes=1)
            )
            if conn.execute(recent).scalar_one() >= MAX_PER_MINUTE:
                raise RateLimited(
                    N_("You sent {n} drawings in the last minute: wait a little, then send."), n=MAX_PER_MINUTE
                )
            if conn.execute(select(func.count()).where(mine)).scalar_one() >= MAX_PER_CLASS:
                raise ClassFull(
                    N_("Class {code} is full ({n} drawings). Ask your teacher."), code=info.code, n=MAX_PER_CLASS
                )
            new_id = conn.execute(
                insert(DRAWINGS)
                .values(
                    class_code=info.code,
                    send_id=keys[0],
                    student=student,
                    alias=validate.alias(alias),
                    meant=meant,
                    answered=answered,
                    confidence=confidence,
                    created_at=now,
                    pixels=pixels,
                    hidden=False,
                )
                .returning(DRAWINGS.c.id)
            ).scalar_one()
        return Sent(new_id, new=True)

    def drawings(self, code: str, include_hidden: bool = True) -> list[Drawing]:
        """The class's drawings, oldest first."""
        return self._drawings(code, None if include_hidden else DRAWINGS.c.hidden.is_(False))

    def own_drawings(self, code: str, session_token: str) -> list[Drawing]:
        """The drawings sent from this browser session (hidden ones too: they are still theirs)."""
        return self._drawings(code, DRAWINGS.c.student == security.token_hash(session_token))

    def _drawings(self, code: str, condition) -> list[Drawing]:
        query = select(DRAWINGS).where(DRAWINGS.c.class_code == security.normalise_code(code)).order_by(DRAWINGS.c.id)
        with self._read() as conn:
            rows = conn.execute(query if condition is None else query.where(condition)).all()
        return [
            Drawing(
                r.id,
                r.meant,
                r.answered,
                r.confidence,
                as_utc(r.created_at),
                r.alias,
                r.hidden,
                to_pixels(r.pixels),
                r.student,
            )
            for r in rows
        ]

    def delete_own(self, code: str, session_token: str, drawing_id: int) -> bool:
        """Delete one of this session's drawings; False if it is not theirs (or already gone)."""
        return self._change(code, drawing_id, DRAWINGS.c.student == security.token_hash(session_token))

    def delete(self, code: str, drawing_id: int) -> bool:
        """The teacher deletes any drawing of the class."""
        return self._change(code, drawing_id)

    def hide(self, code: str, drawing_id: int, hidden: bool = True) -> bool:
        """The teacher hides (or shows again) a drawing: off the wall, the statistics and the export."""
        return self._change(code, drawing_id, values={"hidden": bool(hidden)})

    def _change(self, code: str, drawing_id: int, condition=None, values: dict | None = None) -> bool:
        where = [DRAWINGS.c.class_code == security.normalise_code(code), DRAWINGS.c.id == int(drawing_id)]
        if condition is not None:
            where.append(condition)
        statement = update(DRAWINGS).values(**values) if values else delete(DRAWINGS)
        with self._write() as conn:
            changed = conn.execute(statement.where(*where)).rowcount == 1
            if changed:  # a drawing shown on every student's screen leaves them at their next poll
                lesson.drawing_changed(conn, security.normalise_code(code), int(drawing_id), utc_now())
        if changed and not values:
            self._clear(f"Drawing #{drawing_id} is deleted", scrub.after_delete)
        return changed


def send_keys(student: str, meant: int, pixels: bytes) -> list[str]:
    """The send_id of a drawing, then the one the previous release stored for it. Only canvas drawings can be
    sent (ui/class_student.py), so the same 784 bytes with the same label in a class are the same drawing,
    whichever browser session sends them: the key leaves the session out. The old key had it in."""
    return [security.token_hash(f"{meant}:{pixels.hex()}"), security.token_hash(f"{student}:{meant}:{pixels.hex()}")]


def class_dataset(code: str, store: ClassStore | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The class's visible drawings for training: x (N, 28, 28) uint8, y (N,) uint8 = what the students
    meant, student (N,) int32 = 0, 1, ... one number per browser session (opaque, for per-student splits)."""
    shown = (store or ClassStore()).drawings(code, include_hidden=False)
    x = np.stack([d.pixels for d in shown]) if shown else np.zeros((0, 28, 28), np.uint8)
    y = np.array([d.meant for d in shown], dtype=np.uint8)
    return x, y, student_numbers(shown)
