"""LeNet-5 in the classroom: draw a digit and watch the network see it, layer by layer.

Run with:  streamlit run app.py
"""

import importlib

import streamlit as st

from ui import (  # light: the model is the NumPy engine, loaded on the first stroke; no TensorFlow in this server
    class_follow,  # a student's page follows the teacher's lesson (?class=CODE)
    class_lead,  # the teacher's "Follow me" bar
    class_student,  # class mode's student panel (?class=CODE); the class store loads on first use
    models,
    runtime,
    style,
)
from ui.digit_source import Source
from ui.tabs import TABS, Tab

TAB_KEY = "tab"  # st.session_state[TAB_KEY] is the open tab's title; ?tab=... in the URL opens one


def header() -> None:
    """One compact line of title and one of caption: the canvas and the answer must fit the first screen."""
    st.title("✍️ LeNet-5 reads your handwriting", anchor="lenet-title")
    st.container(key="lead").caption(  # keyed: ui/style.py hides it on phones
        "LeCun, Bottou, Bengio & Haffner (1998). Draw a digit; each layer's numbers are shown as pictures."
    )


def show_tab(tab: Tab, model_key: str, source: Source, prep) -> None:
    """Run one tab: load the network (cached), one forward pass, render."""
    if prep is None and tab.needs_digit:  # nothing to compute: the hint only
        st.info(tab.hint, icon=":material/arrow_back:")
        return
    module = importlib.import_module(f"ui.{tab.module}")
    import lenet
    from ui.context import Context

    try:
        network = models.load_network(model_key)
    except lenet.ModelLoadError as err:
        st.error(f"The model “{model_key}” could not be loaded. {err}")
        return
    result = network.forward(prep.x) if prep is not None else None  # one pass per rerun
    module.render(Context(network, model_key, prep, result, source))


def class_panel(tab: Tab, source: Source, prep, model_key: str) -> None:
    """Class mode's student panel (only with ?class=CODE in the link), first in the open tab; ui/style.py shows
    the answer above it. Under the canvas it pushed the answer off a phone's first screen (columns stack).
    For the class's teacher, the bar that leads the lesson."""
    if class_student.class_code() is not None:
        with st.container(key="class_panel"):
            class_student.student_ui(source, prep, model_key)
    else:
        class_lead.lead_ui(tab.title, source, prep, TAB_KEY)


def main() -> None:
    st.set_page_config(page_title="LeNet-5 classroom", page_icon="✍️", layout="wide")
    runtime.share_the_lock_finely()  # once per server: a setting of the interpreter
    runtime.apply_page()  # Streamlit's DOM: the CSS on its test ids, the formula-fitting script
    style.apply()
    header()
    lesson = class_follow.follow(TAB_KEY)  # a student's page: the teacher's tab, settings, digit or pause
    left, right = st.columns([1, 2.4], gap="large")
    with left:
        model_key = models.model_ui()
        source, prep = class_follow.digit_ui(lesson)
    with right:
        # Only the open tab runs: a stroke costs one tab's work, not ten.
        containers = st.tabs([tab.title for tab in TABS], key=TAB_KEY, on_change="rerun", bind="query-params")
        for container, tab in zip(containers, TABS):
            if container.open:
                with container:
                    class_panel(tab, source, prep, model_key)
                    show_tab(tab, model_key, source, prep)
    class_follow.after_page(TAB_KEY)  # a student's page: watch the lesson; the teacher's tab did open
    class_lead.track(class_lead.leader(), st.session_state.get(TAB_KEY))  # the class follows the teacher's tab


if __name__ == "__main__":  # Streamlit and AppTest run this file as __main__; tests may import it
    main()
