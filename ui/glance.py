"""The network at a glance: the input and C1 S2 C3 S4 C5 F6 OUTPUT in one labelled strip, with its numbers."""

import numpy as np
import streamlit as st

from lenet import glance, viz
from ui.charts import inline_figures, markdown_table
from ui.context import Context

NUMBERS_KEY = "glance_numbers"  # st.session_state[NUMBERS_KEY]: whether "The numbers" is open


def alt_text(label: int, confidence: float) -> str:
    """What the strip shows, for screen readers."""
    stages = ", ".join(f"{name} ({glance.SHAPES[name]})" for name in glance.STAGES[1:-1])
    return (
        f"LeNet-5 at a glance: the 32×32 input digit, then the outputs of {stages} as small coloured "
        f"maps and grids of units, and OUTPUT, the ten digits, where {label} is brightest "
        f"with probability {confidence:.0%}."
    )


def numbers(ctx: Context) -> list[dict]:
    """Each stage's size and value range, the rows of the strip's table of numbers."""
    acts = ctx.result.activations
    rows = [
        {
            "stage": "input",
            "shape": glance.SHAPES["input"],
            "min": float(ctx.prep.input32.min()),
            "max": float(ctx.prep.input32.max()),
        }
    ]
    rows += [
        {
            "stage": name,
            "shape": glance.SHAPES[name],
            "min": float(np.min(acts[name])),
            "max": float(np.max(acts[name])),
        }
        for name in glance.STAGES[1:-1]
    ]
    return rows


def glance_ui(ctx: Context) -> None:
    """The strip, its caption and alt text, and an expander with the numbers behind its colours."""
    result = ctx.result
    strip = glance.glance_strip(ctx.prep.input32, result.activations, result.probabilities)
    caption = (
        "The network at a glance: dark purple = low, yellow = high, one scale per layer. "
        "Every layer in full: the Layers tab."
    )
    inline_figures([(viz.to_png_bytes(strip), caption, alt_text(result.label, result.confidence))], "lenet-glance")
    table = st.expander("The numbers", key=NUMBERS_KEY, on_change="rerun")
    if table.open:  # the tables run only while their expander is open, not on every stroke
        with table:
            markdown_table([{"digit": d, "probability": float(p)} for d, p in enumerate(result.probabilities)])
            markdown_table(numbers(ctx))
