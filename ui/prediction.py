"""The "Prediction" tab: the answer, all ten probabilities, and how the digit was prepared."""

import numpy as np
import streamlit as st

import lenet
from lenet import viz
from ui.charts import download, inline_figures, probability_bars
from ui.context import Context
from ui.digit_source import Source
from ui.glance_strip import glance_ui
from ui.i18n import N_, _, percent
from ui.texts import explained

STAGE_PX = 168  # 20x8, 28x6, 32x5 (then padded to 168): every stage enlarged by a whole factor
STRIP_LABELS = [N_("1 · input"), N_("2 · ink box"), "3 · 20×20", "4 · 28×28", "5 · 32×32"]  # drawn as _(label)


def render(ctx: Context) -> None:
    result = ctx.answer
    answer = st.container(key="answer", horizontal=True)  # side by side on phones too; 1 block, not columns' 4
    answer.metric(_("Prediction"), str(result.label))
    answer.metric(_("Confidence"), percent(result.confidence))
    glance_ui(ctx)
    probability_bars(result.probabilities, result.label)
    if ctx.network.rbf:
        st.caption(
            _(
                "The classic model scores each digit by a penalty (distance to its bitmap); shown here as "
                "probabilities with a {softmax} of −penalty."
            ).format(softmax=explained("softmax"))
        )
    st.subheader(_("What LeNet-5 actually sees"))
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
    return viz.to_png_bytes(viz.grid(images, cols=len(images), labels=[_(label) for label in STRIP_LABELS]))


def stages_ui(prep: lenet.Preprocessed, source: Source) -> None:
    """The preprocessing strip, side by side with captions."""
    captions = [
        f"1 · {_(source.caption)}",
        _("2 · the ink's bounding box"),
        _("3 · scaled to fit 20×20"),
        _("4 · 28×28, centred by mass"),
        _("5 · 32×32 model input"),
    ]
    ink, *rest = [viz.to_png_bytes(image) for image in stage_pictures(prep)]
    box = f'<span class="box" style="{box_style(prep)}"></span>'
    overlays = ["", box, "", "", ""]
    pictures = [ink, ink, *rest]  # stage 2 is the ink again, with its box drawn over it by the page
    inline_figures(
        [
            (png, caption, _("Preprocessing step {caption}").format(caption=caption), overlay)
            for png, caption, overlay in zip(pictures, captions, overlays)
        ],
        "lenet-stages",
    )
    download(lambda: strip_png(stage_images(prep)), "preprocessing.png", _("Download the strip (PNG)"))  # on click
    if prep.inverted:
        st.caption(_("Your image had dark ink on a light background, so it was inverted first."))
