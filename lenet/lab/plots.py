"""Small charts as RGB arrays (matplotlib, no pyplot: safe in Streamlit's threads), so each can be
downloaded as a PNG like every other figure."""

from collections.abc import Mapping

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lenet import viz

FONT = 14  # pt; readable on a projector at the figure's size
PRIMARY, SECONDARY = viz.hex_colour(viz.BARS), viz.hex_colour(viz.HIGHLIGHT)


def to_rgb(figure: Figure) -> np.ndarray:
    """Render a matplotlib figure to (H, W, 3) uint8."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def probability_bars(series: Mapping[str, np.ndarray], title: str = "") -> np.ndarray:
    """Grouped bars of P(digit) for digits 0-9, one colour per series (e.g. before / after)."""
    figure = Figure(figsize=(8, 3.4), dpi=100, layout="constrained")
    ax = figure.add_subplot()
    width = 0.8 / len(series)
    for n, ((name, probs), colour) in enumerate(zip(series.items(), (PRIMARY, SECONDARY, "#5ec962"))):
        ax.bar(np.arange(10) + (n - (len(series) - 1) / 2) * width, probs, width, label=name, color=colour)
    ax.set_xticks(range(10))
    ax.set_ylim(0, 1)
    ax.set_xlabel("digit", fontsize=FONT)
    ax.set_ylabel("probability", fontsize=FONT)
    ax.tick_params(labelsize=FONT)
    ax.legend(fontsize=FONT - 2, loc="upper left")
    ax.set_title(title, fontsize=FONT)
    return to_rgb(figure)


def probability_curves(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray, float]], label: int, cols: int = 4
) -> np.ndarray:
    """One small panel per transform: P(label) against the transform's value, the current value marked.

    Args:
        curves: title -> (values (N,), probabilities of `label` (N,), current value).
    """
    rows = -(-len(curves) // cols)
    figure = Figure(figsize=(3.0 * cols, 2.5 * rows), dpi=100, layout="constrained")  # shown ~1:1 on a 1400 px screen
    for n, (title, (values, probs, current)) in enumerate(curves.items()):
        ax = figure.add_subplot(rows, cols, n + 1)
        ax.plot(values, probs, color=PRIMARY, linewidth=2.5, marker="o", markersize=3)
        ax.axvline(current, color=SECONDARY, linewidth=2)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(title, fontsize=FONT - 1)
        ax.tick_params(labelsize=FONT - 2)
        ax.set_yticks([0, 0.5, 1])  # few, large ticks: readable on a projector
        ax.grid(alpha=0.3)
    figure.suptitle(f"P(digit {label}) as each transform sweeps its range (orange = current)", fontsize=FONT)
    return to_rgb(figure)
