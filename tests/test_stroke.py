"""Stroke width (lenet/stroke.py) and its normalisation in the preprocessing (lenet/preprocess.py; issue 27)."""

import numpy as np
import pytest

from lenet.assets import TRAIN_SUBSET_PATH
from lenet.preprocess import INK_THRESHOLD, mask_bbox, normalise_stroke, preprocess, stroke_mask
from lenet.stroke import STROKE_WORK, THINNEST, TYPICAL, dilate, stroke_width
from testkit.digits import draw_digit, ink_lines


def bars(width: int) -> np.ndarray:
    """(80, 80) bool: a horizontal and a vertical bar `width` px thick, 60 px long."""
    return ink_lines([[(10, 12), (70, 12)], [(40, 25), (40, 75)]], 80, width) > 127


@pytest.mark.parametrize("width", [3, 5, 8, 12])
def test_the_width_of_straight_strokes_is_measured_within_a_pixel_or_a_tenth(width):
    assert stroke_width(bars(width)) == pytest.approx(width, abs=1.0, rel=0.1)


@pytest.mark.parametrize("steps", [1, 2, 5])
def test_each_dilation_step_adds_a_pixel_each_side(steps):
    thicker = dilate(np.pad(bars(5), steps), steps)
    assert stroke_width(thicker) == pytest.approx(stroke_width(bars(5)) + 2 * steps, abs=0.5)


def mnist_crop(x28: np.ndarray) -> np.ndarray:
    ink = x28 / 255.0
    top, left, bottom, right = mask_bbox(ink > INK_THRESHOLD)
    return ink[top:bottom, left:right]


def test_thinnest_and_typical_are_the_2nd_percentile_and_median_of_the_shipped_mnist_training_digits():
    digits = np.load(TRAIN_SUBSET_PATH)["x_train"]
    ratios = [stroke_width(stroke_mask(mnist_crop(x))) / STROKE_WORK for x in digits]
    assert np.percentile(ratios, 2) == pytest.approx(THINNEST, abs=5e-4)
    assert np.percentile(ratios, 50) == pytest.approx(TYPICAL, abs=5e-4)
    kept = np.mean([normalise_stroke(c) is c for c in map(mnist_crop, digits[:1000])])
    assert 0.96 <= kept < 1.0  # MNIST's own digits stay as they are, all but its thinnest


def crop(image: np.ndarray) -> np.ndarray:
    """The drawing's ink cut to its box, as preprocess hands it to normalise_stroke."""
    prep = preprocess(image)
    top, left, bottom, right = prep.bbox
    return prep.ink[top:bottom, left:right]


def ink_share(image: np.ndarray) -> float:
    """How much of the 20x20 box the preprocessed digit inks."""
    return float(preprocess(image).box20.sum() / 400)


def test_a_fine_pen_is_thickened_to_about_mnist_s_and_an_ordinary_one_left_alone():
    ordinary, fine = draw_digit(6, thickness=18), draw_digit(6, thickness=3)
    as_drawn = crop(ordinary)
    assert normalise_stroke(as_drawn) is as_drawn
    assert ink_share(fine) > 0.6 * ink_share(ordinary)  # unthickened: about a third (0.065 against 0.185)
    thick = normalise_stroke(crop(fine))
    assert stroke_width(stroke_mask(thick)) / STROKE_WORK == pytest.approx(THINNEST, abs=0.02)


def test_a_canvas_drawing_is_brought_to_mnist_s_typical_pen_and_an_image_only_to_its_thinnest():
    fine = draw_digit(6, thickness=18)  # 0.089 of its side: thicker than THINNEST, thinner than TYPICAL
    ink = crop(fine)
    assert THINNEST < stroke_width(stroke_mask(ink)) / STROKE_WORK < TYPICAL - 0.01
    assert normalise_stroke(ink) is ink  # as an image: thick enough, left as it is
    thick = normalise_stroke(ink, TYPICAL)  # as a drawing
    assert stroke_width(stroke_mask(thick)) / STROKE_WORK == pytest.approx(TYPICAL, abs=0.02)
    assert preprocess(fine, drawn=True).box20.sum() > 1.2 * preprocess(fine).box20.sum()
