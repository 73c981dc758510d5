"""The "Prediction" tab: the answer, all ten probabilities, and how the digit was prepared."""

import numpy as np
import streamlit as st

import lenet
from lenet import viz
from ui.charts import download, probability_bars
from ui.context import Context
from ui.glance import glance_ui

STAGE_PX = 168  # 20x8, 28x6, 32x5 (then padded to 168): every stage enlarged by a whole factor
STRIP_LABELS = ["1 · input", "2 · ink box", "3 · 20×20", "4 · 28×28", "5 · 32×32"]


def render(ctx: Context) -> None:
    result = ctx.result
    left, right = st.container(key="answer").columns(2)  # keyed: ui/style.py keeps them side by side on phones
    left.metric("Prediction", str(result.label))
    right.metric("Confidence", f"{result.confidence:.0%}")
    glance_ui(ctx)
    probability_bars(result.probabilities, result.label)
    if ctx.network.rbf:
        st.caption("The classic model scores each digit by a penalty (distance to its bitmap); "
                   "shown here as probabilities, softmax(−penalty).")
    st.subheader("What LeNet-5 actually sees")
    stages_ui(ctx.prep, ctx.source)


def stage_images(prep: lenet.Preprocessed) -> list[np.ndarray]:
    """The five pictures of the pipeline, each about STAGE_PX on its longest side."""
    ink = viz.upscale_to(viz.gray(prep.ink), STAGE_PX)
    scale = ink.shape[0] / prep.ink.shape[0]  # box corners from image pixels to shown pixels
    stages = [
        ink,
        viz.draw_box(ink, prep.bbox, scale, width=3),
        viz.gray(prep.box20),
        viz.gray(prep.field28),
        viz.gray(prep.input32, float(prep.input32.min()), float(prep.input32.max())),
    ]
    black = (0, 0, 0)  # pad like the ink's background, so every stage is an equal black square
    return [viz.pad_to(viz.upscale_to(stage, STAGE_PX), STAGE_PX, black) for stage in stages]


def strip_png(images: list[np.ndarray]) -> bytes:
    """The five stages side by side, numbered, as one PNG."""
    return viz.to_png_bytes(viz.grid(images, cols=len(images), labels=STRIP_LABELS))


def stages_ui(prep: lenet.Preprocessed, source: str) -> None:
    """The preprocessing strip, side by side with captions."""
    first = {"Draw": "your drawing", "Gallery": "the MNIST digit", "Upload": "your image, as ink",
             "Class": "the class's drawing"}[source]
    captions = [
        f"1 · {first}",
        "2 · the ink's bounding box",
        "3 · scaled to fit 20×20",
        "4 · 28×28, centred by mass",
        "5 · 32×32 model input",
    ]
    images = stage_images(prep)
    for column, image, caption in zip(st.columns(5), images, captions):
        column.image(viz.to_png_bytes(image), caption=caption, width="stretch", output_format="PNG",
                     alt=f"Preprocessing step {caption}")
    download(lambda: strip_png(images), "preprocessing.png", "Download the strip (PNG)")  # encoded on click
    if prep.inverted:
        st.caption("Your image had dark ink on a light background, so it was inverted first.")
