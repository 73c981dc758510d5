"""The "Prediction" tab: the answer, all ten probabilities, and how the digit was prepared."""

import numpy as np
import streamlit as st

import lenet
from lenet import viz
from ui.charts import download, inline_figures, probability_bars
from ui.context import Context
from ui.digit_source import Source
from ui.glance_strip import glance_ui
from ui.texts import explained

STAGE_PX = 168  # 20x8, 28x6, 32x5 (then padded to 168): every stage enlarged by a whole factor
STRIP_LABELS = ["1 · input", "2 · ink box", "3 · 20×20", "4 · 28×28", "5 · 32×32"]


def render(ctx: Context) -> None:
    result = ctx.answer
    answer = st.container(key="answer", horizontal=True)  # side by side on phones too; 1 block, not columns' 4
    answer.metric("Prediction", str(result.label))
    answer.metric("Confidence", f"{result.confidence:.0%}")
    glance_ui(ctx)
    probability_bars(result.probabilities, result.label)
    if ctx.network.rbf:
        st.caption(
            "The classic model scores each digit by a penalty (distance to its bitmap); shown here as "
            f"probabilities with a {explained('softmax')} of −penalty."
        )
    st.subheader("What LeNet-5 actually sees")
    stages_ui(ctx.digit, ctx.source)


def stage_pictures(prep: lenet.Preprocessed) -> list[np.ndarray]:
    """The four distinct stage pictures as shown, grey levels at their own size: the ink, the 20x20, 28x28 and
    32x32 stages. The page enlarges them (pixels kept square, ui/style.py) and draws stage 2's ink box over the
    ink (box_style): the server encodes small grey PNGs per stroke instead of enlarged RGB ones (issue 13)."""
    low, high = float(prep.input32.min()), float(prep.input32.max())
    return [
        viz.grey_levels(prep.ink),
        viz.grey_levels(prep.box20),
        viz.grey_levels(prep.field28),
        viz.grey_levels(prep.input32, low, high),
    ]


def box_style(prep: lenet.Preprocessed) -> str:
    """CSS that places the ink's bounding box over the ink picture, in % of its size."""
    top, left, bottom, right = prep.bbox
    height, width = prep.ink.shape
    return (
        f"top:{100 * top / height:.2f}%;left:{100 * left / width:.2f}%;"
        f"height:{100 * (bottom - top) / height:.2f}%;width:{100 * (right - left) / width:.2f}%"
    )


def stage_images(prep: lenet.Preprocessed) -> list[np.ndarray]:
    """The five stages as equal RGB squares of STAGE_PX (black around the smaller ones), the box drawn in:
    the downloadable strip's."""
    ink = viz.grey_levels(viz.upscale_to(prep.ink.astype(np.float32), STAGE_PX))  # shrink first: 280² -> 168²
    boxed = viz.draw_box(np.repeat(ink[..., None], 3, axis=-1), prep.bbox, ink.shape[0] / prep.ink.shape[0], width=3)
    tiles = [ink, boxed, *stage_pictures(prep)[1:]]
    tiles = [tile if tile.ndim == 3 else np.repeat(tile[..., None], 3, axis=-1) for tile in tiles]
    return [viz.pad_to(viz.upscale_to(tile, STAGE_PX), STAGE_PX, (0, 0, 0)) for tile in tiles]


def strip_png(images: list[np.ndarray]) -> bytes:
    """The five stages side by side, numbered, as one PNG."""
    return viz.to_png_bytes(viz.grid(images, cols=len(images), labels=STRIP_LABELS))


def stages_ui(prep: lenet.Preprocessed, source: Source) -> None:
    """The preprocessing strip, side by side with captions."""
    captions = [
        f"1 · {source.caption}",
        "2 · the ink's bounding box",
        "3 · scaled to fit 20×20",
        "4 · 28×28, centred by mass",
        "5 · 32×32 model input",
    ]
    ink, *rest = [viz.to_png_bytes(image) for image in stage_pictures(prep)]
    box = f'<span class="box" style="{box_style(prep)}"></span>'
    overlays = ["", box, "", "", ""]
    pictures = [ink, ink, *rest]  # stage 2 is the ink again, with its box drawn over it by the page
    inline_figures(
        [
            (png, caption, f"Preprocessing step {caption}", overlay)
            for png, caption, overlay in zip(pictures, captions, overlays)
        ],
        "lenet-stages",
    )
    download(lambda: strip_png(stage_images(prep)), "preprocessing.png", "Download the strip (PNG)")  # on click
    if prep.inverted:
        st.caption("Your image had dark ink on a light background, so it was inverted first.")
