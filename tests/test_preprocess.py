"""MNIST-style preprocessing on synthetic digits, bad arrays and arbitrary arrays (Hypothesis)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lenet.paper import INPUT_BACKGROUND, INPUT_FOREGROUND
from lenet.preprocess import (
    BOX,
    FIELD_CENTRE,
    DigitImageError,
    InvalidImageError,
    NoDigitError,
    centre_of_mass,
    from_mnist,
    mnist_to_input,
    preprocess,
    to_gray,
    to_ink,
)
from testkit.digits import draw_digit

EPS = 1e-6


def assert_valid_input(x: np.ndarray) -> None:
    assert x.shape == (32, 32, 1) and x.dtype == np.float32
    assert np.all(np.isfinite(x))
    assert INPUT_BACKGROUND - EPS <= x.min() and x.max() <= INPUT_FOREGROUND + EPS


def assert_centred(field28: np.ndarray) -> None:
    row, col = centre_of_mass(field28)
    assert abs(row - FIELD_CENTRE) <= 0.5 + EPS and abs(col - FIELD_CENTRE) <= 0.5 + EPS, (row, col)


@pytest.mark.parametrize("digit", range(10))
def test_ordinary_digits_become_centred_mnist_inputs(digit):
    result = preprocess(draw_digit(digit))
    assert_valid_input(result.x)
    assert_centred(result.field28)
    assert not result.inverted
    assert result.x[0, 0, 0] == pytest.approx(INPUT_BACKGROUND)  # the padding is background
    assert result.x.max() == pytest.approx(INPUT_FOREGROUND)  # the strokes reach full ink


@pytest.mark.parametrize("value", [0, 128, 255])
def test_blank_canvas_has_no_digit(value):
    with pytest.raises(NoDigitError, match="blank"):
        preprocess(np.full((280, 280), value, dtype=np.uint8))


def test_a_single_dot_is_not_a_digit():
    canvas = np.zeros((280, 280), dtype=np.uint8)
    canvas[140:145, 100:105] = 255
    with pytest.raises(NoDigitError, match="dot"):
        preprocess(canvas)


def test_a_canvas_full_of_ink_is_not_a_digit():
    canvas = np.zeros((280, 280), dtype=np.uint8)
    canvas[5:-5, 5:-5] = 255  # a dark frame around a white page: the "ink" is the whole page
    with pytest.raises(NoDigitError, match="mostly ink"):
        preprocess(canvas)


def test_a_tiny_off_centre_digit_is_found_and_centred():
    image = draw_digit(7, scale=0.15, offset=(90, -100), thickness=4)
    result = preprocess(image)
    _top, left, bottom, _right = result.bbox
    assert bottom < 140 and left > 140  # found in the top-right corner where it was drawn
    assert_valid_input(result.x)
    assert_centred(result.field28)
    assert_ink_box_is_mnist_sized(result.field28)


def assert_ink_box_is_mnist_sized(field28: np.ndarray) -> None:
    rows, cols = np.flatnonzero(field28.any(axis=1)), np.flatnonzero(field28.any(axis=0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == BOX


def test_a_huge_thick_digit_is_scaled_down_to_fit():
    result = preprocess(draw_digit(0, scale=1.3, thickness=40))
    assert_valid_input(result.x)
    assert_centred(result.field28)
    assert_ink_box_is_mnist_sized(result.field28)


@pytest.mark.parametrize("digit", [1, 4, 8])
def test_dark_on_light_rgb_is_detected_and_inverted(digit):
    reference = preprocess(draw_digit(digit))
    photo = preprocess(draw_digit(digit, polarity="dark_on_light", mode="RGB"))
    assert photo.inverted
    np.testing.assert_allclose(photo.field28, reference.field28, atol=1e-6)


def test_rgba_with_ink_only_in_alpha():
    image = draw_digit(3, polarity="dark_on_light", mode="RGBA")
    assert not image[..., :3].any() and set(np.unique(image[..., 3])) == {0, 255}
    result = preprocess(image)
    np.testing.assert_allclose(result.field28, preprocess(draw_digit(3)).field28, atol=1e-6)


def test_white_ink_on_transparent_rgba():
    result = preprocess(draw_digit(3, mode="RGBA"))
    np.testing.assert_allclose(result.field28, preprocess(draw_digit(3)).field28, atol=1e-6)


def test_grey_layouts_and_dtypes_agree():
    gray = draw_digit(5)
    reference = preprocess(gray).input32
    variants = (
        gray / 255.0,
        (gray / 255.0).astype(np.float32),
        gray[..., None],
        gray.astype(np.int64),
        gray.astype(np.uint16) * 257,
    )
    for image in variants:
        np.testing.assert_allclose(preprocess(image).input32, reference, atol=1e-5)


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros(10, dtype=np.uint8),  # 1-D
        np.zeros((4, 28, 28, 1), dtype=np.uint8),  # a batch, not an image
        np.zeros((28, 28, 2), dtype=np.uint8),  # two channels
        np.zeros((28, 28, 5), dtype=np.uint8),
        np.zeros((0, 0), dtype=np.uint8),  # empty
        np.zeros((0, 5, 3)),
        np.full((28, 28), np.nan),
        np.where(draw_digit(1, size=28, thickness=3) > 0, np.inf, 0.0),
        np.full((28, 28), "a"),
        np.array([[object(), 1], [2, 3]], dtype=object),
        np.zeros((28, 28), dtype=np.complex64),
    ],
    ids=["1d", "4d", "2ch", "5ch", "empty", "empty-rgb", "nan", "inf", "strings", "objects", "complex"],
)
def test_arrays_that_are_not_images_are_rejected(bad):
    with pytest.raises(InvalidImageError):
        preprocess(bad)


DTYPES = ("uint8", "uint16", "int8", "int32", "int64", "float16", "float32", "float64", "bool")
SIDES = st.one_of(st.integers(1, 40), st.integers(1, 600), st.integers(1, 4000))


def pixel_values(dtype: str) -> st.SearchStrategy:
    """Any value the dtype holds, with the interesting ones (0, 1, 255, extremes) likely."""
    if dtype == "bool":
        return st.booleans()
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        common = [v for v in (0, 1, 127, 255, 256, -1, 65535) if info.min <= v <= info.max]
        return st.one_of(st.sampled_from(common + [info.min, info.max]), st.integers(info.min, info.max))
    width = {"float16": 16, "float32": 32, "float64": 64}[dtype]
    return st.one_of(st.sampled_from([0.0, 0.5, 1.0, 255.0, -1.0]), st.floats(width=width))


@st.composite
def images(draw) -> np.ndarray:
    """A constant fill with a few rectangles and lines drawn on it: big arrays, drawn cheaply."""
    dtype = draw(st.sampled_from(DTYPES))
    height, width = draw(SIDES), draw(SIDES)
    channels = draw(st.sampled_from([None, 1, 3, 4]))
    shape = (height, width) if channels is None else (height, width, channels)
    values = pixel_values(dtype)
    image = np.full(shape, draw(values), dtype=dtype)
    for _ in range(draw(st.integers(0, 4))):
        top, left = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        bottom, right = draw(st.integers(top + 1, height)), draw(st.integers(left + 1, width))
        if draw(st.booleans()):  # a rectangle, else a one-pixel line along its top or left side
            image[top:bottom, left:right] = draw(values)
        elif draw(st.booleans()):
            image[top, left:right] = draw(values)
        else:
            image[top:bottom, left] = draw(values)
    if channels and draw(st.booleans()):  # one channel differs: colour or alpha
        image[..., draw(st.integers(0, channels - 1))] = draw(values)
    return image


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(images())
def test_any_array_gives_a_valid_input_or_a_digit_image_error(image):
    try:
        result = preprocess(image)
    except DigitImageError:
        return
    assert_valid_input(result.x)


def test_from_mnist_feeds_the_model_exactly_what_it_was_tested_on():
    x28 = np.round(255 * preprocess(draw_digit(7)).field28).astype(np.uint8)
    prep = from_mnist(x28)
    np.testing.assert_array_equal(prep.x, mnist_to_input(x28[None])[0])
    top, left, bottom, right = prep.bbox
    assert (x28[top:bottom, left:right] > 0.25 * 255).any() and prep.box20.shape == (20, 20)
    assert not (x28 > 0.25 * 255)[:top].any() and not (x28 > 0.25 * 255)[bottom:].any()
    with pytest.raises(NoDigitError, match="blank"):
        from_mnist(np.zeros((28, 28), np.uint8))


def _ink_reference(gray: np.ndarray) -> np.ndarray:
    """to_ink's formula on fresh arrays, as it was written before it went in place."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    ink, background = (1.0 - gray, 1.0 - background) if background > 0.5 else (gray, background)
    return np.clip((ink - background) / (float(ink.max()) - background), 0.0, 1.0)


@pytest.mark.parametrize("digit", [0, 4, 7])
@pytest.mark.parametrize("dark_on_light", [False, True])
def test_ink_is_the_reference_formula_bit_for_bit_and_leaves_the_grey_alone(digit, dark_on_light):
    drawn = draw_digit(digit, size=280, thickness=20)
    noisy = np.clip(drawn * 0.8 + np.random.default_rng(digit).integers(0, 40, drawn.shape), 0, 255).astype(np.uint8)
    gray = to_gray(255 - noisy if dark_on_light else noisy)
    before = gray.copy()
    ink, inverted = to_ink(gray)
    assert inverted == dark_on_light and (ink == _ink_reference(before)).all()
    assert (gray == before).all()
