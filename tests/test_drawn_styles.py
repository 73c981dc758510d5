"""The drawn-digit styles of bench/drawn.py (testkit/drawn_styles.py): seeded, valid canvases, each style what its
name says, and the shipped default model's reading of ordinary drawings as a regression guard (issue 27)."""

import hashlib

import numpy as np
import pytest

from lenet import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH, engine
from lenet.preprocess import preprocess
from testkit.drawn_styles import CANVAS, STYLES, generate, model_inputs

N = 40  # drawings per style in the checks on the drawings themselves

# The default model (assets/lenet5.keras) reads 8 of 5,000 ordinary drawings wrong (seeds 0-4, 1,000 each: 99.84 %;
# 9 with the weights and stroke rule before 2026-12-08, 36 before lenet/stroke.py's thickening) and all of these 300
# right. The floor allows 6 (98 %), room for new weights to move a few drawings; a shift of the whole pipeline costs
# more (a planted 3 px off-centre field or +-40 degree turns fail it).
GUARD_N, GUARD_SEED, GUARD_FLOOR = 300, 0, 0.98


def ink(image: np.ndarray) -> np.ndarray:
    """(280, 280) bool: the strokes, whatever the polarity (the app's own reading of it)."""
    return preprocess(image).ink > 0.5


def digest(images: np.ndarray) -> list[str]:
    return [hashlib.sha1(image.tobytes()).hexdigest() for image in images]


def test_the_same_seed_gives_the_same_drawings_and_another_seed_others():
    first, labels = generate("ordinary", N, seed=3)
    generate("thin", N, seed=3)  # another style in between: each style has its own stream
    again, labels_again = generate("ordinary", N, seed=3)
    other, _ = generate("ordinary", N, seed=4)
    assert np.array_equal(first, again) and np.array_equal(labels, labels_again)
    assert not set(digest(first)) & set(digest(other))


@pytest.mark.parametrize("name", STYLES)
def test_every_style_makes_distinct_canvases_the_preprocessing_accepts(name):
    images, labels = generate(name, N, seed=0)
    assert images.shape == (N, CANVAS, CANVAS) and images.dtype == np.uint8
    assert set(labels.tolist()) <= set(STYLES[name].digits)
    assert len(set(digest(images))) == N  # jittered: no two alike
    inverted = [preprocess(image).inverted for image in images]  # raises DigitImageError on a bad drawing
    assert 0 < sum(inverted) < N  # both polarities


def test_pens_differ_as_named():
    area = {
        name: np.mean([ink(i).sum() for i in generate(name, N, seed=0)[0]]) for name in ("thin", "ordinary", "thick")
    }
    assert 2 * area["thin"] < area["ordinary"] < area["thick"] / 1.5, area


def test_tiny_corner_digits_are_tiny_and_in_a_corner():
    for image in generate("tiny_corner", N, seed=0)[0]:
        rows, cols = np.flatnonzero(ink(image).any(axis=1)), np.flatnonzero(ink(image).any(axis=0))
        assert rows[-1] - rows[0] <= 70 + 14 + 2  # the height and the pen
        near = lambda first, last: min(first, CANVAS - 1 - last) <= 15 + 2 + 1  # the corner's reach and margin
        assert near(rows[0], rows[-1]) and near(cols[0], cols[-1])


def top_span(image: np.ndarray) -> float:
    """The ink's width in the top 3 rows of the 20x20 box, over the digit's width: a closed top spans it."""
    box = preprocess(image).box20 > 0.5
    rows, cols = np.flatnonzero(box.any(axis=1)), np.flatnonzero(box.any(axis=0))
    top = np.flatnonzero(box[rows[0] : rows[0] + 3].any(axis=0))
    return (top[-1] - top[0] + 1) / (cols[-1] - cols[0] + 1)


def test_closed_top_4s_are_closed_where_ordinary_4s_are_open():
    closed = [top_span(i) for i in generate("closed_top_4", N, seed=0)[0]]
    images, labels = generate("ordinary", 10 * N, seed=0)
    open_ = [top_span(i) for i in images[labels == 4]]
    assert np.mean(closed) > 0.55 and np.mean(open_) < 0.35, (np.mean(closed), np.mean(open_))


@pytest.mark.parametrize(("name", "digit"), [("small_7", 7), ("thin_6", 6), ("closed_top_4", 4)])
def test_single_digit_styles_draw_only_their_digit(name, digit):
    assert set(generate(name, N, seed=0)[1].tolist()) == {digit}


def accuracy(path, name: str, n: int, seed: int) -> float:
    """The share of `n` drawings of style `name` that the model at `path` reads right, as the app reads them."""
    x, labels = model_inputs(name, n, seed)
    return float((engine.load_model(path).probabilities(x).argmax(axis=1) == labels).mean())


def test_the_shipped_default_model_reads_ordinary_drawings():
    assert accuracy(DEFAULT_MODEL_PATH, "ordinary", GUARD_N, GUARD_SEED) >= GUARD_FLOOR


def test_fine_pens_are_read_once_thickened_to_mnist_s():
    # The classic model read 52 of 200 thin 6s (seed 0) before lenet/stroke.py's thickening, 200 after.
    assert accuracy(CLASSIC_MODEL_PATH, "thin_6", 100, GUARD_SEED) >= 0.95
