"""LeNet-5 in the classroom: draw a digit and watch the network see it, layer by layer.

Run with:  streamlit run app.py
"""

import importlib

import streamlit as st

from ui import models, sources, style  # light: TensorFlow is imported by the model loader, in the background

# The tabs, in order: (title, module in ui/ with `render(ctx: Context) -> None`). Add a lab here.
# Modules are imported when their tab first opens: the labs import TensorFlow, the page must not wait for it.
TABS = [
    ("Prediction", "prediction"),
    ("Layers", "layers"),
    ("Weights", "weights"),
    ("Inside one unit", "lab_unit"),
    ("C3 wiring", "lab_c3"),
    ("Invariance", "lab_invariance"),
    ("Lesion", "lab_lesion"),
    ("Why this answer?", "lab_why"),
    ("Trained vs untrained", "lab_untrained"),
    ("Watch it learn", "lab_learn"),
    ("Lesson", "lab_lesson"),
]
TAB_KEY = "tab"  # st.session_state[TAB_KEY] is the open tab's title; ?tab=... in the URL opens one


def header() -> None:
    st.title("✍️ LeNet-5: watch a neural network read your handwriting")
    st.caption("LeCun, Bottou, Bengio & Haffner (1998). Draw a digit; every layer's numbers are shown as pictures.")


def show_tab(name: str, model_key: str, source: str, prep) -> None:
    """Run one tab: load the network (waiting for the background load if needed), one forward pass, render."""
    module = importlib.import_module(f"ui.{name}")
    if prep is None and hasattr(module, "HINT"):  # nothing to compute: don't wait for TensorFlow
        st.info(module.HINT, icon=":material/arrow_back:")
        return
    import lenet
    from ui.context import Context

    try:
        network = models.load_network(model_key)
    except lenet.ModelLoadError as err:
        st.error(f"The model “{model_key}” could not be loaded. {err}")
        return
    result = network.forward(prep.x) if prep is not None else None  # one pass per rerun
    module.render(Context(network, model_key, prep, result, source))


def main() -> None:
    st.set_page_config(page_title="LeNet-5 classroom", page_icon="✍️", layout="wide")
    style.apply()
    models.keep_keras_between_runs()
    header()
    left, right = st.columns([1, 2.4], gap="large")
    with left:
        model_key = models.model_ui()
        source, prep = sources.digit_ui()
    with right:
        # Only the open tab runs: a stroke costs one tab's work, not ten.
        tabs = st.tabs([title for title, _ in TABS], key=TAB_KEY, on_change="rerun", bind="query-params")
        for tab, (_, name) in zip(tabs, TABS):
            if tab.open:
                with tab:
                    show_tab(name, model_key, source, prep)
    models.preload(model_key)  # last: TensorFlow's import (GIL-heavy) overlaps the student's first stroke, not this run


main()
