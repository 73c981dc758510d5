"""The "Lesion" lab: switch off C1 or C3 feature maps, or cut C3 wires, and see what the network loses."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lenet import viz
from lenet.forward import Forward
from lenet.lab import lesion, pictures
from ui.charts import figure, intro, probability_plot
from ui.context import Context
from ui.i18n import N_, _, percent, scale
from ui.shared import digest, shared

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
    before = ctx.answer
    # Shared by every session of this server that shows this digit with this damage (a class following the
    # teacher): the lesioned pass and the pictures depend on nothing else (the chart's words: the language).
    words = (_("intact"), _("lesioned"), _("digit"), _("probability"))
    key = (ctx.network, digest(ctx.digit.x), damage, words)
    view = shared("lab_lesion", key, lambda: _view(ctx.network, ctx.digit.x, before, damage, words))
    _verdict(before, view.after, damage)
    figure(
        view.probabilities, _("Probability of each digit, before and after the lesion"), "lab_lesion_probabilities.png"
    )
    figure(
        view.table,
        _("Table I with the damage in red (a silenced C1 map removes its S2 row; a silenced C3 map its column)"),
        "lab_lesion_table.png",
    )
    _c3_maps(view)


@dataclass(frozen=True)
class View:
    """What Lesion shows of one digit with one damage: the lesioned pass and the pictures as PNG bytes."""

    after: Forward  # the lesioned network's pass
    probabilities: bytes  # the before/after chart
    table: bytes  # Table I with the damage in red
    changed: tuple[int, ...]  # the C3 maps the damage changed
    vrange: tuple[float, float]  # the C3 maps' one colour scale
    c3: tuple[bytes, bytes]  # the 16 C3 maps, intact and lesioned


def _view(network, x: np.ndarray, before: Forward, damage: lesion.Lesion, words: tuple[str, ...]) -> View:
    after = lesion.lesioned_forward(network, x, damage)
    chart = probability_plot({words[0]: before.probabilities, words[1]: after.probabilities})  # axes: words[2:]
    table = pictures.connection_table(None, damage.connections, damage.c1_maps, damage.c3_maps)
    c3_before, c3_after = before.activations["C3"], after.activations["C3"]  # (10, 10, 16) each
    changed = tuple(i for i in range(16) if not np.allclose(c3_before[..., i], c3_after[..., i]))
    vrange = viz.value_range([c3_before, c3_after])
    c3 = tuple(viz.to_png_bytes(viz.map_grid(maps, "C3", 8, MAP_TILE, vrange)) for maps in (c3_before, c3_after))
    return View(after, viz.to_png_bytes(chart), viz.to_png_bytes(table), changed, vrange, c3)  # type: ignore[arg-type]


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


def _c3_maps(view: View) -> None:
    st.subheader(_("C3 before and after"), divider="gray")
    st.markdown(
        _(
            "C3 maps that changed: {maps}. A silenced C1 map changes exactly the C3 maps that read its S2 map "
            "in Table I."
        ).format(maps=", ".join(f"C3·{i}" for i in view.changed) if view.changed else _("none"))
    )
    for title, png, name in ((_("Intact"), view.c3[0], "intact"), (_("Lesioned"), view.c3[1], "lesioned")):
        figure(
            png,
            _("{title}: the 16 C3 maps (one colour scale {low} … {high})").format(title=title, **scale(*view.vrange)),
            f"lab_lesion_c3_{name}.png",
        )
