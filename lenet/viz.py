"""Render LeNet-5's numbers as pictures: RGB uint8 arrays, crisp on a projector. No Streamlit here.

Feature maps use a perceptually uniform colour map (viridis) with ONE scale per layer, so a bright
map is brighter than its neighbours because its numbers are larger, not because it was stretched.
Signed weights use a diverging map with a scale symmetric around zero. Small maps are enlarged by
nearest neighbour so every unit stays a sharp square.
"""

import importlib.util
import struct
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from lenet import colour_tables

MAPS_CMAP = "viridis"  # activations: perceptually uniform, readable in grey and by the colour-blind
WEIGHTS_CMAP = "RdBu_r"  # signed weights: blue negative, white zero, red positive
BACKGROUND = (255, 255, 255)  # gaps between tiles, on the app's light theme
TEXT = (20, 20, 20)
# Every chart's text (ticks, legends, axis titles), in pixels as shown on a 1366x768 projector: legible from a
# classroom's back row (issue 21). ui.charts' Vega-Lite config and lenet.lab.plots' figures take it from here.
CHART_FONT_PX = 18
HIGHLIGHT = (255, 90, 40)  # orange, the app's one highlight: the ink box, a chosen tile, wire or value
BOX_COLOUR = HIGHLIGHT  # the ink bounding box: orange stands out from grey ink
BARS = (59, 82, 139)  # the dark blue of bars and curves (viridis at 0.25)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    """(255, 90, 40) -> "#ff5a28", for charts that take CSS colours."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@lru_cache(maxsize=8)
def colormap_lut(name: str = MAPS_CMAP) -> np.ndarray:
    """(256, 3) uint8 lookup table of a matplotlib colour map; viridis (the maps', every stroke's) and RdBu_r (the
    weights') from their written-out tables (lenet/colour_tables.py), so a page does not wait for Matplotlib."""
    if name in colour_tables.RGB_HEX:
        return colour_tables.table(name)
    return matplotlib_lut(name)


def matplotlib_lut(name: str) -> np.ndarray:
    """(256, 3) uint8: Matplotlib's colour map `name` sampled at 256 even steps, rounded."""
    from matplotlib import colormaps  # imported here: only the table is needed, once

    return (colormaps[name](np.linspace(0.0, 1.0, 256))[:, :3] * 255).round().astype(np.uint8)


def value_range(values: np.ndarray | Sequence[np.ndarray], symmetric: bool = False) -> tuple[float, float]:
    """(vmin, vmax) shared by all `values`; symmetric around 0 for signed weights."""
    parts = values if isinstance(values, (list, tuple)) else [values]
    flat = np.concatenate([np.ravel(v) for v in parts])
    if symmetric:
        bound = float(np.max(np.abs(flat))) if flat.size else 1.0
        return -bound, bound
    return float(flat.min()), float(flat.max())


def colorize(values: np.ndarray, vmin: float, vmax: float, cmap: str = MAPS_CMAP) -> np.ndarray:
    """(H, W) numbers -> (H, W, 3) uint8 through `cmap`, vmin at the bottom and vmax at the top."""
    return colormap_lut(cmap)[_levels(values, vmin, vmax).astype(np.intp)]


def grey_rgb(image: np.ndarray, vmin: float = 0.0, vmax: float = 1.0) -> np.ndarray:
    """(H, W) numbers -> (H, W, 3) uint8 grey, vmin black and vmax white: grey_levels in three channels."""
    return np.repeat(grey_levels(image, vmin, vmax)[..., None], 3, axis=-1)


def grey_levels(image: np.ndarray, vmin: float = 0.0, vmax: float = 1.0) -> np.ndarray:
    """(H, W) numbers -> (H, W) uint8, vmin 0 and vmax 255: grey_rgb()'s one channel (a grey PNG is 1/3 the bytes)."""
    return _levels(image, vmin, vmax).astype(np.uint8)


def _levels(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """round(255 * clip((values - vmin) / span, 0, 1)) as float64, the shape of `values`; a constant layer
    (vmax <= vmin) has span 1 and shows as one flat level. In place on one copy, skipping the no-op - 0 and / 1:
    np.clip and np.round on fresh arrays cost 0.9 ms for a 280x280 drawing, 13x this (bit for bit the same)."""
    span = vmax - vmin if vmax > vmin else 1.0
    level = np.array(values, dtype=np.float64)  # a copy: the caller's array is never written
    if vmin != 0.0:
        level -= vmin
    if span != 1.0:
        level /= span
    np.clip(level, 0.0, 1.0, out=level)
    level *= 255
    return np.rint(level, out=level)  # np.round(x) with 0 decimals: half to even, as rint


def upscale(rgb: np.ndarray, factor: int) -> np.ndarray:
    """Enlarge by an integer factor, nearest neighbour (each unit becomes a factor x factor square)."""
    factor = max(1, int(factor))
    return np.repeat(np.repeat(rgb, factor, axis=1), factor, axis=0)  # widen the small image, then copy whole rows


def upscale_to(rgb: np.ndarray, size: int) -> np.ndarray:
    """Longest side about `size`: small images grow by an integer factor (nearest neighbour, crisp),
    images larger than `size` shrink by area averaging."""
    height, width = rgb.shape[:2]
    if max(height, width) <= size:
        return upscale(rgb, size // max(height, width))
    scale = size / max(height, width)
    shape = (max(1, round(width * scale)), max(1, round(height * scale)))  # Pillow wants (w, h)
    return np.asarray(Image.fromarray(rgb).resize(shape, Image.Resampling.BOX))


def pad_to(rgb: np.ndarray, size: int, colour: tuple[int, int, int] = BACKGROUND) -> np.ndarray:
    """Centre `rgb` on a (size, size) field of `colour`, so pictures of different sizes line up."""
    height, width = rgb.shape[:2]
    out = np.full((max(size, height), max(size, width), 3), colour, np.uint8)
    top, left = (out.shape[0] - height) // 2, (out.shape[1] - width) // 2
    out[top : top + height, left : left + width] = rgb
    return out


def draw_box(rgb: np.ndarray, box: tuple[int, int, int, int], scale: float = 1.0, width: int = 3) -> np.ndarray:
    """A copy of `rgb` with the (top, left, bottom, right) box, given in pixels before a `scale`, outlined."""
    image = Image.fromarray(rgb)
    top, left, bottom, right = (round(v * scale) for v in box)
    ImageDraw.Draw(image).rectangle((left, top, right - 1, bottom - 1), outline=BOX_COLOUR, width=width)
    return np.asarray(image)


FONT_FILE = "fonts/ttf/DejaVuSans.ttf"  # inside Matplotlib's data folder: has ×, →, β, σ, ·, …, ±


@lru_cache(maxsize=16)
def text_font(size: int = CHART_FONT_PX) -> ImageFont.FreeTypeFont:
    """The font of every picture's words: DejaVu Sans as Matplotlib ships it (Pillow's own default lacks
    × → β σ), `size` pixels high; parsed once per size."""
    return ImageFont.truetype(str(_matplotlib_data() / FONT_FILE), size=size)


def _matplotlib_data() -> Path:
    """Matplotlib's data folder (`matplotlib.get_data_path()`: its package's mpl-data) without importing it:
    `import matplotlib` is ~0.1 s, paid by the first picture with words (a class's first Layers page)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("matplotlib, whose DejaVu Sans font the pictures' words use, is not installed")
    return Path(spec.submodule_search_locations[0]) / "mpl-data"


def grid(
    tiles: Sequence[np.ndarray],
    cols: int,
    labels: Sequence[str] | None = None,
    gap: int = 8,
    font_size: int = 18,
    highlight: int | None = None,
) -> np.ndarray:
    """Lay equal-sized RGB tiles out in rows of `cols`, each with its label above it."""
    height, width = tiles[0].shape[:2]
    label_h = font_size + 6 if labels else 0
    cell_h, cell_w = height + label_h + gap, width + gap
    frame = _frame(len(tiles), height, width, cols, tuple(labels) if labels else None, gap, font_size)
    out = frame.copy()  # the background and labels, drawn once per layout; only the tiles change
    for i, tile in enumerate(tiles):
        x, y = gap + (i % cols) * cell_w, gap + (i // cols) * cell_h + label_h
        out[y : y + height, x : x + width] = tile
    if highlight is not None:
        image = Image.fromarray(out)
        x, y = gap + (highlight % cols) * cell_w, gap + (highlight // cols) * cell_h + label_h
        ImageDraw.Draw(image).rectangle((x - 4, y - 4, x + width + 3, y + height + 3), outline=HIGHLIGHT, width=4)
        out = np.asarray(image)
    return out


@lru_cache(maxsize=64)
def _frame(
    n: int, height: int, width: int, cols: int, labels: tuple[str, ...] | None, gap: int, font_size: int
) -> np.ndarray:
    """grid()'s empty layout: background and labels (text rendering is most of a grid's cost)."""
    label_h = font_size + 6 if labels else 0
    rows = -(-n // cols)
    cell_h, cell_w = height + label_h + gap, width + gap
    canvas = Image.new("RGB", (cols * cell_w + gap, rows * cell_h + gap), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    for i, label in enumerate(labels or ()):
        x, y = gap + (i % cols) * cell_w, gap + (i // cols) * cell_h
        draw.text((x + width // 2, y), label, fill=TEXT, font=text_font(font_size), anchor="mt")
    frame = np.asarray(canvas)
    frame.flags.writeable = False  # shared by every call: grid() copies it
    return frame


def map_grid(
    maps: np.ndarray,
    name: str,
    cols: int,
    tile: int = 112,
    vrange: tuple[float, float] | None = None,
    cmap: str = MAPS_CMAP,
) -> np.ndarray:
    """(H, W, C) feature maps of layer `name` -> one grid image, shared scale, tiles labelled 'name·i'."""
    vmin, vmax = vrange or value_range(maps)
    tiles = [upscale_to(colorize(maps[..., i], vmin, vmax, cmap), tile) for i in range(maps.shape[-1])]
    return grid(tiles, cols, [f"{name} · {i}" for i in range(maps.shape[-1])])


def heat_strip(
    values: np.ndarray, shape: tuple[int, int], cell: int = 24, vrange=None, cmap: str = MAPS_CMAP
) -> np.ndarray:
    """A vector of units as a (rows, cols) heat map, each unit a cell x cell square."""
    vmin, vmax = vrange or value_range(values)
    return upscale(colorize(np.asarray(values).reshape(shape), vmin, vmax, cmap), cell)


def colorbar(vmin: float, vmax: float, cmap: str = MAPS_CMAP, width: int = 360, height: int = 22) -> np.ndarray:
    """A horizontal colour scale from vmin (left) to vmax (right), with both ends written under it."""
    ramp = colorize(np.tile(np.linspace(vmin, vmax, width), (height, 1)), vmin, vmax, cmap)
    image = Image.new("RGB", (width + 80, height + 28), BACKGROUND)
    image.paste(Image.fromarray(ramp), (40, 0))
    draw = ImageDraw.Draw(image)
    for x, value in ((40, vmin), (40 + width, vmax)):
        draw.text((x, height + 4), f"{value:+.2f}", fill=TEXT, font=text_font(18), anchor="mt")
    return np.asarray(image)


def value_table(
    values: np.ndarray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    cell: int = 56,
    cmap: str = WEIGHTS_CMAP,
) -> np.ndarray:
    """A (rows, cols) table of signed numbers: each cell coloured on its row's scale, symmetric
    around 0, with the number written in it (two decimals), rows and columns labelled."""
    rows, cols = values.shape
    margin, font = cell, text_font(max(10, int(cell * 0.3)))
    image = Image.new("RGB", (margin + cols * cell + 2, margin // 2 + rows * cell + 2), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for r in range(rows):
        bound = max(float(np.max(np.abs(values[r]))), 1e-9)
        colours = colorize(values[r], -bound, bound, cmap)
        y = margin // 2 + r * cell
        draw.text((margin // 2, y + cell // 2), row_labels[r], fill=TEXT, font=font, anchor="mm")
        for c in range(cols):
            x = margin + c * cell
            draw.rectangle((x, y, x + cell, y + cell), fill=tuple(int(v) for v in colours[c]), outline=(190, 190, 190))
            ink = BACKGROUND if abs(values[r, c]) > 0.6 * bound else TEXT  # white on the dark ends of the scale
            draw.text((x + cell // 2, y + cell // 2), f"{values[r, c]:+.2f}", fill=ink, font=font, anchor="mm")
    for c in range(cols):
        draw.text((margin + c * cell + cell // 2, margin // 4), col_labels[c], fill=TEXT, font=font, anchor="mm")
    return np.asarray(image)


PNG_LEVEL = 1  # zlib level: the fastest; these flat-coloured pictures still compress ~20x


def to_png_bytes(rgb: np.ndarray, compress_level: int = PNG_LEVEL) -> bytes:
    """(H, W, 3) or (H, W) uint8 -> PNG file contents, shown by the page and offered for download.

    Written directly, every row with PNG's "Up" filter (the difference from the row above; zero for
    the repeated rows of an enlarged map), then zlib: Pillow tries five filters on every row, which
    costs ~4x the compression itself.
    """
    pixels = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width = pixels.shape[:2]
    flat = pixels.reshape(height, -1)
    rows = np.empty((height, 1 + flat.shape[1]), np.uint8)  # each row: its filter type (2, Up), then bytes
    rows[:, 0] = 2
    rows[0, 1:] = flat[0]  # the row above the first one counts as zeros
    np.subtract(flat[1:], flat[:-1], out=rows[1:, 1:])  # modulo 256, as PNG wants
    colour_type = 2 if pixels.ndim == 3 else 0  # RGB or grey, 8 bits per sample
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.tobytes(), compress_level)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
