"""Canvas digits as a class draws them, in named styles (issue 27): seeded, and no two alike.

Each drawing starts from testkit/digits.py's stroke templates (unit coordinates, y down), bends them by a
smooth random displacement (so the control points move together and the lines stay lines), stretches,
shears and turns them a little, then draws them with a round pen on a 280x280 canvas (the app's), white on
black or black on white. A style fixes the digits, the drawing's height, the pen and where it stands.

    images, labels = generate("thin_6", n=200, seed=0)   # (200, 280, 280) uint8, (200,) int64
"""

import zlib
from dataclasses import dataclass

import numpy as np

from testkit.digits import CLOSED_TOP_4, POLARITIES, ink_lines, stroke_paths, with_polarity

CANVAS = 280  # px, ui/canvas.py's CANVAS_SIZE (testkit does not import ui/)
MAX_TURN = 12.0  # degrees either way: a student's page is not always square to them
JITTER = 0.03  # largest displacement of the smooth bend, in units of the template (1 = the drawing's box)
MARGIN = 2  # px kept clear between the pen's edge and the canvas' edge


@dataclass(frozen=True)
class Style:
    """How one kind of drawing is made; ranges are (low, high) inclusive, drawn uniformly."""

    what: str  # one line, for the benchmark's help
    digits: tuple[int, ...] = tuple(range(10))
    height: tuple[int, int] = (90, 240)  # px: the drawing's height (its centre line, before the pen)
    pen: tuple[int, int] = (10, 30)  # px: the stroke width
    corner: bool = False  # pushed into one of the four corners (else anywhere it fits)
    closed_top_4: bool = False  # a 4 uses CLOSED_TOP_4 instead of the open template


STYLES: dict[str, Style] = {
    "ordinary": Style("any digit, any size and place, pen 10-30 px"),
    "thin": Style("any digit, a fine pen (3-6 px)", pen=(3, 6)),
    "thick": Style("any digit, a marker (35-50 px), large", height=(150, 240), pen=(35, 50)),
    "tiny_corner": Style("any digit 40-70 px tall in a corner, pen 6-14 px", height=(40, 70), pen=(6, 14), corner=True),
    "closed_top_4": Style("4s with a closed top (a 9's loop without the round)", digits=(4,), closed_top_4=True),
    "small_7": Style("7s 50-90 px tall, pen 8-20 px", digits=(7,), height=(50, 90), pen=(8, 20)),
    "thin_6": Style("6s with a fine pen (3-6 px)", digits=(6,), pen=(3, 6)),
}


def generate(name: str, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`n` drawings of style `name`: (images (n, 280, 280) uint8, labels (n,) int64); the same for the same seed,
    whatever other styles are generated (each style has its own stream: the seed and the style's name)."""
    if name not in STYLES:
        raise ValueError(f"Unknown style {name!r}; choose from {list(STYLES)}.")
    style = STYLES[name]
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    labels = rng.choice(style.digits, size=n).astype(np.int64)
    images = np.stack([draw(style, int(d), rng) for d in labels]) if n else np.zeros((0, CANVAS, CANVAS), np.uint8)
    return images, labels


def model_inputs(name: str, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """generate()'s drawings as the model receives them, through the app's preprocessing of a canvas drawing:
    ((n, 32, 32, 1) float32, (n,) int64)."""
    from lenet.preprocess import preprocess

    images, labels = generate(name, n, seed)
    return np.stack([preprocess(image, drawn=True).x for image in images]).reshape(n, 32, 32, 1), labels


def draw(style: Style, digit: int, rng: np.random.Generator) -> np.ndarray:
    """One (280, 280) uint8 drawing of `digit` in `style`."""
    template = CLOSED_TOP_4 if style.closed_top_4 and digit == 4 else stroke_paths(digit)
    strokes = [_bend(np.asarray(s, dtype=float), rng) for s in template]  # each (points, 2), x and y
    strokes = _shape(strokes, rng)
    pen = int(rng.integers(style.pen[0], style.pen[1] + 1))
    strokes = _place(strokes, style, pen, rng)
    ink = ink_lines([[(float(x), float(y)) for x, y in s] for s in strokes], CANVAS, pen)
    return with_polarity(ink, POLARITIES[int(rng.integers(2))])


def _bend(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move every point by the same smooth field: two plane waves of random direction, 0.5-1.5 cycles a unit."""
    for _ in range(2):
        direction = rng.normal(size=2)
        direction /= np.linalg.norm(direction)
        cycles, phase = rng.uniform(0.5, 1.5), rng.uniform(0, 2 * np.pi)
        amplitude = rng.uniform(-JITTER, JITTER, size=2)  # (dx, dy) at the wave's crest
        wave = np.sin(2 * np.pi * cycles * points @ direction + phase)  # (points,)
        points = points + wave[:, None] * amplitude
    return points


def _shape(strokes: list[np.ndarray], rng: np.random.Generator) -> list[np.ndarray]:
    """Stretch (width 0.8-1.15), shear (+-0.2) and turn (+-MAX_TURN degrees) about the template's centre."""
    turn = np.radians(rng.uniform(-MAX_TURN, MAX_TURN))
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    shear = np.array([[1.0, rng.uniform(-0.2, 0.2)], [0.0, 1.0]])
    stretch = np.diag([rng.uniform(0.8, 1.15), 1.0])
    matrix = rotation @ shear @ stretch  # acts on column vectors (x, y)
    return [(s - 0.5) @ matrix.T for s in strokes]


def _place(strokes: list[np.ndarray], style: Style, pen: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Scale to the style's height (less if it would not fit) and shift to a random place where it fits."""
    allpoints = np.concatenate(strokes)
    low, high = allpoints.min(axis=0), allpoints.max(axis=0)
    room = CANVAS - pen - 2 * MARGIN  # the centre line's box must stay this small for the pen to fit
    scale = min(rng.uniform(*style.height) / (high[1] - low[1]), room / max(high - low))
    size = (high - low) * scale  # (width, height) px of the centre line
    edge = pen / 2 + MARGIN
    if style.corner:  # up to 15 px from the two walls of a random corner
        near = edge + rng.uniform(0, 15, size=2)
        top_left = np.where(rng.integers(2, size=2) == 1, CANVAS - near - size, near)
    else:
        top_left = edge + rng.uniform(0, 1, size=2) * (CANVAS - 2 * edge - size)
    return [(s - low) * scale + top_left for s in strokes]
