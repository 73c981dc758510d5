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
    run_slots,
    runtime,
    style,
)
from ui.digit_source import Source
from ui.i18n import _, language_ui
from ui.tabs import TABS, Tab, follow_language, title_of

TAB_KEY = "tab"  # st.session_state[TAB_KEY] is the open tab's label; ?tab=... (any language's) opens one


def header() -> None:
    """One compact line of title and one of caption: the canvas and the answer must fit the first screen."""
    st.title(_("✍️ LeNet-5 reads your handwriting"), anchor="lenet-title")
    st.container(key="lead").caption(  # keyed: ui/style.py hides it on phones
        _("LeCun, Bottou, Bengio & Haffner (1998). Draw a digit; each layer's numbers are shown as pictures.")
    )


def show_tab(tab: Tab, model_key: str, source: Source, prep) -> None:
    """Run one tab: load the network (cached), one forward pass, render."""
    if prep is None and tab.needs_digit:  # nothing to compute: the hint only
        st.info(tab.hint_text, icon=":material/arrow_back:")
        return
    module = importlib.import_module(f"ui.{tab.module}")
    import lenet
    from ui.context import Context

    try:
        network = models.load_network(model_key)
    except lenet.ModelLoadError as err:
        st.error(_("The model “{model}” could not be loaded.").format(model=_(model_key)) + f" {err}")
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


TABS_WITH_FRAGMENTS = ("lab_learn", "class_teacher")  # modules that run st.fragment(run_every) themselves


def digit_and_tab(left, open_tab: tuple[Tab, object] | None, model_key: str, lesson) -> None:
    """The digit source with its canvas (in `left`) and the open tab's content (in its tab container), both
    containers made by the full run. As a fragment (digit_and_tab_fragment) a stroke reruns only this, not the
    header, the model selector, the page's CSS or the tab bar (43 -> ~20 messages per stroke); a model or tab
    change reruns the whole app (a radio outside it; the tab bar's on_change), which calls it with new arguments.
    Each part is written inside an st.container() made here: Streamlit 1.67 gives every element that a fragment
    writes straight into a container made outside it the same delta path, and st.image and st.download_button
    key their media files by that path, so all but the last picture of a run were dropped at its end (the
    pictures of Lesion, Inside one unit, Invariance ... answered 404; tests/e2e/test_lab_browser.py)."""
    with run_slots.turn():  # a turn among the runs of this server (ui/run_slots.py): a class keeps its pace
        with left, st.container():  # a container of the fragment's own: see the docstring
            source, prep = class_follow.digit_ui(lesson)  # the student's own digit, or the one the teacher pushed
        if open_tab is not None:
            tab, container = open_tab
            with container, st.container():
                class_panel(tab, source, prep, model_key)
                show_tab(tab, model_key, source, prep)
    # Here, not in main(): a lab setting changed inside the tab reruns only this fragment, and the class follows it.
    class_lead.track(class_lead.leader(), title_of(st.session_state.get(TAB_KEY)))


# A tab with fragments of its own runs in full runs, as before: nested in this fragment, Watch it learn's
# auto-refreshing fragment drew its progress twice after Cancel (tests/e2e/test_learn_browser.py).
digit_and_tab_fragment = st.fragment(digit_and_tab)


def main() -> None:
    language_ui()  # first: every word below is in the session's language
    st.set_page_config(
        page_title=_("LeNet-5 classroom"), page_icon="✍️", layout="wide", initial_sidebar_state="collapsed"
    )
    runtime.share_the_lock_finely()  # once per server: a setting of the interpreter
    runtime.batch_handovers()  # once per server: a run's messages reach the event loop in batches
    runtime.flush_in_few_turns()  # once per server: and are written to the websockets without a turn each
    runtime.send_finished_runs()  # once per server: a finished run's last messages are sent, not dropped
    runtime.skip_needless_trigger_checks()  # once per server: no json.dumps of the canvas' value per stroke
    runtime.reuse_the_theme()  # once per server: the theme's message is built once, not every run
    runtime.skip_pandas_for_plain_dicts()  # once per server: the canvas' data needs no pandas
    runtime.apply_page()  # Streamlit's DOM: the CSS on its test ids, the formula-fitting script (full runs only)
    style.apply()
    header()
    lesson = class_follow.follow(TAB_KEY)  # a student's page: the teacher's tab, settings, digit or pause
    left, right = st.columns([1, 2.4], gap="large")
    with left:
        model_key = models.model_ui()
    with right:
        # Only the open tab runs: a stroke costs one tab's work, not ten.
        follow_language(TAB_KEY)
        containers = st.tabs([tab.label for tab in TABS], key=TAB_KEY, on_change="rerun", bind="query-params")
    open_tab = next(((tab, container) for tab, container in zip(TABS, containers) if container.open), None)
    own_fragments = open_tab is not None and open_tab[0].module in TABS_WITH_FRAGMENTS
    (digit_and_tab if own_fragments else digit_and_tab_fragment)(left, open_tab, model_key, lesson)
    class_follow.after_page(TAB_KEY)  # a student's page: watch the lesson; the teacher's tab did open


if __name__ == "__main__":  # Streamlit and AppTest run this file as __main__; tests may import it
    main()
