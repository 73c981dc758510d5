"""The "Layers" tab: every layer's output for the current digit, C1 to OUTPUT."""

import numpy as np
import streamlit as st

from lenet import activations, viz
from lenet.paper import RBF_BITMAPS
from ui.charts import class_bars, figure
from ui.context import Context
from ui.texts import LAYERS, RBF_OUTPUT, LayerText

# Paper layer -> (grid columns, tile px): whole-number enlargements of 28, 14, 10 and 5.
MAP_LAYOUT = {"C1": (6, 140), "S2": (6, 140), "C3": (8, 100), "S4": (8, 100)}
CELL_PX = 26  # one C5 unit
F6_CELL_PX = 18  # one F6 unit or bitmap pixel: 11 pictures of 12x7 must fit


def render(ctx: Context) -> None:
    activation = activations.activation_name(ctx.network.model.get_layer("C1").activation)
    st.markdown("Every layer below is computed from the one above it. "
                "Colours: dark purple = low, yellow = high, one scale per layer.")
    st.latex(activations.latex(activation, r"\sigma", note=True))
    acts = ctx.result.activations
    for name, (cols, tile) in MAP_LAYOUT.items():
        _heading(name, LAYERS[name])
        maps = acts[name]  # (H, W, maps)
        vmin, vmax = viz.value_range(maps)
        image = viz.map_grid(maps, name, cols, tile, (vmin, vmax))
        figure(image, f"{name}: scale {vmin:+.2f} … {vmax:+.2f}", f"{name}.png")
    _c5(acts["C5"])
    _f6(acts["F6"], ctx)
    _output(acts["OUTPUT"], ctx)


def _heading(name: str, text: LayerText) -> None:
    st.subheader(f"{name} — {text.title}", divider="gray")
    st.markdown(text.sentence)
    st.latex(text.latex)


def _c5(values: np.ndarray) -> None:
    _heading("C5", LAYERS["C5"])
    vmin, vmax = viz.value_range(values)
    image = viz.heat_strip(values, (6, 20), CELL_PX, (vmin, vmax))
    figure(image, f"C5: 120 units, row by row, unit 0 at the top left · scale {vmin:+.2f} … {vmax:+.2f}", "C5.png")


def _f6(values: np.ndarray, ctx: Context) -> None:
    _heading("F6", LAYERS["F6"])
    bound = max(float(np.max(np.abs(values))), 1.0)  # same scale as the ±1 bitmaps
    tiles, labels, highlight = [_f6_tile(values.reshape(12, 7), bound)], ["F6"], None
    if ctx.network.rbf:
        tiles += [_f6_tile(bitmap, bound) for bitmap in RBF_BITMAPS]
        labels += [f"bitmap {d}" for d in range(10)]
        highlight = ctx.result.label + 1
        st.markdown("The classic model compares F6 with each digit's fixed bitmap (Fig. 3 of the paper); "
                    "the orange frame marks the closest one.")
    image = viz.grid(tiles, cols=min(len(tiles), 6), labels=labels, highlight=highlight)
    figure(image, f"F6 (12 rows × 7) · scale {-bound:+.2f} … {bound:+.2f}", "F6.png")


def _f6_tile(grid: np.ndarray, bound: float) -> np.ndarray:
    """(12, 7) values on the symmetric scale -bound..bound, one F6_CELL_PX square per unit."""
    return viz.upscale(viz.colorize(grid, -bound, bound), F6_CELL_PX)


def _output(values: np.ndarray, ctx: Context) -> None:
    text = RBF_OUTPUT if ctx.network.rbf else LAYERS["OUTPUT"]
    _heading("OUTPUT", text)
    if ctx.network.rbf:
        class_bars(values, ctx.result.label, "penalty", percent=False)  # smaller is better
    else:
        class_bars(values, ctx.result.label, "probability")
