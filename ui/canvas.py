"""The drawing canvas: white ink on black, MNIST-thick strokes, sent to Python when a stroke ends.

streamlit-drawable-canvas 0.13 has no option to hide or move its hover toolbar, and that toolbar
sits, invisible until hovered, over the top right of the drawing area: strokes that start there
were silently dropped (every touch, quick mouse strokes; issue 10). ui.runtime.hide_canvas_toolbar hides it (a
script in the page, sent by ui.runtime.apply_page once per full run, not per stroke) and the app gives its own
large Undo and Clear buttons under the canvas instead.

The canvas' key never changes, so a rerun between two strokes keeps the component and its ink.
Undo and Clear hand the component a new `initial_drawing` (with a fresh revision id, so it sees a
change); it loads that drawing and sends it back. They act on the buttons' return values, not on
on_click callbacks: Streamlit runs no callback in a session that has not run yet, so after a
server restart the first Clear used to be ignored (issue 9).
"""

import hashlib
import io
import json
import uuid

import numpy as np
import streamlit as st
from PIL import Image

from ui.i18n import _

CANVAS_SIZE = 280  # px; 10x MNIST's 28, so MNIST's ~2 px strokes become ~20 px
STROKE_WIDTH = 20
MIN_INK = 32  # brightest pixel (0-255) below this means nothing is drawn yet
CANVAS_KEY = "canvas"
_DRAWING = "canvas_drawing"  # session state: the drawing the component starts from (Fabric.js JSON)
_STALE = "canvas_stale"  # session state: the fingerprint of the drawing Undo/Clear replaced, until it changes
_DECODED = "canvas_decoded"  # session state: (PNG bytes, their grey levels), so a run on the same drawing (a
# pushed lesson step, a tab opened) does not decode it again (~1 ms); 90 kB a student
EMPTY: dict[str, list] = {"objects": []}


def _fingerprint(objects: list) -> str:
    return hashlib.sha1(json.dumps(objects, sort_keys=True).encode()).hexdigest()


def _start_from(objects: list, replaced: list) -> None:
    """Give the component a new drawing (its strokes: `objects`) in place of `replaced`; run the page again."""
    st.session_state[_DRAWING] = {"objects": objects, "revision": uuid.uuid4().hex}
    st.session_state[_STALE] = _fingerprint(replaced)
    st.rerun()


def _draw_canvas(initial: dict):
    # Imported here, lazily: the component needs a running app.
    from streamlit_drawable_canvas import st_canvas

    return st_canvas(
        stroke_width=STROKE_WIDTH,
        stroke_color="#FFFFFF",
        background_color="#000000",
        update_streamlit=True,
        height=CANVAS_SIZE,
        width=CANVAS_SIZE,
        drawing_mode="freedraw",
        initial_drawing=initial,
        return_image_data=True,
        key=CANVAS_KEY,
    )


def _buttons(objects: list) -> None:
    """Undo (the last stroke) and Clear, side by side under the canvas. No tooltips: one would pop up over
    the bottom of the canvas after a press and swallow the next stroke that starts there."""
    row = st.container(horizontal=True, gap="small")
    if row.button(_("Undo"), key="canvas_undo", icon=":material/undo:", disabled=not objects):
        _start_from(objects[:-1], objects)
    if row.button(_("Clear"), key="canvas_clear", icon=":material/delete:"):
        _start_from([], objects)


def canvas_ui() -> np.ndarray | None:
    """Draw the canvas with Undo and Clear; return the drawing as (H, W) uint8 grey levels, or None if it is
    empty. The canvas is opaque (a black background) and its ink white, so grey loses nothing; decoded by
    Pillow straight to grey, it is a quarter of the RGBA array to copy and preprocess (issue 13)."""
    initial = st.session_state.get(_DRAWING, EMPTY)
    result = _draw_canvas(initial)
    objects = (result.json_data or {}).get("objects") or []
    stale = st.session_state.get(_STALE)
    if stale is not None and stale != _fingerprint(objects):
        del st.session_state[_STALE]  # the component has reported since Undo/Clear (what they gave it, or more)
        stale = None
    _buttons(objects)
    png = result.image_bytes
    if stale is not None:
        return None  # until the component has loaded the new drawing, it still reports the replaced one
    if png is None and initial["objects"]:
        _start_from([], objects)  # remounted (the source was switched away and back), its strokes unsent: clear
    if png is None:
        return None
    decoded = st.session_state.get(_DECODED)
    if decoded is not None and decoded[0] == png:
        grey = decoded[1]  # the same object as before: ui/sources.py's preprocessing is kept too
    else:
        grey = np.asarray(Image.open(io.BytesIO(png), formats=["PNG"]).convert("L"))  # a PNG data URL: no sniffing
        st.session_state[_DECODED] = (png, grey)
    return grey if grey.max() >= MIN_INK else None
