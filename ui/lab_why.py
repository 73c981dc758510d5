"""The "Why this answer?" lab: which pixels made LeNet-5 say what it said, and what came second.

Both maps are computed on the engine, in this run: occlusion with one batch of forward passes, the gradient with
its backward pass (lenet/engine/backward.py; about a millisecond, no TensorFlow).
"""

import streamlit as st

from lenet.lab import pictures, saliency
from ui import i18n
from ui.charts import figure, intro
from ui.context import Context
from ui.i18n import N_, _, decimal
from ui.texts import explained, plain_words

HEADING = N_("Why this answer?")
INTRO = N_("Two ways to ask the network which pixels mattered for its answer.")


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    label = ctx.answer.label
    second, p_second = saliency.runner_up(ctx.answer.probabilities)
    a, b = st.columns(2)
    a.metric(_("Answer"), str(label), percent(ctx.answer.confidence), delta_color="off", delta_arrow="off")
    b.metric(_("Runner-up"), str(second), percent(p_second), delta_color="off", delta_arrow="off")
    left, right = st.columns(2)
    with right:
        st.subheader(_("Occlusion"), divider="gray")
        st.markdown(
            _(
                "Cover a {patch}×{patch} patch with blank paper, everywhere in turn, "
                "and measure how far P({digit}) falls. **Red**: covering it hurts the answer; "
                "**blue**: covering it helps."
            ).format(patch=saliency.PATCH, digit=label)
        )
        occ = saliency.occlusion(ctx.network, ctx.digit.x, label)
        figure(
            pictures.overlay(ctx.digit.x, occ),
            _("Drop in P({digit}) when covered (largest {largest})").format(
                digit=label, largest=decimal(float(occ.max()), 2, signed=True)
            ),
            "lab_why_occlusion.png",
        )
    with left:
        st.subheader(_("Gradient × input"), divider="gray")
        score = _("−penalty (the paper's RBF output)") if ctx.network.rbf else explained("logit")
        st.markdown(
            _(
                "In plain words: {plain}. How much the {score} of **{digit}** would rise if "
                "each pixel got brighter, times how much ink is there. **Red** pixels speak for the answer, **blue** "
                "against it."
            ).format(plain=plain_words("gradient × input"), score=score, digit=label)
        )
        grads = saliency.gradient_x_input(ctx.network, ctx.digit.x, label)
        figure(
            pictures.overlay(ctx.digit.x, grads),
            _("Gradient × input for {digit}").format(digit=label),
            "lab_why_gradient.png",
        )


def percent(p: float) -> str:
    """A probability for a metric: 0.1% steps, and "< 0.1%" rather than a misleading "0.0%"."""
    return i18n.percent(p, 1) if p >= 0.0005 else "< " + i18n.percent(0.001, 1)
