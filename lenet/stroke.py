"""A digit's stroke width, measured and changed by binary morphology (NumPy only; issue 27).

MNIST's writers used ordinary pens, and the 20x20 box normalisation left their strokes a fairly constant
fraction of the digit's size. A canvas pen is not: a 3 px pen on a 200 px digit leaves strokes a third of a
pixel wide in the box, far thinner than MNIST's thinnest 1 %, and the classic model reads most such 6s as 5s. lenet/preprocess.py
measures the width on a mask of the digit and, when it is thinner than nearly all of MNIST's, thickens
it (a dilation) before the box normalisation.

Erosion and dilation alternate a 3x3 cross and a 3x3 square: an octagon, the usual cheap stand-in for a
disc, one pixel of radius a step.
"""

import numpy as np

STROKE_WORK = 80  # px: the longest side a stroke's width is measured and changed at (4x the 20 px box)
# Stroke width over the digit's longest side (stroke_width / STROKE_WORK of lenet.preprocess.stroke_mask): the 2nd
# percentile of the shipped 10,000 MNIST training digits (assets/mnist_train_subset.npz; tests/test_stroke.py
# recomputes it). Thinner strokes are thickened to it. (Thinning the thickest 2 % as well cost 2 errors on the
# 5,000 validation digits and read no drawing style better: issue 27's report.)
THINNEST = 0.0782
# Their median (same digits, same measure; tests/test_stroke.py recomputes it). A canvas drawing is made with one
# round pen whose width, for the digit's size, depends only on how big the student draws: its strokes are brought up
# to MNIST's typical pen, not only to its thinnest (lenet.preprocess.preprocess(drawn=True)). On issue 27's 2,000
# validation drawings (train/drawn_val.py) this read 6 wrong where THINNEST read 9 (the shipped model of then), and
# lowered the cross-entropy of every model tried; MNIST's own test digits read as images got worse with it (62 -> 83
# errors), so images that are not canvas drawings keep THINNEST.
TYPICAL = 0.1230


def _neighbours(mask: np.ndarray, square: bool) -> list[np.ndarray]:
    """The (H, W) mask (or depth map) shifted to each pixel's 4 (cross) or 8 (square) neighbours, and itself;
    outside is False (0)."""
    p = np.pad(mask, 1)
    h, w = mask.shape
    shifts = [(1, 0), (1, 2), (0, 1), (2, 1)] + ([(0, 0), (0, 2), (2, 0), (2, 2)] if square else [])
    return [mask] + [p[r : r + h, c : c + w] for r, c in shifts]


def _step(mask: np.ndarray, k: int, grow: bool) -> np.ndarray:
    """Step k of an erosion (or dilation): a cross on even steps, a square on odd ones."""
    views = _neighbours(mask, square=k % 2 == 1)
    return np.logical_or.reduce(views) if grow else np.logical_and.reduce(views)


def erode(mask: np.ndarray, steps: int) -> np.ndarray:
    """The (H, W) bool mask thinned by `steps` pixels on every side."""
    for k in range(steps):
        mask = _step(mask, k, grow=False)
    return mask


def dilate(mask: np.ndarray, steps: int) -> np.ndarray:
    """The (H, W) bool mask thickened by `steps` pixels on every side, within its (H, W) frame."""
    for k in range(steps):
        mask = _step(mask, k, grow=True)
    return mask


def depth(mask: np.ndarray) -> np.ndarray:
    """(H, W) int: for each ink pixel, how many erosion steps it survives plus one (1 on the edge); 0 off the ink."""
    out = np.zeros(mask.shape, np.int32)
    k = 0
    while mask.any():
        out[mask] = k + 1
        mask = _step(mask, k, grow=False)
        k += 1
    return out


def stroke_width(mask: np.ndarray) -> float:
    """The strokes' width in pixels: twice the mean depth along the ridge (pixels no neighbour is deeper
    than) less one. Within a pixel or a tenth for straight strokes along the axes; about 15 % low on diagonals (the octagon)."""
    d = depth(mask)
    if not d.any():
        return 0.0
    deepest = np.max(_neighbours(d, square=True), axis=0)  # each pixel's and its 8 neighbours' depth
    ridge = mask & (d == deepest)
    return float(2 * d[ridge].mean() - 1)


def thicken_steps(mask: np.ndarray, least: float = THINNEST) -> int:
    """The dilation steps that bring the (H, W) mask's strokes (longest side STROKE_WORK) to `least` of that
    side; 0 when they are that thick already, or there is no ink."""
    width = stroke_width(mask)
    if not mask.any() or width >= least * STROKE_WORK:
        return 0
    # (width + 2 steps) / (side + 2 steps) = least: each step adds a pixel to each side of stroke and box alike
    return round((least * STROKE_WORK - width) / (2 * (1 - least)))
