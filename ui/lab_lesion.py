"""The "Lesion" lab: switch off C1 or C3 feature maps, or cut C3 wires, and see what the network loses."""

import numpy as np
import streamlit as st

from lenet import viz
from lenet.lab import lesion, pictures
from ui.charts import figure, intro, probability_plot
from ui.context import Context
from ui.i18n import N_, _, percent, scale

KEY = "lab_lesion_"
MAP_TILE = 120  # C3 maps (10x10) enlarged 12x
HEADING = N_("Lesion the network")
INTRO = N_(
    "Neuroscientists learn what a brain area does by seeing what is lost when it is damaged. "
    "Do the same here: **silence** feature maps or **cut** connections of Table I, and compare "
    "the prediction before and after. (Your model is not changed: a copy is.)"
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    damage = lesion_ui()
    after = lesion.lesioned_forward(ctx.network, ctx.digit.x, damage)
    before = ctx.answer
    _verdict(before, after, damage)
    figure(
        probability_plot({_("intact"): before.probabilities, _("lesioned"): after.probabilities}),
        _("Probability of each digit, before and after the lesion"),
        "lab_lesion_probabilities.png",
    )
    figure(
        pictures.connection_table(None, damage.connections, damage.c1_maps, damage.c3_maps),
        _("Table I with the damage in red (a silenced C1 map removes its S2 row; a silenced C3 map its column)"),
        "lab_lesion_table.png",
    )
    _c3_maps(before, after)


def lesion_ui() -> lesion.Lesion:
    """Pickers for C1 maps, C3 maps and C3 connections, and a reset button; returns the Lesion."""
    c1, c3 = st.columns(2)
    with c1:
        c1_maps = st.multiselect(_("Silence C1 maps"), list(range(6)), key=f"{KEY}c1", format_func=lambda k: f"C1·{k}")
    with c3:
        c3_maps = st.multiselect(_("Silence C3 maps"), list(range(16)), key=f"{KEY}c3", format_func=lambda i: f"C3·{i}")
    wires = st.multiselect(
        _("Cut C3 connections (S2 map → C3 map, only those in Table I)"),
        lesion.all_connections(),
        key=f"{KEY}wires",
        format_func=lambda c: f"S2·{c[0]} → C3·{c[1]}",
    )
    st.button(_("Reset (heal the network)"), on_click=_reset, key=f"{KEY}reset")
    return lesion.Lesion(frozenset(c1_maps), frozenset(c3_maps), frozenset(wires))


def _reset() -> None:
    for name in ("c1", "c3", "wires"):
        st.session_state[f"{KEY}{name}"] = []


def _verdict(before, after, damage: lesion.Lesion) -> None:
    a, b = st.columns(2)
    for column, title, fwd in ((a, _("Intact network"), before), (b, _("Lesioned network"), after)):
        sure = _("{percent} sure").format(percent=percent(fwd.confidence))
        column.metric(title, str(fwd.label), sure, delta_color="off", delta_arrow="off")
    if damage.empty:
        st.info(_("Nothing is switched off yet: choose maps or connections above."))
    elif after.label == before.label:
        st.success(
            _("Still a **{digit}**: the rest of the network copes without the missing parts.").format(digit=after.label)
        )
    else:
        st.warning(
            _("The answer changed from **{before}** to **{after}**: the network needed that.").format(
                before=before.label, after=after.label
            )
        )


def _c3_maps(before, after) -> None:
    st.subheader(_("C3 before and after"), divider="gray")
    c3_before, c3_after = before.activations["C3"], after.activations["C3"]  # (10, 10, 16) each
    changed = [i for i in range(16) if not np.allclose(c3_before[..., i], c3_after[..., i])]
    st.markdown(
        _(
            "C3 maps that changed: {maps}. A silenced C1 map changes exactly the C3 maps that read its S2 map "
            "in Table I."
        ).format(maps=", ".join(f"C3·{i}" for i in changed) if changed else _("none"))
    )
    vrange = viz.value_range([before.activations["C3"], after.activations["C3"]])
    for title, fwd, name in ((_("Intact"), before, "intact"), (_("Lesioned"), after, "lesioned")):
        figure(
            viz.map_grid(fwd.activations["C3"], "C3", 8, MAP_TILE, vrange),
            _("{title}: the 16 C3 maps (one colour scale {low} … {high})").format(title=title, **scale(*vrange)),
            f"lab_lesion_c3_{name}.png",
        )
