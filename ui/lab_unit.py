"""The "Inside one unit" lab: pick any unit of any layer and redo its arithmetic by hand."""

import numpy as np
import streamlit as st

from lenet.lab import latex, pictures, unit
from ui.charts import figure, intro
from ui.context import Context
from ui.texts import explained

HEADING = "Inside one unit"
INTRO = (
    f"Every number in every feature map is a **sum of products, plus a {explained('bias')}, squashed by f**. "
    "Pick one and check the arithmetic yourself."
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    acts = ctx.answer.activations
    layer, index = unit_ui(acts)
    m = unit.explain_unit(ctx.network, ctx.digit.x, acts, layer, index)
    _pictures(m, ctx.digit.x)
    _formula(m)


def unit_ui(acts: dict) -> tuple[str, tuple[int, ...]]:
    """Layer and unit pickers; returns (layer, (map, row, col)) or (layer, (neuron,))."""
    layer = st.radio("Layer", unit.UNIT_LAYERS, horizontal=True, key="lab_unit_layer")
    shape = unit.unit_shape(layer, acts)
    cols = st.columns(len(shape))
    names = ("Map", "Row", "Column") if layer in unit.SPATIAL else ("Neuron",)
    index = []
    for column, name, size in zip(cols, names, shape):
        default = size // 2 if name in ("Row", "Column") else 0
        with column:  # one key per layer: switching layers never leaves a value out of range
            index.append(st.slider(f"{name} (0–{size - 1})", 0, size - 1, default, key=f"lab_unit_{layer}_{name}"))
    return layer, tuple(index)


def _pictures(m: unit.UnitMath, x: np.ndarray) -> None:
    where = (
        f"map {m.unit[0]}, row {m.unit[1]}, column {m.unit[2]}" if m.layer in unit.SPATIAL else f"neuron {m.unit[0]}"
    )
    st.subheader(f"{m.layer}, {where}", divider="gray")
    left, right = st.columns([1, 1.6])
    with left:
        top, lft, bottom, rgt = m.extent
        figure(
            pictures.input_with_box(x, m.extent),
            f"{explained('Receptive field')} on the 32×32 input: rows {top}–{bottom - 1}, columns {lft}–{rgt - 1} "
            f"({bottom - top}×{rgt - lft} pixels)",
            "lab_unit_receptive_field.png",
        )
    with right:
        source = unit.INPUT_OF[m.layer]
        figure(
            pictures.unit_tiles(m, source),
            f"Left: the {source} values it reads · middle: its weights · right: their products "
            "(red +, blue −, white 0)",
            "lab_unit_products.png",
        )


def _formula(m: unit.UnitMath) -> None:
    st.subheader("The arithmetic", divider="gray")
    st.latex(latex.unit_latex(m))
    st.latex(latex.activation_latex(m.activation_name))
    if m.layer in ("C3", "C5"):
        st.dataframe(
            {
                "input map": [f"{unit.INPUT_OF[m.layer]}·{j}" for j in m.input_maps],
                "sum of products": m.group_sums.round(4),
            },
            hide_index=True,
        )
    a, b, c = st.columns(3)
    a.metric(
        "Computed by hand",
        f"{m.activation:.5f}",
        help="the formula above, worked out number by number outside the network",
    )
    b.metric(
        f"In the {m.layer} map", f"{m.feature_value:.5f}", help=f"the value in the network's {m.layer} feature map"
    )
    c.metric("Difference", f"{abs(m.activation - m.feature_value):.1e}", help="between the two, in absolute value")
    if m.matches:
        st.success("The hand computation equals the network's value (to 1e-5).", icon=":material/check_circle:")
    else:
        st.error("The hand computation differs from the network's value.")
