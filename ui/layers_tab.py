"""The "Layers" tab: every layer's output for the current digit, C1 to OUTPUT.

`pictures()` builds every picture of the tab without any st.* call (bench/compute.py times it as is);
`render()` lays them out with the texts.
"""

from typing import NamedTuple

import numpy as np
import streamlit as st

import lenet
from lenet import activations, viz
from lenet.paper import RBF_BITMAPS
from ui.charts import figure, penalty_bars, probability_bars
from ui.context import Context
from ui.i18n import _, scale
from ui.texts import LAYERS, RBF_OUTPUT, LayerText

# Paper layer -> (grid columns, tile px): whole-number enlargements of 28, 14, 10 and 5.
MAP_LAYOUT = {"C1": (6, 140), "S2": (6, 140), "C3": (8, 100), "S4": (8, 100)}
CELL_PX = 26  # one C5 unit
F6_CELL_PX = 18  # one F6 unit or bitmap pixel: 11 pictures of 12x7 must fit


class Picture(NamedTuple):
    image: np.ndarray  # (H, W, 3) uint8
    caption: str


def pictures(result: lenet.Forward, rbf: bool) -> dict[str, Picture]:
    """Layer name -> its picture, for C1, S2, C3, S4, C5 and F6 (OUTPUT is a chart)."""
    acts = result.activations
    out = {}
    for name, (cols, tile) in MAP_LAYOUT.items():
        maps = acts[name]  # (H, W, maps)
        vmin, vmax = viz.value_range(maps)
        image = viz.map_grid(maps, name, cols, tile, (vmin, vmax))
        out[name] = Picture(image, _("{layer}: scale {low} … {high}").format(layer=name, **scale(vmin, vmax)))
    vmin, vmax = viz.value_range(acts["C5"])
    out["C5"] = Picture(
        viz.heat_strip(acts["C5"], (6, 20), CELL_PX, (vmin, vmax)),
        _("C5: 120 units, row by row, unit 0 at the top left · scale {low} … {high}").format(**scale(vmin, vmax)),
    )
    out["F6"] = _f6(acts["F6"], result.label if rbf else None)
    return out


def _f6(values: np.ndarray, closest: int | None) -> Picture:
    """F6 as 12 rows of 7; with the RBF output, beside the ten digit bitmaps, the `closest` one framed."""
    bound = max(float(np.max(np.abs(values))), 1.0)  # same scale as the ±1 bitmaps
    tiles, labels, highlight = [_f6_tile(values.reshape(12, 7), bound)], ["F6"], None
    if closest is not None:
        tiles += [_f6_tile(bitmap, bound) for bitmap in RBF_BITMAPS]
        labels += [_("bitmap {digit}").format(digit=d) for d in range(10)]
        highlight = closest + 1
    image = viz.grid(tiles, cols=min(len(tiles), 6), labels=labels, highlight=highlight)
    return Picture(image, _("F6 (12 rows × 7) · scale {low} … {high}").format(**scale(-bound, bound)))


def _f6_tile(grid: np.ndarray, bound: float) -> np.ndarray:
    """(12, 7) values on the symmetric scale -bound..bound, one F6_CELL_PX square per unit."""
    return viz.upscale(viz.colorize(grid, -bound, bound), F6_CELL_PX)


def render(ctx: Context) -> None:
    activation = ctx.network.activations["C1"]
    st.markdown(
        _(
            "Every layer below is computed from the one above it. "
            "Colours: dark purple = low, yellow = high, one scale per layer."
        )
    )
    st.latex(activations.latex(activation, r"\sigma", note=True))
    rbf = ctx.network.rbf
    for name, picture in pictures(ctx.answer, rbf).items():
        _heading(name, LAYERS[name])
        if name == "F6" and rbf:
            st.markdown(
                _(
                    "The classic model compares F6 with each digit's fixed bitmap (Fig. 3 of the paper); "
                    "the orange frame marks the closest one."
                )
            )
        figure(picture.image, picture.caption, f"{name}.png")
    _output(ctx.answer.activations["OUTPUT"], ctx)


def _heading(name: str, template: LayerText) -> None:
    text = template.shown()
    st.subheader(f"{name} — {text.title}", divider="gray")
    st.markdown(text.sentence)
    st.latex(text.latex)


def _output(values: np.ndarray, ctx: Context) -> None:
    text = RBF_OUTPUT if ctx.network.rbf else LAYERS["OUTPUT"]
    _heading("OUTPUT", text)
    # Drawn by the page (HTML), not Vega-Lite: a first Vega-Lite chart imports pandas and pyarrow (~0.5 s, ~70 MB).
    if ctx.network.rbf:
        penalty_bars(values, ctx.answer.label, _("penalty"))  # smaller is better
    else:
        probability_bars(values, ctx.answer.label)
