"""The network-at-a-glance strip and the pictures' font (lenet.glance, lenet.viz), without a browser."""

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from lenet import glance, viz

SHAPES = {"C1": (28, 28, 6), "S2": (14, 14, 6), "C3": (10, 10, 16), "S4": (5, 5, 16), "C5": (120,), "F6": (84,)}


@pytest.fixture
def layers():
    rng = np.random.default_rng(0)
    return {name: rng.normal(size=shape) for name, shape in SHAPES.items()}


def test_the_font_has_every_symbol_the_labels_use():
    """Pillow's default font drew boxes for these: the labels said 'x', 'to' and 'beta' instead."""
    cmap = TTFont(viz._font(18).path).getBestCmap()
    missing = [c for c in "×→βσ·…±−≈" if ord(c) not in cmap]
    assert missing == []


def test_a_label_with_a_times_sign_is_drawn_as_text_not_a_box():
    font = viz._font(18)
    times, notdef = font.getmask("×"), font.getmask("\ue000")  # a private-use code point: the missing-glyph box
    assert times.size != notdef.size or bytes(times) != bytes(notdef)


def test_the_strip_has_one_labelled_tile_per_stage(layers):
    probabilities = np.eye(10)[3]
    tiles = glance.glance_tiles(np.zeros((32, 32)), layers, probabilities, size=100)
    assert len(tiles) == len(glance.STAGES) == 8
    assert {t.shape for t in tiles} == {(100, 100, 3)}
    strip = glance.glance_strip(np.zeros((32, 32)), layers, probabilities, size=100)
    assert strip.shape[1] == 8 * (100 + 6) + 6 and strip.shape[0] > 100  # tiles side by side, labels above


def test_each_layer_tile_follows_its_own_numbers(layers):
    """One scale per layer: a map whose values are all at the layer's minimum is dark purple."""
    layers["C1"][..., 0] = layers["C1"].min()
    tile = glance.glance_tiles(np.zeros((32, 32)), layers, np.full(10, 0.1), size=120)[1]
    assert (tile == viz.colormap_lut()[0]).all(axis=-1).sum() > 28 * 28 * 0.9  # map 0 (enlarged 1x) is all darkest


def test_the_output_tile_marks_the_answer_brightest(layers):
    probabilities = np.eye(10)[7]
    tile = glance.glance_tiles(np.zeros((32, 32)), layers, probabilities, size=120)[-1]
    yellow = (tile == viz.colormap_lut()[255]).all(axis=-1)
    rows, cols = np.nonzero(yellow)
    assert yellow.sum() > 100
    assert cols.min() >= 60 and 24 * 2 <= rows.min() < 24 * 3 + 10  # digit 7: column 1, row 2 of the 5x2 grid


def test_the_shapes_named_in_captions_match_the_layers(layers):
    for name, shape in SHAPES.items():
        text = glance.SHAPES[name]
        maps, _, size = text.partition("@")
        assert int(maps) == shape[-1] and (not size or size == f"{shape[0]}×{shape[1]}")


@pytest.mark.parametrize("probabilities", [np.eye(10)[7], np.full(10, 0.1), np.linspace(0.0, 0.18, 10)])
def test_the_output_tile_writes_each_digit_as_pillow_draws_it(probabilities):
    """The digits are drawn once and blended in (issue 13): the tile must equal Pillow writing them on it."""
    size, (rows, cols) = 120, glance.UNIT_GRIDS["OUTPUT"]
    cell = size // rows
    cells = viz.colorize(probabilities.reshape(cols, rows).T, 0.0, 1.0)
    image = Image.fromarray(viz.pad_to(viz.upscale(cells, cell), size, viz.BACKGROUND))
    draw, offset = ImageDraw.Draw(image), ((size - cols * cell) // 2, (size - rows * cell) // 2)
    for digit, p in enumerate(probabilities):
        col, row = divmod(digit, rows)
        centre = (offset[0] + col * cell + cell // 2, offset[1] + row * cell + cell // 2)
        ink = (0, 0, 0) if p > 0.5 else (255, 255, 255)
        draw.text(centre, str(digit), fill=ink, font=viz._font(max(10, cell * 2 // 3)), anchor="mm")
    tile = glance._output_tile(probabilities, size)
    assert np.abs(tile.astype(int) - np.asarray(image)).max() <= 1
