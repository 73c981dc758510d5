"""Digits for the class-mode tests to send, and a student's send to the class store."""

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # only for its type: importing testkit.sends need not load the class store (SQLAlchemy)
    from classroom import ClassStore


def digit(seed: int) -> np.ndarray:
    """A distinct 28x28 uint8 'digit' (a bar whose place depends on seed) with plenty of ink."""
    x = np.zeros((28, 28), np.uint8)
    x[4 + seed % 15 : 10 + seed % 15, 6:22] = 255
    x[0, seed % 28] = 1 + seed // 28 % 250  # distinct pixels for distinct seeds
    return x


def send(s: "ClassStore", code: str, token: str, seed: int, meant: int = 4, answered: int = 4, **extra):
    """Student `token` sends digit(seed) to class `code`, read as `answered` with 0.9 confidence."""
    return s.add_drawing(code, token, meant=meant, answered=answered, confidence=0.9, digit28=digit(seed), **extra)
