"""A student's page follows the teacher (issue 25): "Follow me", "Pause screens", "Let go".

On a student's page (?class=CODE) the server runs the page again when the class's lesson state moves on
(ui/class_push.py: one read per class per server process per PUSH_S; a fragment re-runs every SAFETY_S too,
in case), and `follow()` applies it before anything is drawn: the teacher's tab and lab settings (follow), a
calm "Eyes on the board" over the page (paused), or the student's own tab and settings back (let go).

The student's own page is never taken apart, so "Let go" finds it as it was: the tab and lab settings are
set aside when the class starts following; the canvas is never removed (a pushed digit shows above it,
the pause screen covers it), so its strokes stay. A following student can still draw and change tabs: the
canvas is theirs, the banner says what is happening, and the teacher's next change moves them again.
"""

import numpy as np
import streamlit as st

from lenet import viz
from lenet.preprocess import from_mnist
from ui import class_common, class_lesson, class_push, class_student, sources
from ui.digit_source import PUSHED, Source
from ui.i18n import N_, _
from ui.plain import plain
from ui.tabs import TITLES, title_of

SAFETY_S = 10.0  # the page's own check; the server runs it again within class_push.PUSH_S of a change (goal: 2 s)
SEEN_KEY = "lesson_seen"  # the lesson version this page's run applied (at its start)
SHOWN_KEY = "lesson_shown"  # the lesson version this page's last run drawn to its end showed
LEADING_KEY = "lesson_led"  # True while this page shows the teacher's lesson (follow or paused)
WANTED_KEY, RETRY_KEY = "lesson_wanted_tab", "lesson_retry_tab"  # after_page(): the tab this run should open
OWN_KEY = "lesson_own"  # {key: value} the student's own tab and lab settings, set aside while following
PENDING_KEY = "lesson_pending"  # {key: value} lab settings _apply() wrote that no run has yet drawn to its end
OVERLAY_CSS = """<style>
.st-key-eyes_on_the_board { position: fixed; inset: 0; z-index: 1000000; background: #f4f1ea;
  display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center;
  padding: 2rem; box-sizing: border-box; }
</style>"""


def follow(tab_key: str):
    """Before the page is drawn: on a student's page, the class's lesson, applied if it changed, and its banner
    or pause screen. Returns the lesson (None elsewhere)."""
    code = class_student.class_code()
    slot = st.container()  # always there (empty takes no room): the page below keeps its place, the canvas its strokes
    if code is None:
        class_push.forget()
        return None
    from classroom import ClassError

    try:
        lesson = class_lesson.lesson_of(code)
    except ClassError:
        return None  # the class panel says what is wrong with the store; the lab works on its own
    if lesson.version != st.session_state.get(SEEN_KEY):
        _apply(lesson, tab_key)
    else:
        if RETRY_KEY in st.session_state:
            st.session_state[tab_key] = st.session_state.pop(RETRY_KEY)  # once: after_page() does not ask again
        _write_again()
    with slot:
        _banner(lesson)
    return lesson


@st.fragment(run_every=SAFETY_S)
def _watch(code: str) -> None:
    """Every SAFETY_S: the whole page runs again when the class's lesson changed (and draws nothing otherwise).
    A change comes sooner from the server (ui/class_push.py); this is for a push that could not be made."""
    from classroom import ClassError

    try:
        version = class_lesson.lesson_of(code).version
    except ClassError:
        return  # the next poll tries again
    if version != st.session_state.get(SHOWN_KEY):  # not SEEN_KEY: a run stopped halfway applied it unseen
        st.rerun(scope="app")


def _apply(lesson, tab_key: str) -> None:
    """Make this page show `lesson`: the teacher's tab and settings, or the student's own back."""
    was_led = st.session_state.get(LEADING_KEY, False)
    if lesson.leading and not was_led:
        _set_aside(tab_key)
    written = {}
    if lesson.leading:
        if lesson.tab in TITLES and lesson.tab != class_lesson.TEACHERS_TAB:
            _open_tab(tab_key, lesson.tab)
        for key, value in lesson.settings.items():
            if class_lesson.is_lab_setting(key):  # nothing else of a session is the teacher's to set
                written[key] = st.session_state[key] = class_lesson.widget_value(value)
    elif was_led:
        written = _give_back(tab_key)
    st.session_state[PENDING_KEY] = written
    st.session_state[LEADING_KEY], st.session_state[SEEN_KEY] = lesson.leading, lesson.version


def _write_again() -> None:
    """The settings _apply() wrote, written again until a run draws the page to its end (after_page()).
    Streamlit tells the browser a widget's new value only in the run whose code wrote it: when that run stops
    before the widget is drawn (the page's tab opened one run later, a push or a stroke cut it short), the next
    run draws the widget at the browser's old value while the server computes with the teacher's (a CI run:
    the student's Lesion read C1·2 silenced, its box showed none, and the student's next click would undo it)."""
    for key, value in st.session_state.get(PENDING_KEY, {}).items():
        st.session_state[key] = value


def _open_tab(tab_key: str, title: str) -> None:
    """Open the tab `title`, and check after the page is drawn that it did (after_page())."""
    st.session_state[tab_key] = st.session_state[WANTED_KEY] = title


def after_page(tab_key: str) -> None:
    """After the page is drawn, on a student's page: the fragment that watches for the lesson's next change (at
    the page's end: anywhere above, even empty, it would push the canvas and the answer down a gap), and a check
    that the tab follow() set did open. On a page's first run (a late join, a reload) the link's ?tab= wins over
    session state (Streamlit's rule for widgets bound to the URL; the link cannot be set while bound): then the
    page runs once more, where the tab set by follow() wins."""
    code = class_student.class_code()
    if code is not None:
        _register(code)  # first: the watcher, run inline here, compares with what this run showed
        _watch(code)
    wanted = st.session_state.pop(WANTED_KEY, None)
    if wanted is not None and title_of(st.session_state.get(tab_key)) != title_of(wanted):  # any language's label
        st.session_state[RETRY_KEY] = wanted
        st.rerun()  # the settings stay pending: this run drew another tab's widgets
    st.session_state.pop(PENDING_KEY, None)  # drawn to the end, on the wanted tab: the browser has them


def _register(code: str) -> None:
    """This page, drawn to its end, shows the lesson version SEEN_KEY: the server runs it again when that moves on.
    Here, not in follow(): a run stopped halfway (by the next push, say) has applied the lesson without showing
    it, and a page not registered anew gets pushed again (ui/class_push.py)."""
    from classroom import ClassError

    st.session_state[SHOWN_KEY] = st.session_state.get(SEEN_KEY, 0)
    try:
        class_push.watch(code, st.session_state[SHOWN_KEY], class_common.store())
    except ClassError:
        pass  # the store is down: the page's own check (SAFETY_S) asks again


def _set_aside(tab_key: str) -> None:
    own = {key: value for key, value in st.session_state.items() if class_lesson.is_lab_setting(str(key))}
    st.session_state[OWN_KEY] = {**own, tab_key: st.session_state.get(tab_key)}


def _give_back(tab_key: str) -> dict:
    """The student's own tab and settings back; returns the settings written."""
    own = st.session_state.pop(OWN_KEY, {})
    for key in [k for k in st.session_state if class_lesson.is_lab_setting(str(k)) and k not in own]:
        del st.session_state[key]  # the teacher's settings leave with the teacher
    for key, value in own.items():
        if key == tab_key and value is not None:
            _open_tab(tab_key, value)
        elif key != tab_key:
            st.session_state[key] = value
    return {key: value for key, value in own.items() if key != tab_key}


def _banner(lesson) -> None:
    if lesson.paused:
        with st.container(key="eyes_on_the_board"):
            st.html(OVERLAY_CSS)
            st.title(_("Eyes on the board"), anchor=False)
            st.markdown(_("Your teacher paused the screens. Your drawing is kept: it is here when they resume."))
    elif lesson.following:
        showing = " " + _("The tabs show the digit the teacher chose.") if _pushed(lesson) is not None else ""
        st.info(
            _("**Following the teacher**: {tab}.").format(tab=plain(_(lesson.tab) if lesson.tab else _("this tab")))
            + showing
            + " "
            + _("Your own tab, drawing and settings come back when the teacher lets go."),
            icon=":material/co_present:",
        )


def _pushed(lesson) -> np.ndarray | None:
    return lesson.push.pixels if lesson is not None and lesson.following and lesson.push else None


def digit_ui(lesson) -> tuple[Source, object]:
    """The input panel: the student's own (source selector and widget), and above it, while the teacher shows
    everyone a digit, that digit, which the tabs then read. Returns (source, preprocessed digit or None)."""
    slot = st.container()  # always there, so the canvas below keeps its place (and its strokes)
    own = sources.digit_ui()
    pixels = _pushed(lesson)
    if pixels is None:
        return own
    caption = plain(_(lesson.push.caption or N_("the teacher's digit")))  # ours are msgids; a wall's caption stays
    with slot:
        st.image(
            viz.upscale_to(viz.grey_rgb(pixels, 0, 255), sources.PREVIEW_PX),
            caption=_("Shown by the teacher: {caption}").format(caption=caption),
        )
        st.caption(_("Every tab reads this digit now. Your own input, below, is kept."))
    return PUSHED, from_mnist(pixels)
