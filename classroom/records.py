"""What the store hands out: plain, frozen records (no database rows leave the store)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from classroom.schema import PIXELS


@dataclass(frozen=True)
class ClassInfo:
    code: str
    created_at: datetime
    expires_at: datetime
    drawings: int = 0  # how many drawings it holds (hidden ones included)

    @property
    def expired(self) -> bool:
        return self.expires_at <= utc_now()


@dataclass(frozen=True)
class Drawing:
    id: int
    meant: int  # what the student meant, 0-9
    answered: int  # what LeNet-5 answered, 0-9
    confidence: float  # LeNet-5's probability of its answer
    created_at: datetime
    alias: str | None
    hidden: bool
    pixels: np.ndarray  # (28, 28) uint8, MNIST-style: the app's own preprocessing of the drawing
    student: str = ""  # opaque hash of the sender's browser session token: who sent it, never who they are

    @property
    def fooled(self) -> bool:
        return self.meant != self.answered


@dataclass(frozen=True)
class Sent:
    id: int
    new: bool  # False: this exact drawing was already sent (a second click), nothing was added


def student_numbers(drawings: list[Drawing]) -> np.ndarray:
    """(N,) int32: 0, 1, ... one number per sender, in order of their first drawing (opaque: for per-student
    splits, the same in class_dataset and the npz export)."""
    numbers: dict[str, int] = {}
    return np.array([numbers.setdefault(d.student, len(numbers)) for d in drawings], dtype=np.int32)


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back: every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_pixels(blob: bytes) -> np.ndarray:
    """784 stored bytes -> (28, 28) uint8."""
    return np.frombuffer(blob, dtype=np.uint8, count=PIXELS).reshape(28, 28).copy()
