"""Small charts as RGB arrays (matplotlib, no pyplot: safe in Streamlit's threads; the bar chart with Pillow), so
each can be downloaded as a PNG like every other figure.

Each chart is drawn `width_px` wide, the width it is shown at on a 1366x768 projector, with all its text
viz.CHART_FONT_PX pixels high in the PNG: shown about 1:1 there, the text stays legible from the back row.
"""

import functools
import textwrap
from collections.abc import Mapping

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw

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
    """Grouped bars of P(digit) for digits 0-9, one colour per series (e.g. before / after), (H, W, 3) uint8; the
    axis labels are the caller's words (ui/ passes them in the page's language).

    Drawn with Pillow on a frame drawn once per size and words (_bars_frame): ~1 ms, where Matplotlib took ~70 ms,
    which 40 students following the teacher's Lesion each paid (issue 25). The look is Matplotlib's: a boxed
    axis, ticks 0.0-1.0 and 0-9, the legend at the upper left, all text viz.CHART_FONT_PX high."""
    names = tuple(series)
    frame, (left, top, right, bottom) = _bars_frame(width_px, names, title, x_label, y_label)
    out, slot = frame.copy(), (right - left) / 10
    width = 0.8 * slot / len(names)
    for n, (probs, colour) in enumerate(zip(series.values(), BAR_COLOURS)):
        for d, p in enumerate(np.clip(np.asarray(probs, dtype=float), 0, 1)):
            x0 = round(left + (d + 0.1) * slot + n * width)
            y0 = round(bottom - p * (bottom - top))
            out[y0:bottom, x0 : round(x0 + width)] = colour
    return out


BAR_COLOURS = (viz.BARS, viz.HIGHLIGHT, (94, 201, 98))  # PRIMARY, SECONDARY, a green
BARS_HEIGHT_PX = 340  # 3.4 in at DPI, as the Matplotlib chart was
BARS_FONT_PX = viz.CHART_FONT_PX  # every text of the bar chart


@functools.lru_cache(maxsize=32)
def _bars_frame(width: int, names: tuple[str, ...], title: str, x_label: str, y_label: str):
    """(the chart without its bars, read-only; the axes' box (left, top, right, bottom) in pixels)."""
    size = BARS_FONT_PX
    font, pad = viz.text_font(size), size // 2
    image = Image.new("RGB", (width, BARS_HEIGHT_PX), viz.BACKGROUND)
    draw = ImageDraw.Draw(image)
    left = pad + size + pad + round(draw.textlength("0.0", font=font)) + pad + 4
    top = pad + size // 2 + (size + pad if title else 0)  # room for the top tick's label
    right, bottom = width - pad - 4, BARS_HEIGHT_PX - pad - 2 * size - 2 * pad - 4
    dark = viz.TEXT
    for k in range(6):  # y ticks 0.0 .. 1.0
        y = round(bottom - k / 5 * (bottom - top))
        draw.line((left - 4, y, left, y), fill=dark)
        draw.text((left - 6, y), f"{k / 5:.1f}", fill=dark, font=font, anchor="rm")
    slot = (right - left) / 10
    for d in range(10):
        x = round(left + (d + 0.5) * slot)
        draw.line((x, bottom, x, bottom + 4), fill=dark)
        draw.text((x, bottom + 6), str(d), fill=dark, font=font, anchor="mt")
    draw.rectangle((left, top, right, bottom), outline=dark)
    draw.text(((left + right) // 2, BARS_HEIGHT_PX - pad), x_label, fill=dark, font=font, anchor="mb")
    if title:
        draw.text(((left + right) // 2, pad), title, fill=dark, font=font, anchor="mt")
    label = Image.new("RGB", (round(draw.textlength(y_label, font=font)) + 2, size + 6), viz.BACKGROUND)
    ImageDraw.Draw(label).text((1, 0), y_label, fill=dark, font=font)
    label = label.rotate(90, expand=True)
    image.paste(label, (pad, (top + bottom - label.height) // 2))
    _legend(draw, names, (left + pad, top + pad), font, size)
    frame = np.asarray(image)
    frame.flags.writeable = False  # shared by every call: probability_bars copies it
    return frame, (left, top, right, bottom)


def _legend(draw: ImageDraw.ImageDraw, names: tuple[str, ...], at: tuple[int, int], font, size: int) -> None:
    """Matplotlib's legend: a framed box of colour swatches and names."""
    x, y = at
    line = size + 8
    wide = max(round(draw.textlength(name, font=font)) for name in names) + 2 * size + 16
    draw.rectangle((x, y, x + wide, y + line * len(names) + 8), fill=viz.BACKGROUND, outline=(204, 204, 204))
    for n, (name, colour) in enumerate(zip(names, BAR_COLOURS)):
        top = y + 6 + n * line
        draw.rectangle((x + 8, top + 4, x + 8 + 1.5 * size, top + 4 + size * 0.7), fill=colour)
        draw.text((x + 16 + 1.5 * size, top), name, fill=viz.TEXT, font=font)


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
