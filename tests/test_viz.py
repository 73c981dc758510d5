"""lenet.viz: pictures of numbers, checked as arrays."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lenet import viz


def test_colorize_maps_the_range_to_the_ends_of_viridis():
    rgb = viz.colorize(np.array([[0.0, 0.5, 1.0]]), 0.0, 1.0)
    lut = viz.colormap_lut("viridis")
    assert rgb.shape == (1, 3, 3) and rgb.dtype == np.uint8
    assert (rgb[0, 0] == lut[0]).all() and (rgb[0, 2] == lut[255]).all()
    assert rgb[0, 2].sum() > rgb[0, 0].sum()  # viridis runs dark to light


def test_colorize_clips_and_survives_a_constant_layer():
    assert (viz.colorize(np.array([[-5.0, 5.0]]), 0, 1) == viz.colorize(np.array([[0.0, 1.0]]), 0, 1)).all()
    assert viz.colorize(np.zeros((2, 2)), 0.0, 0.0).shape == (2, 2, 3)


def test_value_range_is_shared_and_can_be_symmetric():
    assert viz.value_range([np.array([1.0, 2.0]), np.array([-3.0])]) == (-3.0, 2.0)
    assert viz.value_range(np.array([-0.5, 2.0]), symmetric=True) == (-2.0, 2.0)


def test_upscale_is_nearest_neighbour():
    rgb = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
    big = viz.upscale(rgb, 3)
    assert big.shape == (6, 6, 3)
    assert (big[:3, :3] == rgb[0, 0]).all() and (big[3:, 3:] == rgb[1, 1]).all()


@pytest.mark.parametrize("side, size, expected", [(5, 112, 110), (28, 168, 168), (280, 168, 168), (1000, 100, 100)])
def test_upscale_to_grows_by_whole_factors_and_shrinks_large_images(side, size, expected):
    assert viz.upscale_to(np.zeros((side, side, 3), np.uint8), size).shape == (expected, expected, 3)


def test_map_grid_uses_one_scale_for_the_whole_layer():
    maps = np.zeros((4, 4, 3))
    maps[..., 1] = 1.0  # a bright map among two dark ones
    maps[..., 2] = 0.5
    image = viz.map_grid(maps, "C1", cols=3, tile=8)
    assert image.dtype == np.uint8 and image.ndim == 3
    separate = viz.map_grid(maps[..., 2:], "C1", cols=1, tile=8)  # alone, 0.5 would fill the scale
    assert image.shape[1] > separate.shape[1]
    lut = viz.colormap_lut()
    colours = {tuple(c) for c in image.reshape(-1, 3)}
    assert tuple(lut[0]) in colours and tuple(lut[255]) in colours and tuple(lut[128]) in colours


def test_grid_lays_tiles_out_in_rows():
    tiles = [np.full((10, 10, 3), i * 20, np.uint8) for i in range(5)]
    image = viz.grid(tiles, cols=2, gap=2)
    assert image.shape == (3 * 12 + 2, 2 * 12 + 2, 3)


def test_pad_to_centres_on_the_background():
    padded = viz.pad_to(np.zeros((4, 6, 3), np.uint8), 8)
    assert padded.shape == (8, 8, 3)
    assert (padded[2:6, 1:7] == 0).all() and (padded[0, 0] == viz.BACKGROUND).all()


def test_heat_strip_and_draw_box():
    strip = viz.heat_strip(np.arange(84.0), (12, 7), cell=4)
    assert strip.shape == (48, 28, 3)
    boxed = viz.draw_box(np.zeros((20, 20, 3), np.uint8), (5, 5, 15, 15), width=1)
    assert (boxed[5, 5:15] == viz.BOX_COLOUR).all() and (boxed[10, 10] == 0).all()
    scaled = viz.draw_box(np.zeros((40, 40, 3), np.uint8), (5, 5, 15, 15), scale=2, width=1)
    assert (scaled[10, 10:30] == viz.BOX_COLOUR).all() and (scaled[9, 10] == 0).all()


@pytest.mark.parametrize("shape", [(7, 9, 3), (7, 9)])
def test_png_bytes_decode_to_the_same_pixels(shape):
    rgb = np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)
    png = viz.to_png_bytes(rgb)
    assert png.startswith(b"\x89PNG")
    assert (np.asarray(Image.open(io.BytesIO(png))) == rgb).all()


def test_viz_does_not_import_streamlit():
    source = Path(viz.__file__).read_text()
    assert "streamlit" not in source.replace("No Streamlit", "")


def test_png_bytes_of_an_enlarged_map_decode_exactly_and_are_small():
    rgb = viz.upscale(viz.colorize(np.random.default_rng(1).random((10, 10)), 0, 1), 20)  # 200x200, rows repeat
    png = viz.to_png_bytes(rgb)
    assert (np.asarray(Image.open(io.BytesIO(png))) == rgb).all()
    assert len(png) < rgb.nbytes / 20


def test_the_font_is_loaded_once_per_size():
    assert viz.text_font(18) is viz.text_font(18)


def test_grid_reuses_its_layout_but_not_its_pixels():
    tiles = [np.full((10, 10, 3), 0, np.uint8), np.full((10, 10, 3), 255, np.uint8)]
    first = viz.grid(tiles, cols=2, labels=["a", "b"], highlight=1)
    second = viz.grid(tiles[::-1], cols=2, labels=["a", "b"])
    assert second.flags.writeable  # a copy of the shared layout, not the layout itself
    label_h = 18 + 6
    assert (first[8 + label_h, 8] == 0).all() and (second[8 + label_h, 8] == 255).all()
    assert (first[8 + label_h - 4, 8 + 18 + 10] == viz.HIGHLIGHT).all()  # the orange frame around tile 1


def test_value_table_colours_each_row_by_sign():
    values = np.array([[1.0, -1.0], [0.2, -0.2]])
    image = viz.value_table(values, ["beta", "b"], ["0", "1"], cell=40)
    assert image.shape == (20 + 2 * 40 + 2, 40 + 2 * 40 + 2, 3)
    positive, negative = image[20 + 3, 40 + 3], image[20 + 3, 80 + 3]  # cell corners: no text there
    assert positive[0] > positive[2] and negative[2] > negative[0]  # red for +, blue for -


def test_grey_levels_are_one_channel_of_grey_rgb():
    values = np.linspace(-1.0, 2.0, 48).reshape(6, 8)
    levels = viz.grey_levels(values, -0.5, 1.5)
    assert levels.shape == (6, 8) and levels.dtype == np.uint8 and levels.min() == 0 and levels.max() == 255
    assert (viz.grey_rgb(values, -0.5, 1.5) == levels[..., None]).all()


def _levels_reference(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """The obvious formula, on fresh arrays: what grey_levels and colorize computed before they went in place."""
    span = vmax - vmin if vmax > vmin else 1.0
    return np.round(np.clip((np.asarray(values, dtype=np.float64) - vmin) / span, 0.0, 1.0) * 255)


@pytest.mark.parametrize(
    ("vmin", "vmax"), [(0.0, 1.0), (0, 1), (-0.1, 1.175), (-1.7159, 1.7159), (0.3, 0.3), (2.0, 1.0), (0.0, 3.0)]
)
def test_grey_levels_and_colours_are_the_reference_formula_bit_for_bit(vmin, vmax):
    rng = np.random.default_rng(7)
    halves = (np.arange(256) + 0.5) / 255  # exactly between two levels: rounding half to even
    cases = [
        rng.random((280, 280)),
        rng.normal(size=(32, 32)).astype(np.float32),
        np.concatenate([halves, -halves, [0.0, -0.0, 1.0, 5.0]])[None],
        rng.integers(0, 256, (28, 28), dtype=np.uint8),
    ]
    for values in cases:
        before = values.copy()
        expected = _levels_reference(values, vmin, vmax)
        assert (viz.grey_levels(values, vmin, vmax) == expected.astype(np.uint8)).all()
        assert (viz.colorize(values, vmin, vmax) == viz.colormap_lut()[expected.astype(np.intp)]).all()
        assert (values == before).all()  # the caller's array is not written


def test_the_written_out_colour_maps_are_matplotlib_s():
    from lenet import colour_tables

    assert set(colour_tables.RGB_HEX) == {viz.MAPS_CMAP, viz.WEIGHTS_CMAP}
    for name in colour_tables.RGB_HEX:
        assert (viz.colormap_lut(name) == viz.matplotlib_lut(name)).all(), name
    assert viz.colormap_lut("coolwarm").shape == (256, 3)  # any other map: Matplotlib's, sampled
