"""The "Trained vs untrained" lab: the same drawing through LeNet-5 before and after it learned."""

import streamlit as st

from lenet import viz
from lenet.lab import plots, untrained
from ui.charts import figure
from ui.context import Context

LAYOUT = {"C1": (3, 112), "C3": (4, 90)}  # grid columns, tile px per map


def render(ctx: Context) -> None:
    st.header("Trained vs untrained")
    st.markdown("The same architecture with the **random weights it started from** (seed "
                f"{untrained.SEED}). Same drawing, same layers, same formulas: only the numbers in the "
                "kernels differ. Everything the trained network can do, it learned from examples.")
    if not ctx.ready:
        st.info("👈 Draw a digit first: then compare what a trained and an untrained LeNet-5 make of it.")
        return
    twin = untrained.untrained_network(ctx.network)
    raw = twin.forward(ctx.prep.x)
    a, b = st.columns(2)
    a.metric("Trained network says", str(ctx.result.label), f"{ctx.result.confidence:.0%} sure", delta_color="off")
    b.metric("Untrained network says", str(raw.label), f"{raw.confidence:.0%} sure", delta_color="off")
    figure(plots.probability_bars({"trained": ctx.result.probabilities, "untrained": raw.probabilities}),
           "Probability of each digit: the untrained network is guessing", "lab_untrained_probabilities.png")
    for name, (cols, tile) in LAYOUT.items():
        st.subheader(f"{name} maps", divider="gray")
        left, right = st.columns(2)
        for column, title, fwd in ((left, "trained", ctx.result), (right, "untrained", raw)):
            with column:
                maps = fwd.activations[name]
                vmin, vmax = viz.value_range(maps)
                figure(viz.map_grid(maps, name, cols, tile, (vmin, vmax)), f"{title.capitalize()} {name} "
                       f"(scale {vmin:+.2f} … {vmax:+.2f})", f"lab_untrained_{name}_{title}.png")
    st.markdown("Trained C1 maps pick out strokes and edges cleanly; untrained ones are blurry mixtures "
                "of the input, because their kernels are noise.")
