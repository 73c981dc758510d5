"""A generated mini class: a few "students", each with a handwriting of their own (stroke width, size,
position), every digit drawn by each. MNIST-centred 28x28 uint8, as a class export holds them."""

from typing import Any

import numpy as np

from testkit.digits import draw_digit


def class_set(students: int = 4, per_digit: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x (N, 28, 28) uint8, y (N,), student ids (N,)) with N = students * 10 * per_digit."""
    from lenet.preprocess import preprocess

    xs, ys, ids = [], [], []
    for s in range(students):
        thickness, scale = 10 + 5 * (s % 4), 0.75 + 0.1 * (s % 3)  # one student's pen and size
        for digit in range(10):
            for k in range(per_digit):
                image = draw_digit(digit, thickness=thickness, scale=scale, offset=(6 * k - 3 * s, 4 * s))
                xs.append(np.round(255 * preprocess(image).field28).astype(np.uint8))
                ys.append(digit)
                ids.append(100 + s)
    return np.stack(xs), np.asarray(ys, np.int64), np.asarray(ids, np.int64)


def write_class_npz(path, students: int = 4, with_ids: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An MNIST-layout class export (the last student as the file's test split), with student ids."""
    x, y, ids = class_set(students)
    cut = int(np.flatnonzero(ids == ids.max())[0])
    arrays: dict[str, Any] = {"x_train": x[:cut], "y_train": y[:cut], "x_test": x[cut:], "y_test": y[cut:]}
    if with_ids:
        arrays.update(student_train=ids[:cut], student_test=ids[cut:])
    np.savez(path, **arrays)
    return x, y, ids
