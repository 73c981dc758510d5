"""The round-trip baseline: the app's own canvas (same component, size, stroke and Clear button)
and nothing else; it only counts the ink pixels.  Run: streamlit run bench/harness/bare_app.py
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `streamlit run` puts bench/harness/ first

from ui import canvas, runtime

st.set_page_config(page_title="bare canvas", layout="wide")
runtime.hide_canvas_toolbar()  # as the app's page does
image = canvas.canvas_ui()
ink = 0 if image is None else int((image >= canvas.MIN_INK).sum())  # grey levels
st.metric("Ink pixels", ink)
