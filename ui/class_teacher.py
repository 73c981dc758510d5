"""The "Class" tab: the teacher starts a class or unlocks one with its PIN, then sees the live wall.

Who may do what is ui/class_authority.py's: only the server's teacher starts classes; a class's PIN
opens that class's wall; a student's page (?class=CODE) does neither.
"""

import streamlit as st

from ui import class_authority, class_challenge, class_challenge_wall, class_common, class_moderation, class_wall
from ui.context import Context
from ui.i18n import _, problem

NEW_PIN_KEY = "class_new_pin"  # the PIN of a class just started here, revealed only on a deliberate press
ENDED_KEY = "class_ended_message"  # "Class X ended: N drawings erased", shown once on the start screen


def teacher_class() -> str | None:
    """The code of the class this session teaches, or None."""
    return class_authority.teaches()


def render(ctx: Context) -> None:
    from classroom import ClassError

    try:
        store = class_common.store()
    except ClassError as err:
        st.warning(problem(err), icon=":material/cloud_off:")
        return
    code = teacher_class()
    if code is None:
        _start_or_unlock(store)
        return
    projector = st.toggle(
        _("Projector view: the wall only (no PIN, moderation, downloads or erase)"), key="class_projector"
    )
    if not projector:
        _new_pin_ui(code)
    class_wall.join_ui(code)
    if not projector:
        class_challenge.pose_ui(code)
    class_challenge_wall.controls(projector)
    class_wall.wall(code, projector)
    if not projector:
        class_moderation.moderation_ui(code)
        _end_ui(store, code)


def _start_or_unlock(store) -> None:
    st.subheader(_("Class mode"))
    st.caption(_("Students join with a link or QR code and send their drawings to a live wall on the projector."))
    ended = st.session_state.pop(ENDED_KEY, None)
    if ended:
        st.success(ended, icon=":material/delete_forever:")
    if class_authority.is_student_page():
        st.info(
            _("This is a student's page (its link has ?class=). To teach, open the app without it."),
            icon=":material/school:",
        )
        return
    start, unlock = st.columns(2, gap="large")
    with start:
        _start_ui(store)
    with unlock:
        _unlock_ui(store)


def _start_ui(store) -> None:
    from classroom import ClassError, authority

    teacher = class_authority.is_server_teacher()
    if not teacher and authority.teacher_pin() is None:
        st.markdown(_("**Start a class**"))
        st.info(
            _(
                "Classes are started on the computer that runs the app: open http://localhost:8501 there. "
                "(On a shared server, its operator sets {variable}.)"
            ).format(variable=authority.TEACHER_PIN_ENV),
            icon=":material/computer:",
        )
        return
    with st.form("class_start"):
        st.markdown(_("**Start a class**"))
        server_pin = (
            "" if teacher else st.text_input(_("The server's teacher PIN"), type="password", key="class_server_pin")
        )
        pin = st.text_input(
            _("PIN for this class (optional: 6 digits are chosen if empty)"), type="password", key="class_start_pin"
        )
        started = st.form_submit_button(_("Start a class"), icon=":material/add:", type="primary")
    if not started:
        return
    try:
        if not teacher:
            class_authority.unlock_server(server_pin)
        class_authority.may_start_class()
        code, new_pin = store.new_class(pin.strip() or None)
    except ClassError as err:
        st.warning(problem(err), icon=":material/error:")
        return
    class_authority.started_class()
    st.session_state[class_authority.CLASS_KEY], st.session_state[NEW_PIN_KEY] = code, new_pin
    st.rerun()


def _unlock_ui(store) -> None:
    from classroom import ClassError, UnknownClass, WrongPin

    with st.form("class_unlock"):
        st.markdown(_("**Open the wall of a running class**"))
        code = st.text_input(_("Class code"), key="class_unlock_code")
        typed = st.text_input(_("Class PIN"), type="password", key="class_unlock_pin")
        unlocked = st.form_submit_button(_("Open the wall"), icon=":material/lock_open:")
    if not unlocked:
        return
    try:
        class_authority.check_pin_allowed()
        class_authority.lookup_allowed(code)
        store.check_pin(code, typed, trusted=class_authority.is_server_teacher())
        st.session_state[class_authority.CLASS_KEY] = store.find_class(code).code
    except (UnknownClass, WrongPin) as err:
        (class_authority.unknown_code if isinstance(err, UnknownClass) else class_authority.wrong_pin)()
        st.warning(problem(err), icon=":material/error:")
        return
    except ClassError as err:
        st.warning(problem(err), icon=":material/error:")
        return
    st.rerun()


def _new_pin_ui(code: str) -> None:
    """The new class's PIN, hidden unless the teacher deliberately shows it (the projector is public)."""
    pin = st.session_state.get(NEW_PIN_KEY)
    if pin is None:
        return
    with st.container(border=True, key="class_new_pin_box"):
        st.markdown(_("Class **{code}** started. Its PIN opens this wall from another browser.").format(code=code))
        if st.toggle(_("Show the class PIN (not on the projector)"), key="class_show_pin"):
            st.markdown(_("Class PIN: **{pin}**").format(pin=pin))
        if st.button(_("I noted the PIN: forget it here"), key="class_hide_pin"):
            del st.session_state[NEW_PIN_KEY]
            st.rerun()


def _end_ui(store, code: str) -> None:
    from classroom import ClassError, EraseIncomplete

    with st.expander(_("End class and erase")):
        st.write(_("Removes the class and every drawing in it from the database. Download the export first."))
        sure = st.checkbox(_("Yes, erase this class's drawings for good"), key="class_erase_sure")
        if st.button(_("End class and erase"), icon=":material/delete_forever:", disabled=not sure, type="primary"):
            try:
                ended = _("Class {code} ended: {count} drawing(s) erased.").format(
                    code=code, count=store.erase_class(code)
                )
            except EraseIncomplete as err:  # the rows are gone: the class has ended, the message says the rest
                ended = problem(err)
            except ClassError as err:
                st.warning(problem(err))
                return
            for key in (class_authority.CLASS_KEY, NEW_PIN_KEY, class_common.OPENED_KEY, "class_erase_sure"):
                st.session_state.pop(key, None)
            st.session_state[ENDED_KEY] = ended
            st.rerun()
