"""The "C3 wiring" lab: Table I, which S2 maps feed a chosen C3 map, and the kernels on those wires."""

import numpy as np
import streamlit as st

from lenet import viz
from lenet.architecture import C3_KERNELS, SPECS
from lenet.lab import pictures
from lenet.lab.lesion import kernel_position
from lenet.paper import C3_CONNECTIONS
from ui.charts import figure, intro
from ui.context import Context
from ui.i18n import N_, _, group, scale
from ui.texts import plain_words

KERNEL_PX = 180  # 5x5 kernels enlarged 36x: readable from the back of a classroom
MAP_PX = 210  # S2 maps (14x14) enlarged 15x and C3 maps (10x10) 21x: a common multiple, so they tile

_FULL = SPECS["S2"].maps * SPECS["C3"].maps  # kernels if every S2 map fed every C3 map: 96
WHY = N_(
    "**Why not connect every S2 map to every C3 map?** LeCun et al. (1998, Section II-B) give two reasons. "
    "First, a non-complete connection scheme **keeps the number of connections (and parameters) within "
    "reasonable bounds**: {kernels} kernels instead of {full}, {params} parameters instead of "
    "{full_params}. "
    "Second, and more important, it **breaks the symmetry** of the network: different C3 maps are forced to "
    "extract **different, and hopefully complementary, features**, because they get different sets of inputs."
)
KERNEL = SPECS["C3"].window ** 2  # weights in one 5x5 kernel
HEADING = N_("C3's sparse wiring (Table I)")
INTRO = N_(
    "Each of the 16 C3 maps reads only **some** of the 6 S2 maps. Choose a C3 map to see "
    "which S2 maps feed it and the 5×5 kernel on each of those connections."
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    chosen = c3_map_ui()
    maps = C3_CONNECTIONS[chosen]
    figure(
        pictures.connection_table(chosen),
        _("Table I: rows S2 maps, columns C3 maps; orange = the S2 maps that feed C3·{map}").format(map=chosen),
        "lab_c3_table.png",
    )
    st.markdown(
        _(
            "**C3·{map} reads S2 maps {inputs}** "
            "({count} × {kernel} weights + 1 bias = {params} parameters; the bias: {bias})."
        ).format(
            map=chosen,
            inputs=", ".join(str(j) for j in maps),
            count=len(maps),
            kernel=KERNEL,
            params=len(maps) * KERNEL + 1,
            bias=plain_words("bias"),
        )
        + " "
        + _group(chosen)
    )
    _kernels(ctx, chosen)
    if ctx.ready:
        _maps(ctx, chosen)
    else:
        st.info(
            _("Draw, pick or upload a digit to also see the S2 maps flowing into this C3 map."),
            icon=":material/arrow_back:",
        )
    full_params = _FULL * SPECS["C3"].window ** 2 + SPECS["C3"].maps
    st.info(
        _(WHY).format(kernels=C3_KERNELS, full=_FULL, params=group(SPECS["C3"].params), full_params=group(full_params))
    )


def c3_map_ui() -> int:
    """The C3 map picker; returns its index 0-15."""
    return st.select_slider(_("C3 map"), options=list(range(16)), value=0, key="lab_c3_map")


def _group(i: int) -> str:
    if i < 6:
        return _("Maps 0–5 read three neighbouring S2 maps.")
    if i < 12:
        return _("Maps 6–11 read four neighbouring S2 maps.")
    if i < 15:
        return _("Maps 12–14 read four maps that are not all neighbours.")
    return _("Map 15 reads all six S2 maps.")


def _kernels(ctx: Context, i: int) -> None:
    st.subheader(_("The kernels K(j → {map}) of C3·{map}").format(map=i), divider="gray")
    kernel = ctx.network.weight("C3", "kernel")  # (5, 5, 60)
    tiles = np.stack([kernel[:, :, kernel_position(j, i)] for j in C3_CONNECTIONS[i]], axis=-1)
    vmin, vmax = viz.value_range(kernel, symmetric=True)  # one scale for all of C3's kernels
    image = viz.grid(
        [
            viz.upscale_to(viz.colorize(tiles[..., n], vmin, vmax, viz.WEIGHTS_CMAP), KERNEL_PX)
            for n in range(tiles.shape[-1])
        ],
        6,
        [f"S2·{j} → C3·{i}" for j in C3_CONNECTIONS[i]],
    )
    caption = _("Red weights add, blue ones subtract; scale {low} … {high}").format(**scale(vmin, vmax))
    figure(image, caption, "lab_c3_kernels.png")


def _maps(ctx: Context, i: int) -> None:
    st.subheader(_("What flows into C3·{map} for your digit").format(map=i), divider="gray")
    acts = ctx.answer.activations
    s2 = acts["S2"][..., list(C3_CONNECTIONS[i])]  # (14, 14, |M_i|)
    vmin, vmax = viz.value_range(acts["S2"])
    tiles = [viz.upscale_to(viz.colorize(s2[..., n], vmin, vmax), MAP_PX) for n in range(s2.shape[-1])]
    c3 = viz.upscale_to(viz.colorize(acts["C3"][..., i], *viz.value_range(acts["C3"])), MAP_PX)
    labels = [f"S2·{j}" for j in C3_CONNECTIONS[i]] + [_("makes C3·{map}").format(map=i)]
    figure(
        viz.grid(tiles + [c3], len(tiles) + 1, labels),
        _("The S2 maps it reads (left) and the C3 map they make (right)"),
        "lab_c3_maps.png",
    )
