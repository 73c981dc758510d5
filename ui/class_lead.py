"""The teacher leads the lesson (issue 25): "Follow me", "Let go", "Pause screens" / "Resume", and
"Show everyone this digit", in a bar at the top of every tab of the browser that teaches a class.

Only that browser may lead: the session that opened the class's wall (its PIN, or the computer that runs
the app, per ui/class_authority.py); a student's page (?class=) never does, whatever its session holds. The
state is written to the class store, so students on every app server follow. While the class follows,
`track()` writes the teacher's tab and lab settings, only when they changed since the last write.
"""

import streamlit as st

from ui import class_common, class_lesson
from ui.digit_source import CLASS, Source
from ui.i18n import N_, _, problem

WRITTEN_KEY = "lead_written"  # (code, tab, settings) last written by this session: an unchanged run writes nothing
BEFORE_PAUSE_KEY = "lead_before_pause"  # the mode "Resume" goes back to
MESSAGE_KEY = "lead_message"
PUSH_CAPTIONS = {  # stored in English; each student's page shows _(caption)
    "Draw": N_("the teacher's drawing"),
    "Gallery": N_("an MNIST test digit"),
    "Upload": N_("the teacher's image"),
}
MODE_WORDS = {  # by classroom.lesson.MODES (a test holds them equal); shown as _(words)
    "free": N_("students work on their own"),
    "follow": N_("students follow you: your tab and lab settings"),
    "paused": N_("students' screens say “Eyes on the board”"),
}


def leader() -> str | None:
    """The code of the class this session may lead, or None (a student's page never leads)."""
    code = st.session_state.get(class_common.TEACHES_KEY)
    if code is None:
        return None  # most pages: the class store's package is not even imported
    from ui import class_authority

    return None if class_authority.is_student_page() else class_authority.teaches()


def check(code: str) -> None:
    """NotAllowed unless this session teaches class `code` (a student's page never does)."""
    from ui import class_authority

    if leader() != code:
        raise class_authority.NotAllowed(_("Only the class's teacher can lead the lesson."))


def lead(code: str, **changes):
    """Write a change of the lesson (classroom.ClassStore.lead) for the class this session teaches; NotAllowed
    for any other session or class. Every student's page, on any server, runs again within ui/class_push.PUSH_S."""
    check(code)
    lesson = class_common.store().lead(code, **changes)
    class_lesson.remember(code, lesson)
    return lesson


def lead_ui(tab: str, source: Source, prep, tab_key: str) -> None:
    """The teacher's bar in the open `tab` (st.session_state[tab_key] is its title): what the class sees and the
    buttons that change it, the lesson plan's Back / Next (nothing on other pages)."""
    code = leader()
    if code is None:
        return  # most pages: the class store's package is not imported (~0.6 s of a cold start's first page)
    from classroom import ClassError

    try:
        lesson = class_lesson.lesson_of(code)
    except ClassError as err:
        st.warning(problem(err), icon=":material/cloud_off:")
        return
    with st.container(border=True, key="lead_bar"):
        st.caption(_("Class **{code}**: {mode}.").format(code=code, mode=_(MODE_WORDS[lesson.mode])))
        row = st.container(horizontal=True, gap="small")
        if not lesson.leading:
            row.button(_("Follow me"), icon=":material/co_present:", type="primary", on_click=_follow, args=(code, tab))
        else:
            row.button(_("Let go"), icon=":material/lock_open:", on_click=_let_go, args=(code,))
        if lesson.paused:
            row.button(_("Resume"), icon=":material/play_arrow:", type="primary", on_click=_resume, args=(code,))
        else:
            row.button(_("Pause screens"), icon=":material/pause:", on_click=_pause, args=(code, lesson.mode))
        if lesson.following:
            row.button(
                _("Show everyone this digit"),
                icon=":material/cast:",
                disabled=prep is None,
                help=None if prep is not None else _("Draw, pick or open a digit first."),
                on_click=_push,
                args=(code, source, prep),
            )
        if lesson.push is not None:
            row.button(_("Stop showing it"), icon=":material/cancel_presentation:", on_click=_unpush, args=(code,))
        from ui import class_plan  # (it leads through this module)

        class_plan.plan_ui(code, lesson, tab_key)
        message = st.session_state.pop(MESSAGE_KEY, None)
        if message:
            st.warning(message, icon=":material/error:")


def track(code: str | None, tab: str | None) -> None:
    """After the page is drawn: while the class follows, write the teacher's tab and lab settings if changed."""
    if code is None or code != leader() or tab in (None, class_lesson.TEACHERS_TAB):
        return
    from classroom import ClassError

    try:
        if not class_lesson.lesson_of(code).leading:
            return
        now = (code, tab, class_lesson.lab_settings())
        if st.session_state.get(WRITTEN_KEY) != now:
            lead(code, tab=tab, settings=now[2])
            st.session_state[WRITTEN_KEY] = now
    except ClassError as err:
        st.toast(problem(err), icon=":material/error:")


def _try(code: str, **changes) -> None:
    """A button's change; a problem is a message in the bar, never an error page."""
    from classroom import ClassError

    try:
        lead(code, **changes)
    except ClassError as err:
        st.session_state[MESSAGE_KEY] = problem(err)


def _follow(code: str, tab: str) -> None:
    from classroom.lesson import FOLLOW

    settings = class_lesson.lab_settings()
    _try(code, mode=FOLLOW, settings=settings, **({} if tab == class_lesson.TEACHERS_TAB else {"tab": tab}))
    st.session_state[WRITTEN_KEY] = (code, tab, settings)


def _let_go(code: str) -> None:
    from classroom.lesson import FREE

    _try(code, mode=FREE, push=None)  # every student's own page back, nothing shown to all


def _pause(code: str, mode: str) -> None:
    from classroom.lesson import PAUSED

    st.session_state[BEFORE_PAUSE_KEY] = mode
    _try(code, mode=PAUSED)


def _resume(code: str) -> None:
    from classroom.lesson import FOLLOW

    _try(code, mode=st.session_state.pop(BEFORE_PAUSE_KEY, FOLLOW))


def _push(code: str, source: Source, prep) -> None:
    from classroom import Push

    if prep is None:
        return
    opened = st.session_state.get(class_common.OPENED_KEY) or {}
    if source == CLASS and opened.get("id") is not None:  # a wall drawing: by its id (its pixels stay with it)
        _try(code, push=Push(opened["caption"], drawing=opened["id"]))
    else:
        caption = PUSH_CAPTIONS.get(source.name, N_("the teacher's digit"))
        _try(code, push=Push(caption, pixels=class_common.digit28(prep)))


def _unpush(code: str) -> None:
    _try(code, push=None)
