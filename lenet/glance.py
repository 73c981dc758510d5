"""The network at a glance: the input and all seven layers in one strip of small, labelled pictures.

One tile per stage (input C1 S2 C3 S4 C5 F6 OUTPUT), each GLANCE_TILE pixels square, so a student
sees the digit turn into maps, then into numbers that no longer look like it. Feature maps are laid
out as small montages on their layer's own scale (viridis, as on the Layers tab); OUTPUT writes each
digit in its cell, so its number is never carried by colour alone. Pure NumPy/Pillow: no Streamlit.
"""

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw

from lenet import viz

GLANCE_TILE = 120  # px per stage; 8 stages fit a projector's width at about 100 px each
STAGES = ("input", "C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT")
MONTAGE_COLS = {"C1": 3, "S2": 3, "C3": 4, "S4": 4}  # 6 maps as 3x2, 16 maps as 4x4
UNIT_GRIDS = {"C5": (12, 10), "F6": (12, 7), "OUTPUT": (5, 2)}  # vectors as (rows, cols) of units
SHAPES = {
    "input": "32×32",
    "C1": "6@28×28",
    "S2": "6@14×14",
    "C3": "16@10×10",
    "S4": "16@5×5",
    "C5": "120",
    "F6": "84",
    "OUTPUT": "10",
}  # what each tile shows, for captions and alt text


def _montage(maps: np.ndarray, cols: int) -> np.ndarray:
    """(H, W, C) maps -> one RGB picture, `cols` maps a row, 1 px white gaps, one colour scale."""
    height, width, count = maps.shape
    rows = -(-count // cols)
    coloured = viz.colorize(maps, *viz.value_range(maps))  # (H, W, C, 3): one lookup for all maps, one scale
    out = np.full((rows * (height + 1) - 1, cols * (width + 1) - 1, 3), 255, np.uint8)
    for i in range(count):
        top, left = (i // cols) * (height + 1), (i % cols) * (width + 1)
        out[top : top + height, left : left + width] = coloured[:, :, i]
    return out


def _units(values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A vector of units as a (rows, cols) heat map on its own scale."""
    vmin, vmax = viz.value_range(values)
    return viz.colorize(np.asarray(values).reshape(shape), vmin, vmax)


def _output_tile(probabilities: np.ndarray, size: int) -> np.ndarray:
    """The ten probabilities as a 5-row, 2-column heat map (0 to 1), each cell with its digit written in."""
    rows, cols = UNIT_GRIDS["OUTPUT"]
    cell = size // rows
    grid = probabilities.reshape(cols, rows).T  # column 0: digits 0-4, column 1: 5-9
    cells = viz.pad_to(viz.upscale(viz.colorize(grid, 0.0, 1.0), cell), size, viz.BACKGROUND)
    dark = viz.pad_to(viz.upscale(np.repeat((grid > 0.5)[..., None], 3, axis=-1), cell), size, (0, 0, 0))
    ink = np.where(dark, 0.0, 255.0)  # dark text on yellow, light on purple
    alpha = _digit_glyphs(size)[..., None]  # the digits' anti-aliased coverage, drawn once per size
    return np.round(cells * (1.0 - alpha) + ink * alpha).astype(np.uint8)


@lru_cache(maxsize=4)
def _digit_glyphs(size: int) -> np.ndarray:
    """(size, size) coverage in [0, 1] of the ten digits written in the OUTPUT tile's cells (text rendering
    is most of the tile's cost, and the digits never move)."""
    rows, cols = UNIT_GRIDS["OUTPUT"]
    cell = size // rows
    image = Image.new("L", (size, size), 0)
    draw, offset = ImageDraw.Draw(image), ((size - cols * cell) // 2, (size - rows * cell) // 2)
    for digit in range(10):
        col, row = divmod(digit, rows)
        centre = (offset[0] + col * cell + cell // 2, offset[1] + row * cell + cell // 2)
        draw.text(centre, str(digit), fill=255, font=viz._font(max(10, cell * 2 // 3)), anchor="mm")
    glyphs = np.asarray(image) / 255.0
    glyphs.flags.writeable = False  # shared by every call
    return glyphs


def glance_tiles(
    input32: np.ndarray, activations: Mapping[str, np.ndarray], probabilities: np.ndarray, size: int = GLANCE_TILE
) -> list[np.ndarray]:
    """The eight (size, size, 3) tiles, in STAGES order. `activations` maps C1..F6 to their outputs
    ((H, W, maps) or (units,)); OUTPUT shows `probabilities` (10,), also for the RBF model."""
    tiles = [viz.gray(input32, float(input32.min()), float(input32.max()))]
    tiles += [_montage(activations[name], cols) for name, cols in MONTAGE_COLS.items()]
    tiles += [_units(activations[name], UNIT_GRIDS[name]) for name in ("C5", "F6")]
    tiles = [viz.pad_to(viz.upscale_to(tile, size), size) for tile in tiles]
    return tiles + [_output_tile(np.asarray(probabilities, dtype=np.float64), size)]


def glance_strip(
    input32: np.ndarray, activations: Mapping[str, np.ndarray], probabilities: np.ndarray, size: int = GLANCE_TILE
) -> np.ndarray:
    """The whole strip: eight tiles side by side, each labelled with its stage name above it."""
    tiles = glance_tiles(input32, activations, probabilities, size)
    return viz.grid(tiles, cols=len(tiles), labels=list(STAGES), gap=6, font_size=17)
