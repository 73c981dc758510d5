"""The "Inside one unit" lab: pick any unit of any layer and redo its arithmetic by hand."""

import numpy as np
import streamlit as st

from lenet.lab import latex, pictures, unit
from ui.charts import figure, intro
from ui.context import Context
from ui.i18n import N_, _, decimal
from ui.texts import explained

HEADING = N_("Inside one unit")
INTRO = N_(
    "Every number in every feature map is a **sum of products, plus a {bias}, squashed by f**. "
    "Pick one and check the arithmetic yourself."
)


AXES = {  # a unit picker's slider, "Row (0–9)", by its English name (the slider's key)
    "Map": N_("Map (0–{last})"),
    "Row": N_("Row (0–{last})"),
    "Column": N_("Column (0–{last})"),
    "Neuron": N_("Neuron (0–{last})"),
}


def render(ctx: Context) -> None:
    intro(HEADING, INTRO, bias=explained("bias"))
    acts = ctx.answer.activations
    layer, index = unit_ui(acts)
    m = unit.explain_unit(ctx.network, ctx.digit.x, acts, layer, index)
    _pictures(m, ctx.digit.x)
    _formula(m)


def unit_ui(acts: dict) -> tuple[str, tuple[int, ...]]:
    """Layer and unit pickers; returns (layer, (map, row, col)) or (layer, (neuron,))."""
    layer = st.radio(_("Layer"), unit.UNIT_LAYERS, horizontal=True, key="lab_unit_layer")
    shape = unit.unit_shape(layer, acts)
    cols = st.columns(len(shape))
    names = ("Map", "Row", "Column") if layer in unit.SPATIAL else ("Neuron",)  # English: the widget keys
    index = []
    for column, name, size in zip(cols, names, shape):
        default = size // 2 if name in ("Row", "Column") else 0
        with column:  # one key per layer: switching layers never leaves a value out of range
            index.append(
                st.slider(_(AXES[name]).format(last=size - 1), 0, size - 1, default, key=f"lab_unit_{layer}_{name}")
            )
    return layer, tuple(index)


def _pictures(m: unit.UnitMath, x: np.ndarray) -> None:
    if m.layer in unit.SPATIAL:
        where = _("map {map}, row {row}, column {column}").format(map=m.unit[0], row=m.unit[1], column=m.unit[2])
    else:
        where = _("neuron {neuron}").format(neuron=m.unit[0])
    st.subheader(f"{m.layer}, {where}", divider="gray")
    left, right = st.columns([1, 1.6])
    with left:
        top, lft, bottom, rgt = m.extent
        figure(
            pictures.input_with_box(x, m.extent),
            _(
                "{receptive_field} on the 32×32 input: rows {top}–{bottom}, columns {left}–{right} "
                "({height}×{width} pixels)"
            ).format(
                receptive_field=explained("Receptive field"),
                top=top,
                bottom=bottom - 1,
                left=lft,
                right=rgt - 1,
                height=bottom - top,
                width=rgt - lft,
            ),
            "lab_unit_receptive_field.png",
        )
    with right:
        source = unit.INPUT_OF[m.layer]
        figure(
            pictures.unit_tiles(m, source),
            _(
                "Left: the {layer} values it reads · middle: its weights · right: their products "
                "(red +, blue −, white 0)"
            ).format(layer=source),
            "lab_unit_products.png",
        )


def _formula(m: unit.UnitMath) -> None:
    st.subheader(_("The arithmetic"), divider="gray")
    st.latex(latex.unit_latex(m))
    st.latex(latex.activation_latex(m.activation_name))
    if m.layer in ("C3", "C5"):
        st.dataframe(
            {
                _("input map"): [f"{unit.INPUT_OF[m.layer]}·{j}" for j in m.input_maps],
                _("sum of products"): m.group_sums.round(4),
            },
            hide_index=True,
        )
    a, b, c = st.columns(3)
    a.metric(
        _("Computed by hand"),
        decimal(m.activation, 5),
        help=_("the formula above, worked out number by number outside the network"),
    )
    b.metric(
        _("In the {layer} map").format(layer=m.layer),
        decimal(m.feature_value, 5),
        help=_("the value in the network's {layer} feature map").format(layer=m.layer),
    )
    c.metric(
        _("Difference"), f"{abs(m.activation - m.feature_value):.1e}", help=_("between the two, in absolute value")
    )
    if m.matches:
        st.success(_("The hand computation equals the network's value (to 1e-5)."), icon=":material/check_circle:")
    else:
        st.error(_("The hand computation differs from the network's value."))
