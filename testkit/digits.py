"""Synthetic handwritten-style digits for tests: stroke paths drawn with Pillow (no MNIST needed).

`stroke_paths(d)` gives each digit as a few polylines in unit coordinates, (x, y) in [0, 1]
with y pointing down, so browser tests can replay them with the mouse on a canvas;
`draw_digit(d)` rasterises the same paths into an image array.
"""

import numpy as np
from PIL import Image, ImageDraw

Point = tuple[float, float]
POLARITIES = ("light_on_dark", "dark_on_light")
MODES = ("L", "RGB", "RGBA")


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, stop: float, n: int = 24) -> list[Point]:
    """Points on an ellipse from angle `start` to `stop` in degrees (0 = right, 90 = down)."""
    t = np.radians(np.linspace(start, stop, n))
    return [(float(cx + rx * np.cos(a)), float(cy + ry * np.sin(a))) for a in t]


# Each digit: a list of strokes, each a polyline the pen follows without lifting.
_STROKES: dict[int, list[list[Point]]] = {
    0: [_arc(0.5, 0.5, 0.2, 0.32, -90, 270, 36)],
    1: [[(0.38, 0.27), (0.52, 0.16), (0.52, 0.84)]],
    2: [_arc(0.5, 0.34, 0.19, 0.18, 180, 380) + [(0.3, 0.84), (0.72, 0.84)]],
    3: [_arc(0.49, 0.32, 0.17, 0.16, -150, 90), _arc(0.49, 0.66, 0.19, 0.18, -90, 150)],
    4: [[(0.62, 0.84), (0.62, 0.16), (0.28, 0.62), (0.76, 0.62)]],
    5: [[(0.7, 0.16), (0.37, 0.16), (0.35, 0.47)] + _arc(0.5, 0.63, 0.2, 0.2, -130, 150)],
    6: [[(0.64, 0.16), (0.46, 0.3), (0.33, 0.5)] + _arc(0.51, 0.66, 0.18, 0.18, 180, 540, 36)],
    7: [[(0.28, 0.16), (0.72, 0.16), (0.43, 0.84)]],
    8: [_arc(0.5, 0.31, 0.15, 0.15, 90, 450, 30), _arc(0.5, 0.66, 0.19, 0.18, -90, 270, 36)],
    9: [_arc(0.5, 0.34, 0.18, 0.18, 0, 360, 36) + [(0.66, 0.6), (0.6, 0.84)]],
}


def stroke_paths(digit: int) -> list[list[Point]]:
    """The pen strokes of `digit` (0-9), polylines of (x, y) in [0, 1], y down."""
    if digit not in _STROKES:
        raise ValueError(f"digit must be 0-9, got {digit!r}")
    return [list(stroke) for stroke in _STROKES[digit]]


# A 4 drawn with a closed top (one stroke: up the stem, left across the top, down, then the crossbar), the
# shape that reads as a 9 without its round (issue 27); not among _STROKES, so stroke_paths(4) stays open.
CLOSED_TOP_4: list[list[Point]] = [[(0.62, 0.84), (0.62, 0.16), (0.33, 0.19), (0.3, 0.58), (0.76, 0.58)]]


def _ink_mask(digit: int, size: int, thickness: int, offset: tuple[int, int], scale: float) -> np.ndarray:
    """(size, size) uint8, 255 on the strokes and 0 elsewhere."""
    # Scale about the centre, then shift by whole pixels.
    strokes = [
        [
            ((0.5 + (x - 0.5) * scale) * size + offset[0], (0.5 + (y - 0.5) * scale) * size + offset[1])
            for x, y in stroke
        ]
        for stroke in stroke_paths(digit)
    ]
    return ink_lines(strokes, size, thickness)


def ink_lines(strokes: list[list[Point]], size: int, thickness: int) -> np.ndarray:
    """(size, size) uint8, 255 on polylines given in pixels, drawn with a round pen `thickness` px wide."""
    canvas = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(canvas)
    radius = thickness / 2
    for points in strokes:
        draw.line(points, fill=255, width=thickness, joint="curve")
        for x, y in (points[0], points[-1]):  # round pen caps
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return np.asarray(canvas)


def with_polarity(ink: np.ndarray, polarity: str) -> np.ndarray:
    """A uint8 ink mask (255 = ink) as a grey image: itself for light_on_dark, inverted for dark_on_light."""
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}")
    return ink if polarity == "light_on_dark" else 255 - ink


def draw_digit(
    digit: int,
    size: int = 280,
    thickness: int = 18,
    polarity: str = "light_on_dark",
    mode: str = "L",
    offset: tuple[int, int] = (0, 0),
    scale: float = 1.0,
) -> np.ndarray:
    """A (size, size) uint8 image of `digit`, (size, size, 3|4) for mode "RGB"/"RGBA".

    Args:
        polarity: "light_on_dark" (white ink on black, like MNIST) or "dark_on_light" (like paper).
        mode: "L", "RGB", or "RGBA" on a transparent background (alpha 0), ink where alpha is 255,
            its colour white for light_on_dark and black for dark_on_light (a browser canvas).
        offset: (dx, dy) shift of the drawing in pixels.
        scale: size of the drawing relative to the default, about the image centre.
    """
    if polarity not in POLARITIES or mode not in MODES:
        raise ValueError(f"polarity must be one of {POLARITIES} and mode one of {MODES}")
    ink = _ink_mask(digit, size, thickness, offset, scale)
    if mode == "RGBA":
        colour = 255 if polarity == "light_on_dark" else 0
        rgb = np.where(ink[..., None] > 0, colour, 0).repeat(3, axis=-1)
        return np.dstack([rgb, ink]).astype(np.uint8)
    gray = with_polarity(ink, polarity)
    return gray if mode == "L" else np.repeat(gray[..., None], 3, axis=-1)


def write_digits_npz(path, per_digit: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Save an MNIST-layout npz of synthetic digits (28x28 uint8, centred like MNIST), train = test."""
    from lenet.preprocess import preprocess

    y = np.repeat(np.arange(10), per_digit)
    x = np.stack([preprocess(draw_digit(int(d), thickness=14 + 6 * (i % 3))).field28 for i, d in enumerate(y)])
    x = np.round(255 * x).astype(np.uint8)
    np.savez(path, x_train=x, y_train=y, x_test=x, y_test=y)
    return x, y
