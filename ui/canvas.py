"""The drawing canvas: white ink on black, MNIST-thick strokes, sent to Python when a stroke ends."""

import numpy as np
import streamlit as st

CANVAS_SIZE = 280  # px; 10x MNIST's 28, so MNIST's ~2 px strokes become ~20 px
STROKE_WIDTH = 20
MIN_INK = 32  # brightest pixel (0-255) below this means nothing is drawn yet
_VERSION = "canvas_version"  # bumped by Clear: a new key gives a fresh, empty canvas


def _clear() -> None:
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def canvas_key() -> str:
    """The canvas' current widget key (changes on Clear)."""
    return f"canvas-{st.session_state.get(_VERSION, 0)}"


def canvas_ui() -> np.ndarray | None:
    """Draw the canvas and a Clear button; return the drawing as RGBA uint8, or None if it is empty."""
    from streamlit_drawable_canvas import st_canvas  # lazy: the component needs a running app

    st.caption("Mouse, pen or finger. Undo and reset: hover over the canvas.")
    result = st_canvas(
        stroke_width=STROKE_WIDTH,
        stroke_color="#FFFFFF",
        background_color="#000000",
        update_streamlit=True,
        height=CANVAS_SIZE,
        width=CANVAS_SIZE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=canvas_key(),
    )
    st.button("Clear", on_click=_clear, icon=":material/delete:", help="Start again with an empty canvas")
    image = result.image_data
    if image is None or image[..., :3].max() < MIN_INK:
        return None
    return image
