"""The class store's tables (SQLAlchemy 2). Changing them needs a new migration in migrations/versions/."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so migrations can address them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}
PIXELS = 28 * 28  # one digit as MNIST stores it: 784 bytes, uint8, row-major
ALIAS_LENGTH = 40


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ClassRow(Base):
    """One class: its code, the teacher's hashed PIN, when it expires, and the PIN lockout state."""

    __tablename__ = "classes"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    pin_salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    pin_hash: Mapped[bytes] = mapped_column(LargeBinary(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # since revision 0002
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # 0002


class DrawingRow(Base):
    """One sent drawing: the 28x28 digit, what the student meant, what LeNet-5 answered. `student` is the
    hash of a browser session's random token (no name, no address); `send_id` makes a resend a no-op."""

    __tablename__ = "drawings"
    __table_args__ = (
        UniqueConstraint("class_code", "send_id"),
        Index("ix_drawings_class_student", "class_code", "student", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_code: Mapped[str] = mapped_column(ForeignKey("classes.code", ondelete="CASCADE"), index=True)
    send_id: Mapped[str] = mapped_column(String(64))
    student: Mapped[str] = mapped_column(String(64))
    alias: Mapped[str | None] = mapped_column(String(ALIAS_LENGTH), nullable=True)
    meant: Mapped[int] = mapped_column(SmallInteger)
    answered: Mapped[int] = mapped_column(SmallInteger)
    confidence: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pixels: Mapped[bytes] = mapped_column(LargeBinary(PIXELS))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # since revision 0002


class LessonRow(Base):
    """What the class's teacher leads (issue 25): at most one row per class, written only by its teacher.
    No student data: the pushed input is a wall drawing's id (its pixels stay in `drawings`, so a deleted
    drawing leaves every screen), a gallery digit or the teacher's own drawing."""

    __tablename__ = "lessons"
    class_code: Mapped[str] = mapped_column(ForeignKey("classes.code", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(8))  # free | follow | paused (classroom/lesson.py MODES)
    tab: Mapped[str | None] = mapped_column(String(40), nullable=True)  # the teacher's tab title
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a lesson plan's step (issue 25, challenges)
    settings: Mapped[str] = mapped_column(Text)  # JSON {session-state key: value} of the teacher's lab widgets
    pushed_drawing: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a wall drawing's id
    pushed_pixels: Mapped[bytes | None] = mapped_column(LargeBinary(PIXELS), nullable=True)  # else 28x28 uint8
    pushed_caption: Mapped[str | None] = mapped_column(String(80), nullable=True)
    version: Mapped[int] = mapped_column(Integer)  # +1 on every change: students compare only this
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    challenge: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the open challenge's id (0004)


class ChallengeRow(Base):
    """A challenge the teacher posed (revision 0004): classroom/challenge.py KINDS says what each kind asks.
    No student data: the teacher's words, a target digit, a choice list."""

    __tablename__ = "challenges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_code: Mapped[str] = mapped_column(ForeignKey("classes.code", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # draw | fool | small | choice
    prompt: Mapped[str] = mapped_column(String(200))
    target: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # the digit to draw
    wanted: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # fool: the label LeNet-5 should give
    choices: Mapped[str] = mapped_column(Text)  # JSON list of the choices' words (choice), else []
    correct: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # the right choice's index, if any
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AnswerRow(Base):
    """One student's answer to a challenge (revision 0004): one per browser session per challenge (a resend
    replaces it). Only what the tally needs: the 28x28 digit or the choice, LeNet-5's label and confidence,
    and the session token's hash, as a drawing stores them."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("challenge_id", "student"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    class_code: Mapped[str] = mapped_column(ForeignKey("classes.code", ondelete="CASCADE"), index=True)
    student: Mapped[str] = mapped_column(String(64))
    alias: Mapped[str | None] = mapped_column(String(ALIAS_LENGTH), nullable=True)
    meant: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # the digit the student meant
    choice: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # or the choice's index
    label: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)  # LeNet-5's answer to the digit
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    pixels: Mapped[bytes | None] = mapped_column(LargeBinary(PIXELS), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
