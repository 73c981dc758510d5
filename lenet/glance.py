"""The network at a glance: the input and all seven layers, one small picture (or grid) per stage.

One tile per stage (input C1 S2 C3 S4 C5 F6 OUTPUT), so a student sees the digit turn into maps,
then into numbers that no longer look like it. Feature maps are laid out as small montages on their
layer's own scale (viridis, as on the Layers tab); C5 and F6 as grids of units; OUTPUT as ten cells,
each with its digit written in, so its number is never carried by colour alone.

Every picture is returned at its own size, one pixel per unit: the page enlarges them with square
pixels (ui/glance_strip.py). Drawing them enlarged on the server and encoding the big strip was ~5 ms of
CPU per stroke (issue 13). Pure NumPy: no Streamlit.
"""

from collections.abc import Mapping

import numpy as np

from lenet import viz
from lenet.architecture import INPUT_SHAPE, layer_specs

STAGES = ("input",) + tuple(spec.name for spec in layer_specs())
MONTAGE_COLS = {"C1": 3, "S2": 3, "C3": 4, "S4": 4}  # 6 maps as 3x2, 16 maps as 4x4
UNIT_GRIDS = {"C5": (12, 10), "F6": (12, 7), "OUTPUT": (5, 2)}  # vectors as (rows, cols) of units
SHAPES = {"input": "{}×{}".format(*INPUT_SHAPE[:2])} | {
    spec.name: spec.caption for spec in layer_specs()
}  # what each tile shows, for captions and alt text
BRIGHT = 0.5  # an OUTPUT cell above this probability is light (yellow): its digit is written in black


def _montage(maps: np.ndarray, cols: int) -> np.ndarray:
    """(H, W, C) maps -> one RGB picture, `cols` maps a row, 1 px white gaps, one colour scale."""
    height, width, count = maps.shape
    rows = -(-count // cols)
    coloured = viz.colorize(maps, *viz.value_range(maps))  # (H, W, C, 3): one lookup for all maps, one scale
    out = np.full((rows * (height + 1) - 1, cols * (width + 1) - 1, 3), viz.BACKGROUND, np.uint8)
    for i in range(count):
        top, left = (i // cols) * (height + 1), (i % cols) * (width + 1)
        out[top : top + height, left : left + width] = coloured[:, :, i]
    return out


def _units(values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A vector of units as a (rows, cols) heat map on its own scale."""
    vmin, vmax = viz.value_range(values)
    return viz.colorize(np.asarray(values).reshape(shape), vmin, vmax)


def glance_pictures(input32: np.ndarray, activations: Mapping[str, np.ndarray]) -> list[np.ndarray]:
    """The seven pictures input C1 S2 C3 S4 C5 F6 (STAGES but OUTPUT), uint8, one pixel per unit: the input
    as (32, 32) grey levels, the maps as RGB montages, C5 and F6 as RGB grids. `activations` maps C1..F6 to
    their outputs ((H, W, maps) or (units,))."""
    pictures = [viz.grey_levels(input32, float(input32.min()), float(input32.max()))]
    pictures += [_montage(activations[name], cols) for name, cols in MONTAGE_COLS.items()]
    return pictures + [_units(activations[name], UNIT_GRIDS[name]) for name in ("C5", "F6")]


def output_cells(probabilities: np.ndarray) -> list[tuple[int, tuple[int, int, int], bool]]:
    """OUTPUT's ten cells in digit order: (digit, its colour on the 0-1 scale, whether it is light). Shown
    as a 5-row, 2-column grid, digits 0-4 in the first column."""
    colours = viz.colorize(np.asarray(probabilities, dtype=np.float64), 0.0, 1.0)  # (10, 3)
    cells = []
    for digit, p in enumerate(probabilities):
        red, green, blue = (int(c) for c in colours[digit])
        cells.append((digit, (red, green, blue), float(p) > BRIGHT))
    return cells
