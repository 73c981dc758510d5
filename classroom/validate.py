"""Checks on what a student sends, before anything is written; each failure says what to do."""

import math
import unicodedata

import numpy as np

from classroom.errors import BadDrawing
from classroom.schema import ALIAS_LENGTH
from lenet.text import N_

MIN_INK = 64  # brightest pixel (0-255) of the 28x28 digit: below it the canvas is blank


def digit_label(value, what: str = N_("The digit you meant")) -> int:
    """An int 0-9 (not a bool, not text), else BadDrawing; `what` is marked N_ (the app shows it translated)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= int(value) <= 9:
        raise BadDrawing(N_("{what} must be one of the digits 0 to 9 (got {value})."), what=what, value=repr(value))
    return int(value)


def digit_pixels(digit28) -> bytes:
    """A (28, 28) image of 0-255 values with some ink, as 784 bytes."""
    array = np.asarray(digit28)
    if array.shape != (28, 28) or not np.issubdtype(array.dtype, np.number):
        raise BadDrawing(N_("The digit must be a 28×28 image (got shape {shape})."), shape=array.shape)
    if not np.all(np.isfinite(array)) or array.min() < 0 or array.max() > 255:
        raise BadDrawing(N_("The digit's pixels must be 0 to 255."))
    if array.max() < MIN_INK:
        raise BadDrawing(N_("The canvas is blank: draw a digit before sending it."))
    return np.asarray(np.rint(array), dtype=np.uint8).tobytes()


def probability(value) -> float:
    """A confidence in [0, 1]."""
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise BadDrawing(N_("A confidence must be between 0 and 1 (got {value})."), value=repr(value))
    return number


def alias(text: str | None) -> str | None:
    """An optional nickname: printable, trimmed, at most ALIAS_LENGTH characters; None when empty."""
    if text is None:
        return None
    cleaned = "".join(c for c in str(text) if unicodedata.category(c)[0] != "C").strip()
    return cleaned[:ALIAS_LENGTH] or None
