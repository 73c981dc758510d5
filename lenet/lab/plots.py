"""Small charts as RGB arrays, drawn with Pillow (Matplotlib's look in ~1/50 of its time; safe in Streamlit's threads), so
each can be downloaded as a PNG like every other figure.

Each chart is drawn `width_px` wide, the width it is shown at on a 1366x768 projector, with all its text
viz.CHART_FONT_PX pixels high in the PNG: shown about 1:1 there, the text stays legible from the back row.
"""

import functools
from collections.abc import Mapping

import numpy as np
from PIL import Image, ImageDraw

from lenet import viz

WIDTH_PX = 800  # a tab's full width at 1366x768 (about 814 px)
TEXT_PX = viz.CHART_FONT_PX  # every text of every chart here, in PNG pixels


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


BAR_COLOURS = (viz.BARS, viz.HIGHLIGHT, (94, 201, 98))  # blue, orange, a green
BARS_HEIGHT_PX = 340  # as the Matplotlib chart was (3.4 in at 100 dpi)


@functools.lru_cache(maxsize=32)
def _bars_frame(width: int, names: tuple[str, ...], title: str, x_label: str, y_label: str):
    """(the chart without its bars, read-only; the axes' box (left, top, right, bottom) in pixels)."""
    size = TEXT_PX
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


CURVES_ROW_PX = 260  # one row of panels, as the Matplotlib chart had (2.6 in at 100 dpi)
GRID = tuple(round(0.3 * t + 0.7 * b) for t, b in zip(viz.TEXT, viz.BACKGROUND))  # Matplotlib's grid(alpha=0.3)
Y_RANGE = (-0.02, 1.02)  # a probability, with room for the curve's line and markers at 0 and 1
X_MARGIN = 0.05  # of the sweep's range on each side, as Matplotlib pads its data


def _x_range(low: float, high: float) -> tuple[float, float]:
    """A panel's x axis: the sweep's range with X_MARGIN of it on each side."""
    return low - X_MARGIN * (high - low), high + X_MARGIN * (high - low)


def _y_px(p, top: int, bottom: int):
    """Probability (a number or an array) -> pixel row in an axes box from `top` to `bottom` (Y_RANGE)."""
    return bottom - (p - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0]) * (bottom - top)


def probability_curves(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray, float]],
    label: int,
    cols: int = 3,
    width_px: int = WIDTH_PX,
    suptitle: str | None = None,
) -> np.ndarray:
    """One small panel per transform: P(label) against the transform's value, the current value marked,
    (H, W, 3) uint8.

    Drawn with Pillow on a frame drawn once per size and words (_curves_frame): 5.5 ms with its PNG, where
    Matplotlib took 292 ms, 90 % of an Invariance view, which each of 40 students following the teacher with
    their own digit paid (issue 25). The look is Matplotlib's: boxed axes with a light grid, ticks 0, 0.5, 1 and
    a few round values, the curve in blue with dots, the current value an orange line, all text TEXT_PX high.

    Args:
        curves: title -> (values (N,), probabilities of `label` (N,), current value); values ascending.
        suptitle: the figure's title (the caller's words); by default the English one.
    """
    default = f"P(digit {label}) as each transform sweeps its range (orange = current)"
    ranges = tuple((float(values[0]), float(values[-1])) for values, _, _ in curves.values())
    frame, boxes = _curves_frame(width_px, cols, tuple(curves), ranges, suptitle or default)
    image = Image.fromarray(frame.copy())
    draw = ImageDraw.Draw(image)
    for (values, probs, current), (left, top, right, bottom), (low, high) in zip(curves.values(), boxes, ranges):
        x0, x1 = _x_range(low, high)
        xs = left + (np.append(values, current).astype(float) - x0) / (x1 - x0) * (right - left)  # (N + 1,) px
        ys = _y_px(np.clip(probs, 0, 1), top, bottom)  # (N,) px
        points = list(zip(xs[:-1].tolist(), ys.tolist()))
        draw.line(points, fill=viz.BARS, width=3, joint="curve")
        for x, y in points:
            draw.ellipse((x - 2.5, y - 2.5, x + 2.5, y + 2.5), fill=viz.BARS)
        draw.line((xs[-1], top + 1, xs[-1], bottom - 1), fill=viz.HIGHLIGHT, width=2)  # the slider's value
    return np.asarray(image)


@functools.lru_cache(maxsize=16)
def _curves_frame(width: int, cols: int, titles: tuple[str, ...], ranges: tuple[tuple[float, float], ...], title: str):
    """(the panels without their curves, read-only; each panel's axes box (left, top, right, bottom) in pixels)."""
    size = TEXT_PX
    font, pad, line = viz.text_font(size), size // 2, size + 4
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1))).textlength
    panel = width // cols
    heading = _wrap(title, width - 2 * pad, font, measure)
    names = [_wrap(name, panel - 2 * pad, font, measure) for name in titles]
    rows = -(-len(titles) // cols)
    row_lines = [max(len(lines) for lines in names[r * cols : (r + 1) * cols]) for r in range(rows)]  # titles' lines
    band = pad + line * len(heading)  # the figure's title, above the panels
    image = Image.new("RGB", (width, band + rows * CURVES_ROW_PX), viz.BACKGROUND)
    draw, dark = ImageDraw.Draw(image), viz.TEXT
    for n, text in enumerate(heading):
        draw.text((width // 2, pad + n * line), text, fill=dark, font=font, anchor="mt")
    boxes = []
    for n, (lines, (low, high)) in enumerate(zip(names, ranges)):
        x_panel, y_panel = (n % cols) * panel, band + (n // cols) * CURVES_ROW_PX
        for k, text in enumerate(lines):
            draw.text((x_panel + panel // 2, y_panel + pad + k * line), text, fill=dark, font=font, anchor="mt")
        left = x_panel + pad + round(measure("0.0", font=font)) + 10
        top = y_panel + pad + row_lines[n // cols] * line + pad
        right, bottom = x_panel + panel - pad, y_panel + CURVES_ROW_PX - pad - size - 8
        x0, x1 = _x_range(low, high)
        for tick in (0.0, 0.5, 1.0):
            y = round(_y_px(tick, top, bottom))
            draw.line((left, y, right, y), fill=GRID)
            draw.line((left - 4, y, left, y), fill=dark)
            draw.text((left - 6, y), f"{tick:.1f}", fill=dark, font=font, anchor="rm")
        for tick in _ticks(x0, x1):
            x = round(left + (tick - x0) / (x1 - x0) * (right - left))
            draw.line((x, top, x, bottom), fill=GRID)
            draw.line((x, bottom, x, bottom + 4), fill=dark)
            draw.text((x, bottom + 6), f"{tick:g}", fill=dark, font=font, anchor="mt")
        draw.rectangle((left, top, right, bottom), outline=dark)
        boxes.append((left, top, right, bottom))
    frame = np.asarray(image)
    frame.flags.writeable = False  # shared by every call: probability_curves copies it
    return frame, tuple(boxes)


def _ticks(low: float, high: float, bins: int = 4) -> list[float]:
    """Round values from `low` to `high`, 1, 2, 2.5 or 5 times a power of ten apart, the first such step that
    cuts the range into at most `bins` parts (Matplotlib's MaxNLocator(nbins=4), as the old chart had)."""
    raw = (high - low) / bins
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(k * power for k in (1, 2, 2.5, 5, 10) if k * power >= raw * (1 - 1e-9))
    first = np.ceil(low / step - 1e-9) * step
    return [round(float(v), 10) + 0.0 for v in np.arange(first, high + step * 1e-9, step)]  # + 0.0: never "-0"


def _wrap(text: str, width: float, font, measure) -> list[str]:
    """`text` in lines no wider than `width` pixels, broken between words (a longer word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
