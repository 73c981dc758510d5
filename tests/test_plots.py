"""lenet/lab/plots.py's charts, drawn with Pillow since issue 25 (the bars ~1 ms where Matplotlib took ~70, the
curves ~5 ms where it took ~290): each bar's height in pixels is its probability times the axis' height, each
series in its colour, beside the others; each curve at its probabilities, the slider's value in orange."""

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


def test_each_curve_is_drawn_at_its_probabilities_with_the_current_value_in_orange():
    values = np.linspace(-8, 8, 21)
    curves = {"sure": (values, np.ones(21), 4.0), "never": (values, np.zeros(21), -8.0)}
    image = plots.probability_curves(curves, 3, suptitle="t")
    _, boxes = plots._curves_frame(plots.WIDTH_PX, 3, tuple(curves), ((-8.0, 8.0), (-8.0, 8.0)), "t")
    x0, x1 = -8 - 0.8, 8 + 0.8  # the sweep's range and Matplotlib's 5 % margins
    for (left, top, right, bottom), probability, current in zip(boxes, (1.0, 0.0), (4.0, -8.0)):
        axes = image[top : bottom + 1, left : right + 1]
        rows = np.flatnonzero(np.all(axes == viz.BARS, axis=-1).any(axis=1)) + top
        expected_y = bottom - (probability + 0.02) / 1.04 * (bottom - top)
        assert abs(np.median(rows) - expected_y) <= 1.5 and rows.max() - rows.min() <= 6  # one flat line
        columns = np.flatnonzero(np.all(axes == viz.HIGHLIGHT, axis=-1).any(axis=0)) + left
        expected_x = left + (current - x0) / (x1 - x0) * (right - left)
        assert len(columns) and abs(columns.mean() - expected_x) <= 1.5 and np.ptp(columns) <= 2


def test_the_curves_text_is_drawn_text_px_high():
    """The legibility check (tests/e2e/test_legible.py) trusts TEXT_PX: here the glyphs drawn are measured. The
    title's tallest letters ("P" and the brackets' ascent) stand at least 0.7 TEXT_PX high in the PNG."""
    curves = {"Shift right (px)": (np.linspace(-8, 8, 21), np.full(21, 0.5), 0.0)}
    image = plots.probability_curves(curves, 3, suptitle="P(digit 3)")
    ink = np.flatnonzero(image[: plots.TEXT_PX * 2].min(axis=(1, 2)) < 128)  # the title's dark rows (above the panels)
    assert plots.TEXT_PX * 0.7 <= ink.max() - ink.min() + 1 <= plots.TEXT_PX * 1.5


def test_x_ticks_are_round_values_as_matplotlib_chose_them():
    assert plots._ticks(-8.8, 8.8) == [-5.0, 0.0, 5.0]  # shift (px)
    assert plots._ticks(0.45, 1.55) == [0.5, 1.0, 1.5]  # scale
    assert plots._ticks(-66.0, 66.0) == [-50.0, 0.0, 50.0]  # rotate (deg)
    assert plots._ticks(-1.15, 2.15) == [-1.0, 0.0, 1.0, 2.0]  # thicken (px)
    assert plots._ticks(-0.025, 0.525) == [0.0, 0.2, 0.4]  # noise: 0, never "-0"
    assert str(plots._ticks(-0.025, 0.525)[0]) == "0.0"


def test_the_curves_frame_is_drawn_once_per_size_and_words():
    plots._curves_frame.cache_clear()
    for p in (0.2, 0.5, 0.9):
        plots.probability_curves({"a": (np.linspace(0, 1, 5), np.full(5, p), 0.5)}, 1)
    assert plots._curves_frame.cache_info().misses == 1
