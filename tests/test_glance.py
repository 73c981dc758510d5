"""The network-at-a-glance strip and the pictures' font (lenet.glance, lenet.viz), without a browser."""

import numpy as np
import pytest
from fontTools.ttLib import TTFont

from lenet import glance, viz

SHAPES = {"C1": (28, 28, 6), "S2": (14, 14, 6), "C3": (10, 10, 16), "S4": (5, 5, 16), "C5": (120,), "F6": (84,)}


@pytest.fixture
def layers():
    rng = np.random.default_rng(0)
    return {name: rng.normal(size=shape) for name, shape in SHAPES.items()}


def test_the_font_has_every_symbol_the_labels_use():
    """Pillow's default font drew boxes for these: the labels said 'x', 'to' and 'beta' instead."""
    cmap = TTFont(viz.text_font(18).path).getBestCmap()
    missing = [c for c in "×→βσ·…±−≈" if ord(c) not in cmap]
    assert missing == []


def test_a_label_with_a_times_sign_is_drawn_as_text_not_a_box():
    font = viz.text_font(18)
    times, notdef = font.getmask("×"), font.getmask("\ue000")  # a private-use code point: the missing-glyph box
    assert times.size != notdef.size or bytes(times) != bytes(notdef)


def test_each_stage_but_output_is_a_picture_with_one_pixel_per_unit(layers):
    """The page enlarges them (issue 13): montages with 1 px gaps, C5 and F6 as grids, the input in grey."""
    pictures = glance.glance_pictures(np.zeros((32, 32)), layers)
    assert len(pictures) == len(glance.STAGES) - 1 == 7
    shapes = [p.shape for p in pictures]
    assert shapes == [(32, 32), (57, 86, 3), (29, 44, 3), (43, 43, 3), (23, 23, 3), (12, 10, 3), (12, 7, 3)]
    assert all(p.dtype == np.uint8 for p in pictures)


def test_each_layer_picture_follows_its_own_numbers(layers):
    """One scale per layer: a map whose values are all at the layer's minimum is dark purple."""
    layers["C1"][..., 0] = layers["C1"].min()
    c1 = glance.glance_pictures(np.zeros((32, 32)), layers)[1]
    assert (c1[:28, :28] == viz.colormap_lut()[0]).all()  # map 0, the montage's top left
    assert (c1[28] == viz.BACKGROUND).all() and (c1[:, 28] == viz.BACKGROUND).all()  # the gaps


def test_the_output_cells_mark_the_answer_brightest():
    cells = glance.output_cells(np.eye(10)[7])
    assert [digit for digit, _, _ in cells] == list(range(10))
    assert cells[7][1] == tuple(viz.colormap_lut()[255]) and cells[7][2]  # yellow, written in black
    assert all(colour == tuple(viz.colormap_lut()[0]) and not light for d, colour, light in cells if d != 7)


def test_the_shapes_named_in_captions_match_the_layers(layers):
    for name, shape in SHAPES.items():
        text = glance.SHAPES[name]
        maps, _, size = text.partition("@")
        assert int(maps) == shape[-1] and (not size or size == f"{shape[0]}×{shape[1]}")
