"""The "Invariance" lab: shift, scale, rotate, squeeze, thicken and add noise to your digit."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lenet import viz
from lenet.lab import invariance, pictures, plots
from ui.charts import figure, intro, probability_plot
from ui.context import Context
from ui.i18n import N_, _, percent
from ui.shared import digest, shared

CURVE_POINTS = 21  # values per slider's probability curve (one batched pass each)
KEY = "lab_inv_"
BARS_PX = 450  # the right-hand column's width at 1366x768 (1.4 of 2.4 parts of the tab): the chart shows 1:1
HEADING = N_("How robust is the answer?")
INTRO = N_(
    "LeNet-5 was built to tolerate small shifts and distortions: shared weights find a stroke "
    "wherever it is, and subsampling blurs exact positions. Push the sliders to find where "
    "it breaks."
)


def slider_label(name: str) -> str:
    """A transform's slider label, "Shift right (px)", in the session's language (lenet marks the words)."""
    s = invariance.SLIDERS[name]
    return f"{_(s.label)} ({_(s.unit)})"


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    params = sliders_ui()
    answer = ctx.answer.label  # the untransformed digit's answer: the one whose robustness is tested
    # Shared by every session of this server that shows this digit with these sliders (a class following the
    # teacher): the sweeps (147 transformed inputs) and the two charts depend on nothing else but the words.
    words = (_("transformed"), *(slider_label(name) for name in invariance.SLIDERS), _("digit"), _("probability"))
    key = (ctx.network, digest(ctx.digit.field28), tuple(sorted(params.items())), answer, words)
    view = shared("lab_invariance", key, lambda: _view(ctx, params, answer))
    label = int(np.argmax(view.probabilities))
    left, right = st.columns([1, 1.4])
    with left:
        figure(view.input, _("The transformed 32×32 input"), "lab_invariance_input.png")
    with right:
        sure = _("{percent} sure").format(percent=percent(view.probabilities[label]))
        st.metric(_("Prediction"), str(label), sure, delta_color="off", delta_arrow="off")
        if label != answer:
            st.warning(
                _("The prediction changed from **{before}** ({source}) to **{after}**.").format(
                    before=answer, source=_(ctx.source.called), after=label
                )
            )
        figure(view.bars, _("Probability of each digit"), "lab_invariance_probabilities.png")
    st.subheader(_("Where does {digit} stop being the answer?").format(digit=answer), divider="gray")
    st.markdown(
        _(
            "Each panel moves **one** slider across its whole range (the others stay where they are) "
            "and plots the probability of **{digit}**, the answer before any slider moved."
        ).format(digit=answer)
    )
    figure(
        view.curves,
        _("Blue: probability of {digit}; orange: the slider's current value").format(digit=answer),
        "lab_invariance_curves.png",
    )


@dataclass(frozen=True)
class View:
    """What Invariance shows of one digit with one setting of the sliders (PNGs as bytes)."""

    input: bytes  # the transformed 32x32 input
    probabilities: np.ndarray  # (10,) of the transformed input
    bars: bytes  # their chart
    curves: bytes  # P(answer) as each slider sweeps its range


def _view(ctx: Context, params: dict[str, float], answer: int) -> View:
    x = invariance.transformed_input(ctx.digit.field28, params)
    probs = ctx.network.probabilities(x[None])[0]  # (10,)
    bars = probability_plot({_("transformed"): probs}, width_px=BARS_PX)
    return View(viz.to_png_bytes(pictures.input_image(x)), probs, viz.to_png_bytes(bars), _curves(ctx, params, answer))


def sliders_ui() -> dict[str, float]:
    """One slider per transform, in two columns, and a reset button; returns {name: value}."""
    st.button(_("Reset sliders"), on_click=_reset, key=f"{KEY}reset")
    params, columns = {}, st.columns(2)
    for n, (name, s) in enumerate(invariance.SLIDERS.items()):
        with columns[n % 2]:
            params[name] = st.slider(
                slider_label(name),
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


def _curves(ctx: Context, params: dict[str, float], label: int) -> bytes:
    values = {name: s.values(CURVE_POINTS) for name, s in invariance.SLIDERS.items()}
    probs = invariance.sweeps(ctx.network, ctx.digit.field28, values, params)  # {name: (CURVE_POINTS, 10)}
    curves = {slider_label(name): (values[name], probs[name][:, label], params[name]) for name in values}
    suptitle = _("P(digit {digit}) as each transform sweeps its range (orange = current)").format(digit=label)
    return viz.to_png_bytes(plots.probability_curves(curves, label, suptitle=suptitle))
