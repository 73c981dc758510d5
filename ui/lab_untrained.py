"""The "Trained vs untrained" lab: the same drawing through LeNet-5 with learned and with random weights."""

import streamlit as st

from lenet import viz
from lenet.lab import plots, untrained
from ui.charts import figure, intro
from ui.context import Context

LAYOUT = {"C1": (3, 112), "C3": (4, 90)}  # grid columns, tile px per map
HEADING = "Trained vs untrained"
INTRO = (
    "The same architecture with **fresh random weights**, as every network has before training "
    f"(seed {untrained.SEED}). Same drawing, same layers, same formulas: only the numbers in the "
    "kernels differ. Everything the trained network can do, it learned from examples."
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    raw = untrained.untrained_network(ctx.network).forward(ctx.digit.x)  # random weights, drawn in NumPy
    a, b = st.columns(2)
    for column, title, fwd in ((a, "Trained", ctx.answer), (b, "Untrained", raw)):
        column.metric(
            f"{title} network says", str(fwd.label), f"{fwd.confidence:.0%} sure", delta_color="off", delta_arrow="off"
        )
    figure(
        plots.probability_bars({"trained": ctx.answer.probabilities, "untrained": raw.probabilities}),
        "Probability of each digit: the untrained network is guessing",
        "lab_untrained_probabilities.png",
    )
    for name, (cols, tile) in LAYOUT.items():
        st.subheader(f"{name} maps", divider="gray")
        left, right = st.columns(2)
        for column, title, fwd in ((left, "trained", ctx.answer), (right, "untrained", raw)):
            with column:
                maps = fwd.activations[name]
                vmin, vmax = viz.value_range(maps)
                figure(
                    viz.map_grid(maps, name, cols, tile, (vmin, vmax)),
                    f"{title.capitalize()} {name} (scale {vmin:+.2f} … {vmax:+.2f})",
                    f"lab_untrained_{name}_{title}.png",
                )
    st.markdown(
        "Even random 5×5 kernels respond to edges, so untrained C1 maps still look like the digit. "
        "Training sharpens them into clean stroke and edge detectors; by C3 the untrained maps are "
        "faint, shapeless mixtures, and the untrained answer is a guess."
    )
