"""LeNet-5 in the classroom: draw a digit and watch the network see it, layer by layer.

Run with:  streamlit run app.py
"""

import streamlit as st

import lenet
from ui import (
    lab_c3,
    lab_invariance,
    lab_lesion,
    lab_lesson,
    lab_unit,
    lab_untrained,
    lab_why,
    layers,
    models,
    prediction,
    sources,
    style,
    weights,
)
from ui.context import Context

# The tabs, in order: (title, module with `render(ctx: Context) -> None`). Add a lab here.
TABS = [
    ("Prediction", prediction),
    ("Layers", layers),
    ("Weights", weights),
    ("Inside one unit", lab_unit),
    ("C3 wiring", lab_c3),
    ("Invariance", lab_invariance),
    ("Lesion", lab_lesion),
    ("Why this answer?", lab_why),
    ("Trained vs untrained", lab_untrained),
    ("Lesson", lab_lesson),
]
TAB_KEY = "tab"  # st.session_state[TAB_KEY] is the open tab's title; ?tab=... in the URL opens one


def header() -> None:
    st.title("✍️ LeNet-5: watch a neural network read your handwriting")
    st.caption("LeCun, Bottou, Bengio & Haffner (1998). Draw a digit; every layer's numbers are shown as pictures.")


def main() -> None:
    st.set_page_config(page_title="LeNet-5 classroom", page_icon="✍️", layout="wide")
    style.apply()
    header()
    left, right = st.columns([1, 2.4], gap="large")
    with left:
        model_key = models.model_ui()
        source, prep = sources.digit_ui()
    with right:
        try:
            network = models.load_network(model_key)
        except lenet.ModelLoadError as err:
            st.error(f"The model “{model_key}” could not be loaded. {err}")
            return
        result = network.forward(prep.x) if prep is not None else None  # one pass per rerun
        ctx = Context(network, model_key, prep, result, source)
        # Only the open tab runs: a stroke costs one tab's work, not ten.
        tabs = st.tabs([title for title, _ in TABS], key=TAB_KEY, on_change="rerun", bind="query-params")
        for tab, (_, module) in zip(tabs, TABS):
            if tab.open:
                with tab:
                    module.render(ctx)


main()
