"""lenet/lab/plots.py's bar chart (drawn with Pillow since issue 25, ~1 ms where Matplotlib took ~70): each bar's
height in pixels is its probability times the axis' height, each series in its colour, beside the others."""

import numpy as np

from lenet import viz
from lenet.lab import plots


def bar_heights(image: np.ndarray, colour: tuple[int, int, int]) -> list[int]:
    """The height in pixels of each run of columns of `colour` (a bar), left to right."""
    mask = np.all(image == colour, axis=-1)  # (H, W)
    heights, columns = mask.sum(axis=0), np.flatnonzero(mask.any(axis=0))
    runs = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
    return [int(heights[run].max()) for run in runs if len(run)]


def test_bars_are_as_tall_as_their_probabilities():
    probs = np.array([0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0])
    image = plots.probability_bars({"one": probs})
    _, (_, top, _, bottom) = plots._bars_frame(plots.WIDTH_PX, ("one",), "", "digit", "probability")
    assert image.shape == (plots.BARS_HEIGHT_PX, plots.WIDTH_PX, 3) and image.dtype == np.uint8
    legend_swatch = 1
    heights = bar_heights(image[: bottom + 1], viz.BARS)[legend_swatch:]
    expected = [round(p * (bottom - top)) for p in probs if round(p * (bottom - top)) > 0]
    assert np.allclose(heights, expected, atol=1)


def test_two_series_stand_side_by_side_in_their_colours():
    before, after = np.full(10, 0.1), np.eye(10)[4] * 0.8
    image = plots.probability_bars({"intact": before, "lesioned": after})
    _, (_, _, _, bottom) = plots._bars_frame(plots.WIDTH_PX, ("intact", "lesioned"), "", "digit", "probability")
    feet = image[bottom - 5 : bottom]  # just above the x axis: every bar, no legend
    blue, orange = np.all(feet == viz.BARS, axis=-1).any(axis=0), np.all(feet == viz.HIGHLIGHT, axis=-1).any(axis=0)
    assert len(bar_heights(image[bottom - 5 : bottom], viz.BARS)) == 10
    assert len(bar_heights(image[bottom - 5 : bottom], viz.HIGHLIGHT)) == 1
    x_blue, x_orange = np.flatnonzero(blue), np.flatnonzero(orange)
    digit4 = x_blue[(x_blue > x_orange.min() - 60) & (x_blue < x_orange.min())]
    assert len(digit4) and x_orange.min() == digit4.max() + 1  # digit 4's orange bar right beside its blue one


def test_the_frame_is_drawn_once_per_size_and_words():
    plots._bars_frame.cache_clear()
    for _ in range(3):
        plots.probability_bars({"a": np.full(10, 0.1)}, width_px=450)
    assert plots._bars_frame.cache_info().misses == 1
