"""The "Invariance" lab: shift, scale, rotate, squeeze, thicken and add noise to your digit."""

import numpy as np
import streamlit as st

from lenet.lab import invariance, pictures, plots
from ui.charts import figure, intro
from ui.context import Context

CURVE_POINTS = 21  # values per slider's probability curve (one batched pass each)
KEY = "lab_inv_"
BARS_PX = 450  # the right-hand column's width at 1366x768 (1.4 of 2.4 parts of the tab): the chart shows 1:1
HEADING = "How robust is the answer?"
INTRO = (
    "LeNet-5 was built to tolerate small shifts and distortions: shared weights find a stroke "
    "wherever it is, and subsampling blurs exact positions. Push the sliders to find where "
    "it breaks."
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    params = sliders_ui()
    x = invariance.transformed_input(ctx.digit.field28, params)
    probs = ctx.network.probabilities(x[None])[0]  # (10,)
    label = int(np.argmax(probs))
    answer = ctx.answer.label  # the untransformed digit's answer: the one whose robustness is tested
    left, right = st.columns([1, 1.4])
    with left:
        figure(pictures.input_image(x), "The transformed 32×32 input", "lab_invariance_input.png")
    with right:
        st.metric("Prediction", str(label), f"{probs[label]:.0%} sure", delta_color="off", delta_arrow="off")
        if label != answer:
            st.warning(f"The prediction changed from **{answer}** ({ctx.source.called}) to **{label}**.")
        figure(
            plots.probability_bars({"transformed": probs}, width_px=BARS_PX),
            "Probability of each digit",
            "lab_invariance_probabilities.png",
        )
    _curves(ctx, params, answer)


def sliders_ui() -> dict[str, float]:
    """One slider per transform, in two columns, and a reset button; returns {name: value}."""
    st.button("Reset sliders", on_click=_reset, key=f"{KEY}reset")
    params, columns = {}, st.columns(2)
    for n, (name, s) in enumerate(invariance.SLIDERS.items()):
        with columns[n % 2]:
            params[name] = st.slider(
                f"{s.label} ({s.unit})",
                float(s.low),
                float(s.high),
                float(s.identity),
                float(s.step),
                key=f"{KEY}{name}",
            )
    return params


def _reset() -> None:
    for name, s in invariance.SLIDERS.items():
        st.session_state[f"{KEY}{name}"] = float(s.identity)


def _curves(ctx: Context, params: dict[str, float], label: int) -> None:
    st.subheader(f"Where does {label} stop being the answer?", divider="gray")
    st.markdown(
        "Each panel moves **one** slider across its whole range (the others stay where they are) "
        f"and plots the probability of **{label}**, the answer before any slider moved."
    )
    curves = {}
    for name, s in invariance.SLIDERS.items():
        values = s.values(CURVE_POINTS)
        probs = invariance.sweep(ctx.network, ctx.digit.field28, name, values, params)[:, label]
        curves[f"{s.label} ({s.unit})"] = (values, probs, params[name])
    figure(
        plots.probability_curves(curves, label),
        f"Blue: probability of {label}; orange: the slider's current value",
        "lab_invariance_curves.png",
    )
