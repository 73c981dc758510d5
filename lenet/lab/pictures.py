"""Pictures for the lab views: RGB uint8 arrays built on `lenet.viz`, large and crisp for a projector."""

import numpy as np
from PIL import Image, ImageDraw

from lenet import viz
from lenet.lab.unit import UnitMath
from lenet.paper import C3_CONNECTIONS, INPUT_BACKGROUND, INPUT_FOREGROUND

INPUT_PX = 320  # the 32x32 input drawn 10x
TILE_PX = 150  # one window / kernel / products tile
CUT = (214, 39, 40)  # a cut connection or silenced map
FEEDS = viz.HIGHLIGHT  # the connections that feed the chosen C3 map
CONNECTED = tuple(int(v) for v in viz.colormap_lut(viz.MAPS_CMAP)[40])
EMPTY = (240, 240, 240)
INK_SHADE = 0.45  # how dark the digit's ink is drawn under a heat map


def input_image(x: np.ndarray, size: int = INPUT_PX) -> np.ndarray:
    """(32, 32[, 1]) model input -> grey RGB, background black and ink white, enlarged."""
    image = np.asarray(x).reshape(32, 32)
    return viz.upscale_to(viz.grey_rgb(image, INPUT_BACKGROUND, INPUT_FOREGROUND), size)


def input_with_box(x: np.ndarray, extent: tuple[int, int, int, int], size: int = INPUT_PX) -> np.ndarray:
    """The input with a unit's receptive field (top, left, bottom, right) outlined."""
    return viz.draw_box(input_image(x, size), extent, scale=size // 32, width=4)


def signed(values: np.ndarray, size: int = TILE_PX, bound: float | None = None) -> np.ndarray:
    """(H, W) signed numbers -> blue (negative) / white / red (positive), symmetric scale, enlarged."""
    bound = bound or max(float(np.max(np.abs(values))), 1e-12)
    return viz.upscale_to(viz.colorize(values, -bound, bound, viz.WEIGHTS_CMAP), size)


def unit_tiles(m: UnitMath, source: str, size: int = TILE_PX) -> np.ndarray:
    """One row per input map read: its window, its weights, their products (F6: 120 as 10x12)."""
    shape = (10, 12) if m.layer == "F6" else m.window.shape[1:]
    bounds = [max(float(np.max(np.abs(a))), 1e-12) for a in (m.window, m.weights, m.products)]
    tiles, labels = [], []
    for g, j in enumerate(m.input_maps):
        name = source if m.layer in ("C1", "F6") else f"{source}·{j}"
        for array, title, bound in zip((m.window, m.weights, m.products), (name, "weights", "products"), bounds):
            tiles.append(signed(array[g].reshape(shape), size, bound))
            labels.append(title)
    return viz.grid(tiles, 3, labels, font_size=20)


def connection_table(
    chosen: int | None = None,
    cut: frozenset = frozenset(),
    silenced_s2: frozenset = frozenset(),
    silenced_c3: frozenset = frozenset(),
    cell: int = 44,
) -> np.ndarray:
    """Table I as a picture: rows S2 maps 0-5, columns C3 maps 0-15 (the only place it is drawn).

    Dark = connected; orange = feeds the `chosen` C3 map; red = cut, or in a silenced row/column.
    """
    margin = cell + 16
    image = Image.new("RGB", (margin + 16 * cell + 2, margin + 6 * cell + 2), viz.BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = viz.text_font(int(cell * 0.42))
    for i, maps in enumerate(C3_CONNECTIONS):
        draw.text((margin + i * cell + cell // 2, margin // 2), str(i), fill=viz.TEXT, font=font, anchor="mm")
        for j in range(6):
            x, y = margin + i * cell, margin + j * cell
            lost = (j, i) in cut or j in silenced_s2 or i in silenced_c3
            fill = EMPTY if j not in maps else CUT if lost else FEEDS if i == chosen else CONNECTED
            draw.rectangle((x, y, x + cell, y + cell), fill=fill, outline=(190, 190, 190))
    for j in range(6):
        draw.text((margin // 2, margin + j * cell + cell // 2), f"S2·{j}", fill=viz.TEXT, font=font, anchor="mm")
    if chosen is not None:  # frame the chosen column
        x = margin + chosen * cell
        draw.rectangle((x - 2, margin - 2, x + cell + 2, margin + 6 * cell + 2), outline=FEEDS, width=4)
    return np.asarray(image)


def overlay(x: np.ndarray, heat: np.ndarray, size: int = INPUT_PX) -> np.ndarray:
    """A signed (32, 32) heat map (red +, white 0, blue -) with the digit's ink shown in grey under it."""
    ink = (np.asarray(x, dtype=np.float64).reshape(32, 32) - INPUT_BACKGROUND) / (INPUT_FOREGROUND - INPUT_BACKGROUND)
    bound = max(float(np.max(np.abs(heat))), 1e-12)
    colour = viz.colorize(heat, -bound, bound, viz.WEIGHTS_CMAP).astype(np.float64)  # (32, 32, 3)
    shaded = colour * (1.0 - INK_SHADE * np.clip(ink, 0.0, 1.0))[..., None]  # ink darkens, colours stay
    return viz.upscale_to(np.round(shaded).astype(np.uint8), size)
