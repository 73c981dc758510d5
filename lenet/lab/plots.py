"""Small charts as RGB arrays (matplotlib, no pyplot: safe in Streamlit's threads), so each can be
downloaded as a PNG like every other figure.

Each chart is drawn `width_px` wide, the width it is shown at on a 1366x768 projector, with all its text
viz.CHART_FONT_PX pixels high in the PNG: shown about 1:1 there, the text stays legible from the back row.
"""

import textwrap
from collections.abc import Mapping

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lenet import viz

DPI = 100
FONT = viz.CHART_FONT_PX * 72 / DPI  # pt: every text CHART_FONT_PX pixels high in the PNG
WIDTH_PX = 800  # a tab's full width at 1366x768 (about 814 px)
PRIMARY, SECONDARY = viz.hex_colour(viz.BARS), viz.hex_colour(viz.HIGHLIGHT)


def to_rgb(figure: Figure) -> np.ndarray:
    """Render a matplotlib figure to (H, W, 3) uint8."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def probability_bars(
    series: Mapping[str, np.ndarray],
    title: str = "",
    width_px: int = WIDTH_PX,
    x_label: str = "digit",
    y_label: str = "probability",
) -> np.ndarray:
    """Grouped bars of P(digit) for digits 0-9, one colour per series (e.g. before / after); the axis labels are
    the caller's words (ui/ passes them in the page's language)."""
    figure = Figure(figsize=(width_px / DPI, 3.4), dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    width = 0.8 / len(series)
    for n, ((name, probs), colour) in enumerate(zip(series.items(), (PRIMARY, SECONDARY, "#5ec962"))):
        ax.bar(np.arange(10) + (n - (len(series) - 1) / 2) * width, probs, width, label=name, color=colour)
    ax.set_xticks(range(10))
    ax.set_ylim(0, 1)
    ax.set_xlabel(x_label, fontsize=FONT)
    ax.set_ylabel(y_label, fontsize=FONT)
    ax.tick_params(labelsize=FONT)
    ax.legend(fontsize=FONT, loc="upper left")
    ax.set_title(title, fontsize=FONT)
    return to_rgb(figure)


def probability_curves(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray, float]],
    label: int,
    cols: int = 3,
    width_px: int = WIDTH_PX,
    suptitle: str | None = None,
) -> np.ndarray:
    """One small panel per transform: P(label) against the transform's value, the current value marked.

    Args:
        curves: title -> (values (N,), probabilities of `label` (N,), current value).
        suptitle: the figure's title (the caller's words); by default the English one.
    """
    rows = -(-len(curves) // cols)
    figure = Figure(figsize=(width_px / DPI, 2.6 * rows + 0.5), dpi=DPI, layout="constrained")
    chars = int(width_px / cols / (0.6 * viz.CHART_FONT_PX))  # a title wider than its panel goes on two lines
    for n, (title, (values, probs, current)) in enumerate(curves.items()):
        ax = figure.add_subplot(rows, cols, n + 1)
        ax.plot(values, probs, color=PRIMARY, linewidth=2.5, marker="o", markersize=3)
        ax.axvline(current, color=SECONDARY, linewidth=2)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(textwrap.fill(title, chars), fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.set_yticks([0, 0.5, 1])  # few, large ticks: readable on a projector
        ax.locator_params(axis="x", nbins=4)
        ax.grid(alpha=0.3)
    default = f"P(digit {label}) as each transform sweeps its range (orange = current)"
    figure.suptitle(suptitle or default, fontsize=FONT)
    return to_rgb(figure)
