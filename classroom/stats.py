"""What the wall shows about a class's drawings: confusion matrix, accuracy, the hardest digit, a picture."""

import json
from dataclasses import dataclass

import numpy as np

from classroom.records import Drawing
from lenet import viz
from lenet.assets import DEFAULT_MODEL_PATH

METRICS_PATH = DEFAULT_MODEL_PATH.with_name("lenet5.metrics.json")
TILE_PX = 168  # 28 x 6: readable from the back of the room
FOOLED_FRAME = (220, 40, 40)  # red frame: LeNet-5 answered something else than the student meant
FRAME_PX = 4


def confusion(drawings: list[Drawing]) -> np.ndarray:
    """(10, 10) int counts: row = what the student meant, column = what LeNet-5 answered."""
    matrix = np.zeros((10, 10), dtype=int)
    for d in drawings:
        matrix[d.meant, d.answered] += 1
    return matrix


def accuracy(drawings: list[Drawing]) -> float | None:
    """Share of drawings LeNet-5 read as meant; None without drawings."""
    return float(np.mean([not d.fooled for d in drawings])) if drawings else None


@dataclass(frozen=True)
class Hardest:
    digit: int
    accuracy: float
    n: int


def hardest_digit(drawings: list[Drawing]) -> Hardest | None:
    """The meant digit LeNet-5 read worst (ties: the one with more drawings); None without drawings, or when
    every digit was read right (then none is hardest)."""
    matrix = confusion(drawings)
    sent = matrix.sum(axis=1)
    candidates = [Hardest(d, matrix[d, d] / sent[d], int(sent[d])) for d in range(10) if sent[d]]
    hardest = min(candidates, key=lambda h: (h.accuracy, -h.n)) if candidates else None
    return hardest if hardest is not None and hardest.accuracy < 1 else None


def mnist_accuracy(path=METRICS_PATH) -> float | None:
    """The shipped model's MNIST test accuracy (from its metrics file), or None if it cannot be read."""
    try:
        return float(json.loads(path.read_text())["accuracy"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def tile(d: Drawing) -> np.ndarray:
    """(TILE_PX, TILE_PX, 3) picture of one drawing; framed in red when LeNet-5 was fooled."""
    return framed(d.pixels, d.fooled)


def framed(pixels: np.ndarray, red: bool) -> np.ndarray:
    """(TILE_PX, TILE_PX, 3) picture of a (28, 28) uint8 digit; framed in red when `red`."""
    rgb = viz.upscale_to(viz.grey_rgb(pixels, 0, 255), TILE_PX).copy()
    if red:
        for edge in (np.s_[:FRAME_PX], np.s_[-FRAME_PX:]):
            rgb[edge, :] = FOOLED_FRAME
            rgb[:, edge] = FOOLED_FRAME
    return rgb


def wall_picture(drawings: list[Drawing], cols: int = 6) -> np.ndarray:
    """The drawings as one grid picture, each labelled "#id: meant as answered, confidence"."""
    labels = [f"#{d.id}: {d.meant} as {d.answered}, {d.confidence:.0%}" for d in drawings]
    return viz.grid([tile(d) for d in drawings], cols=cols, labels=labels, font_size=20)
