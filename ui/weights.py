"""The "Weights" tab: what LeNet-5 learned (C1 kernels, S2/S4 coefficients) and Table I's wiring."""

import numpy as np
import streamlit as st

from lenet import viz
from lenet.paper import C3_CONNECTIONS
from ui.charts import figure
from ui.context import Context

KERNEL_PX = 140  # 5x5 kernels enlarged 28x


def render(ctx: Context) -> None:
    model = ctx.network.model
    _c1_kernels(model.get_layer("C1").get_weights()[0])
    _c3_table()
    _subsampling(model)


def _c1_kernels(kernels: np.ndarray) -> None:
    st.subheader("C1 — the six 5×5 kernels", divider="gray")
    st.markdown("Each kernel is the pattern its C1 map looks for. Red weights add the pixel under them, "
                "blue ones subtract it; white is zero.")
    maps = kernels[:, :, 0, :]  # (5, 5, 1, 6) -> (5, 5, 6)
    vmin, vmax = viz.value_range(maps, symmetric=True)
    image = viz.map_grid(maps, "C1", cols=6, tile=KERNEL_PX, vrange=(vmin, vmax), cmap=viz.WEIGHTS_CMAP)
    figure(image, f"C1 kernels · scale {vmin:+.2f} … {vmax:+.2f}", "C1_kernels.png")
    st.image(viz.colorbar(vmin, vmax, viz.WEIGHTS_CMAP))


def connection_mask() -> np.ndarray:
    """(6, 16) bool: row j, column i is True when C3 map i reads S2 map j (Table I)."""
    mask = np.zeros((6, len(C3_CONNECTIONS)), dtype=bool)
    for i, inputs in enumerate(C3_CONNECTIONS):
        mask[list(inputs), i] = True
    return mask


def _c3_table() -> None:
    st.subheader("C3 — which S2 maps each C3 map reads (Table I)", divider="gray")
    st.markdown("Rows are the 6 S2 maps, columns the 16 C3 maps; a dark cell is a connection. "
                "Maps 0–5 read 3 neighbours, 6–11 read 4 neighbours, 12–14 four non-neighbours, 15 all six. "
                "Breaking the symmetry makes the maps learn different features.")
    image = viz.table_image(connection_mask(), [f"S2·{j}" for j in range(6)], [str(i) for i in range(16)], cell=44)
    figure(image, "C3 connection table: rows S2 maps, columns C3 maps", "C3_connections.png")


def _subsampling(model) -> None:
    st.subheader("S2 and S4 — each map's β and b", divider="gray")
    st.markdown("A subsampling map multiplies its 2×2 average by β and adds b. "
                "Large |β|: the map passes its input on sharply; small |β|: it blurs and dampens it.")
    for name in ("S2", "S4"):
        st.markdown(f"**{name}** (one column per map)")
        st.table(coefficient_table(model.get_layer(name)), hide_index=True)


def coefficient_table(layer) -> dict[str, list[str]]:
    """{map index: [β, b]} as text with two decimals: one narrow column per map."""
    beta, bias = layer.beta.numpy(), layer.bias.numpy()
    return {"": ["β", "b"], **{str(i): [f"{beta[i]:.2f}", f"{bias[i]:.2f}"] for i in range(len(beta))}}
