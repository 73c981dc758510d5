"""The "Trained vs untrained" lab: the same drawing through LeNet-5 with learned and with random weights."""

import streamlit as st

from lenet import viz
from lenet.lab import untrained
from ui.charts import figure, intro, probability_plot
from ui.context import Context
from ui.i18n import N_, _, percent, scale

LAYOUT = {"C1": (3, 112), "C3": (4, 90)}  # grid columns, tile px per map
HEADING = N_("Trained vs untrained")
INTRO = N_(
    "The same architecture with **fresh random weights**, as every network has before training "
    "(seed {seed}). Same drawing, same layers, same formulas: only the numbers in the "
    "kernels differ. Everything the trained network can do, it learned from examples."
)


CAPTIONS = {
    "trained": N_("Trained {layer} (scale {low} … {high})"),
    "untrained": N_("Untrained {layer} (scale {low} … {high})"),
}


def render(ctx: Context) -> None:
    intro(HEADING, INTRO, seed=untrained.SEED)
    raw = untrained.untrained_network(ctx.network).forward(ctx.digit.x)  # random weights, drawn in NumPy
    a, b = st.columns(2)
    for column, title, fwd in ((a, _("Trained network says"), ctx.answer), (b, _("Untrained network says"), raw)):
        sure = _("{percent} sure").format(percent=percent(fwd.confidence))
        column.metric(title, str(fwd.label), sure, delta_color="off", delta_arrow="off")
    figure(
        probability_plot({_("trained"): ctx.answer.probabilities, _("untrained"): raw.probabilities}),
        _("Probability of each digit: the untrained network is guessing"),
        "lab_untrained_probabilities.png",
    )
    for name, (cols, tile) in LAYOUT.items():
        st.subheader(_("{layer} maps").format(layer=name), divider="gray")
        left, right = st.columns(2)
        for column, title, fwd in ((left, "trained", ctx.answer), (right, "untrained", raw)):  # title: file names
            with column:
                maps = fwd.activations[name]
                vmin, vmax = viz.value_range(maps)
                figure(
                    viz.map_grid(maps, name, cols, tile, (vmin, vmax)),
                    _(CAPTIONS[title]).format(layer=name, **scale(vmin, vmax)),
                    f"lab_untrained_{name}_{title}.png",
                )
    st.markdown(
        _(
            "Even random 5×5 kernels respond to edges, so untrained C1 maps still look like the digit. "
            "Training sharpens them into clean stroke and edge detectors; by C3 the untrained maps are "
            "faint, shapeless mixtures, and the untrained answer is a guess."
        )
    )
