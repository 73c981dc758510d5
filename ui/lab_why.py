"""The "Why this answer?" lab: which pixels made LeNet-5 say what it said, and what came second.

Both maps are computed on the engine, in this run: occlusion with one batch of forward passes, the gradient with
its backward pass (lenet/engine/backward.py; about a millisecond, no TensorFlow).
"""

import streamlit as st

from lenet.lab import pictures, saliency
from ui.charts import figure, intro
from ui.context import Context
from ui.texts import JARGON, explained

HEADING = "Why this answer?"
INTRO = "Two ways to ask the network which pixels mattered for its answer."


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    label = ctx.answer.label
    second, p_second = saliency.runner_up(ctx.answer.probabilities)
    a, b = st.columns(2)
    a.metric("Answer", str(label), percent(ctx.answer.confidence), delta_color="off", delta_arrow="off")
    b.metric("Runner-up", str(second), percent(p_second), delta_color="off", delta_arrow="off")
    left, right = st.columns(2)
    with right:
        st.subheader("Occlusion", divider="gray")
        st.markdown(
            f"Cover a {saliency.PATCH}×{saliency.PATCH} patch with blank paper, everywhere in turn, "
            f"and measure how far P({label}) falls. **Red**: covering it hurts the answer; "
            "**blue**: covering it helps."
        )
        occ = saliency.occlusion(ctx.network, ctx.digit.x, label)
        figure(
            pictures.overlay(ctx.digit.x, occ),
            f"Drop in P({label}) when covered (largest {occ.max():+.2f})",
            "lab_why_occlusion.png",
        )
    with left:
        st.subheader("Gradient × input", divider="gray")
        score = "−penalty (the paper's RBF output)" if ctx.network.rbf else explained("logit")
        st.markdown(
            f"In plain words: {JARGON['gradient × input']}. How much the {score} of **{label}** would rise if "
            "each pixel got brighter, times how much ink is there. **Red** pixels speak for the answer, **blue** "
            "against it."
        )
        grads = saliency.gradient_x_input(ctx.network, ctx.digit.x, label)
        figure(pictures.overlay(ctx.digit.x, grads), f"Gradient × input for {label}", "lab_why_gradient.png")


def percent(p: float) -> str:
    """A probability for a metric: 0.1% steps, and "< 0.1%" rather than a misleading "0.0%"."""
    return f"{p:.1%}" if p >= 0.0005 else "< 0.1%"
