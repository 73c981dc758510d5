"""Projector-friendly sizes the theme cannot set: a huge answer, large tab names and labels."""

import streamlit as st

CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 4.5rem; font-weight: 700; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
button[data-baseweb="tab"] p { font-size: 1.35rem; font-weight: 600; }
[data-testid="stCaptionContainer"] { font-size: 1rem; }
[data-testid="stImage"] img { image-rendering: pixelated; }  /* units stay sharp squares when scaled */
</style>
"""


def apply() -> None:
    """Add the app's CSS to the page (once per run)."""
    st.html(CSS)
