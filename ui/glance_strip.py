"""The network at a glance: the input and C1 S2 C3 S4 C5 F6 OUTPUT in one labelled strip, with its numbers.

The strip is one st.html element: each stage's picture at its own size (lenet.glance), enlarged by the page
with square pixels (ui/style.py, .lenet-glance), and OUTPUT as ten cells with their digits written in.
"""

import html as html_text

import numpy as np
import streamlit as st

from lenet import glance, viz
from ui.charts import img, markdown_table
from ui.context import Context
from ui.runtime import html

NUMBERS_KEY = "glance_numbers"  # st.session_state[NUMBERS_KEY]: whether "The numbers" is open
CAPTION = (
    "The network at a glance: dark purple = low, yellow = high, one scale per layer. "
    "Every layer in full: the Layers tab."
)


def alt_text(label: int, confidence: float) -> str:
    """What the strip shows, for screen readers."""
    stages = ", ".join(f"{name} ({glance.SHAPES[name]})" for name in glance.STAGES[1:-1])
    return (
        f"LeNet-5 at a glance: the 32×32 input digit, then the outputs of {stages} as small coloured "
        f"maps and grids of units, and OUTPUT, the ten digits, where {label} is brightest "
        f"with probability {confidence:.0%}."
    )


def strip_html(ctx: Context) -> str:
    """The strip: a labelled tile per stage; one image for screen readers (role="img", alt_text)."""
    result = ctx.answer
    pictures = glance.glance_pictures(ctx.digit.input32, result.activations)
    tiles = [
        f'<div class="stage"><span>{name}</span>{img(viz.to_png_bytes(picture), name)}</div>'
        for name, picture in zip(glance.STAGES, pictures)
    ]
    cells = "".join(
        f'<li class="{"light" if light else "dark"}" style="background:{viz.hex_colour(colour)}">{digit}</li>'
        for digit, colour, light in glance.output_cells(result.probabilities)
    )
    tiles.append(f'<div class="stage"><span>OUTPUT</span><ol class="output">{cells}</ol></div>')
    label = html_text.escape(alt_text(result.label, result.confidence))
    return (
        f'<figure class="lenet-glance"><div class="strip" role="img" aria-label="{label}">{"".join(tiles)}</div>'
        f"<figcaption>{html_text.escape(CAPTION)}</figcaption></figure>"
    )


def numbers(ctx: Context) -> list[dict]:
    """Each stage's size and value range, the rows of the strip's table of numbers."""
    acts = ctx.answer.activations
    rows = [
        {
            "stage": "input",
            "shape": glance.SHAPES["input"],
            "min": float(ctx.digit.input32.min()),
            "max": float(ctx.digit.input32.max()),
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
    """The strip with its caption, and an expander with the numbers behind its colours."""
    html(strip_html(ctx))
    table = st.expander("The numbers", key=NUMBERS_KEY, on_change="rerun")
    if table.open:  # the tables run only while their expander is open, not on every stroke
        with table:
            markdown_table([{"digit": d, "probability": float(p)} for d, p in enumerate(ctx.answer.probabilities)])
            markdown_table(numbers(ctx))
