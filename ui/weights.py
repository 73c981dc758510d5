"""The "Weights" tab: what LeNet-5 learned (C1 kernels, S2/S4 coefficients) and Table I's wiring.

Nothing here depends on the drawing: every picture is built and PNG-encoded once per model file
(path and modification time) and shared by all sessions; a stroke costs this tab no work.
"""

import numpy as np
import streamlit as st

from lenet import viz
from lenet.lab import pictures
from ui import models
from ui.charts import figure
from ui.context import Context
from ui.i18n import _, current, scale

KERNEL_PX = 140  # 5x5 kernels enlarged 28x
COEFF_CELL_PX = 56  # one β or b value of the S2/S4 tables


def render(ctx: Context) -> None:
    path, mtime = models.model_id(ctx.model_key) if ctx.model_key in models.MODELS else (ctx.model_key, 0.0)
    _c1_kernels(*c1_figures(path, mtime, ctx.network, current()))  # the caption is in the session's language
    _c3_table()
    _subsampling(subsampling_figures(path, mtime, ctx.network))


@st.cache_data(show_spinner=False, max_entries=8)
def c1_figures(path: str, mtime: float, _network, lang: str = "en") -> tuple[bytes, bytes, str]:
    """(kernels PNG, colour bar PNG, caption) of the model file at `path` as it was at `mtime`."""
    kernels = _network.weight("C1", "kernel")
    maps = kernels[:, :, 0, :]  # (5, 5, 1, 6) -> (5, 5, 6)
    vmin, vmax = viz.value_range(maps, symmetric=True)
    image = viz.map_grid(maps, "C1", cols=6, tile=KERNEL_PX, vrange=(vmin, vmax), cmap=viz.WEIGHTS_CMAP)
    bar = viz.colorbar(vmin, vmax, viz.WEIGHTS_CMAP)
    return (
        viz.to_png_bytes(image),
        viz.to_png_bytes(bar),
        _("C1 kernels · scale {low} … {high}").format(**scale(vmin, vmax)),
    )


def _c1_kernels(kernels_png: bytes, colorbar_png: bytes, caption: str) -> None:
    st.subheader(_("C1 — the six 5×5 kernels"), divider="gray")
    st.markdown(
        _(
            "Each kernel is the pattern its C1 map looks for. Red weights add the pixel under them, "
            "blue ones subtract it; white is zero."
        )
    )
    figure(kernels_png, caption, "C1_kernels.png")
    st.image(
        colorbar_png,
        output_format="PNG",
        alt=_("Colour scale of the kernels: blue negative, white zero, red positive"),
    )


@st.cache_data(show_spinner=False)
def c3_table_png() -> bytes:
    """Table I as a PNG: the same for every model."""
    return viz.to_png_bytes(pictures.connection_table())


def _c3_table() -> None:
    st.subheader(_("C3 — which S2 maps each C3 map reads (Table I)"), divider="gray")
    st.markdown(
        _(
            "Rows are the 6 S2 maps, columns the 16 C3 maps; a dark cell is a connection. "
            "Maps 0–5 read 3 neighbours, 6–11 read 4 neighbours, 12–14 four non-neighbours, 15 all six. "
            "Breaking the symmetry makes the maps learn different features."
        )
    )
    figure(c3_table_png(), _("C3 connection table: rows S2 maps, columns C3 maps"), "C3_connections.png")


def coefficients(network, name: str) -> np.ndarray:
    """(2, maps) of subsampling layer `name`: row 0 each map's β, row 1 its b."""
    return np.stack([network.weight(name, "beta"), network.weight(name, "bias")])


@st.cache_data(show_spinner=False, max_entries=8)
def subsampling_figures(path: str, mtime: float, _network) -> dict[str, bytes]:
    """{"S2"/"S4": PNG of its β and b, one coloured column per map, the numbers written in}."""
    out = {}
    for name in ("S2", "S4"):
        values = coefficients(_network, name)
        columns = [str(i) for i in range(values.shape[1])]
        image = viz.value_table(values, ["β", "b"], columns, COEFF_CELL_PX)
        out[name] = viz.to_png_bytes(image)
    return out


def _subsampling(pictures: dict[str, bytes]) -> None:
    st.subheader(_("S2 and S4 — each map's β and b"), divider="gray")
    st.markdown(
        _(
            "A subsampling map multiplies its 2×2 average by β and adds b. "
            "Large |β|: the map passes its input on sharply; small |β|: it blurs and dampens it."
        )
    )
    for name, png in pictures.items():
        figure(
            png,
            _(
                "{layer}: β (top) and b (bottom) of each map, one column per map; "
                "red positive, blue negative, each row on its own scale"
            ).format(layer=name),
            f"{name}_beta_b.png",
        )
