"""Digits for the class-mode tests to send."""

import numpy as np


def digit(seed: int) -> np.ndarray:
    """A distinct 28x28 uint8 'digit' (a bar whose place depends on seed) with plenty of ink."""
    x = np.zeros((28, 28), np.uint8)
    x[4 + seed % 15 : 10 + seed % 15, 6:22] = 255
    x[0, seed % 28] = 1 + seed // 28 % 250  # distinct pixels for distinct seeds
    return x
