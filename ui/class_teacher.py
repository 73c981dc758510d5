"""The "Class" tab: the teacher starts a class or unlocks one with its PIN, then sees the live wall."""

import streamlit as st

from ui import class_common, class_moderation, class_wall
from ui.context import Context

TEACHER_KEY = "class_teacher_code"  # the class whose wall this browser session has unlocked
NEW_PIN_KEY = "class_new_pin"  # the PIN of a class just started here, shown until the teacher hides it


def is_teacher() -> bool:
    """True when this browser session has unlocked a class's wall."""
    return TEACHER_KEY in st.session_state


def teacher_class() -> str | None:
    """The code of the class this session teaches, or None."""
    return st.session_state.get(TEACHER_KEY)


def render(ctx: Context) -> None:
    from lenet.classroom import ClassError

    try:
        store = class_common.store()
    except ClassError as err:
        st.warning(str(err), icon=":material/cloud_off:")
        return
    code = teacher_class()
    if code is None:
        _start_or_unlock(store)
        return
    _new_pin_ui(code)
    class_wall.join_ui(code)
    class_wall.wall(code)
    class_moderation.moderation_ui(code)
    _end_ui(store, code)


def _start_or_unlock(store) -> None:
    from lenet.classroom import ClassError

    st.subheader("Class mode")
    st.caption("Students join with a link or QR code and send their drawings to a live wall on the projector.")
    start, unlock = st.columns(2, gap="large")
    with start.form("class_start"):
        st.markdown("**Start a class**")
        pin = st.text_input(
            "Teacher PIN (optional: 6 digits are chosen if empty)", type="password", key="class_start_pin"
        )
        started = st.form_submit_button("Start a class", icon=":material/add:", type="primary")
    with unlock.form("class_unlock"):
        st.markdown("**Open the wall of a running class**")
        code = st.text_input("Class code", key="class_unlock_code")
        typed = st.text_input("Teacher PIN", type="password", key="class_unlock_pin")
        unlocked = st.form_submit_button("Open the wall", icon=":material/lock_open:")
    try:
        if started:
            code, new_pin = store.new_class(pin.strip() or None)
            st.session_state[TEACHER_KEY], st.session_state[NEW_PIN_KEY] = code, new_pin
            st.rerun()
        if unlocked:
            store.check_pin(code, typed)
            st.session_state[TEACHER_KEY] = store.find_class(code).code
            st.rerun()
    except ClassError as err:
        st.warning(str(err), icon=":material/error:")


def _new_pin_ui(code: str) -> None:
    pin = st.session_state.get(NEW_PIN_KEY)
    if pin is None:
        return
    st.success(
        f"Class **{code}** started. Teacher PIN: **{pin}** — note it now, it is shown only once "
        "(it opens this wall from another browser).",
        icon=":material/key:",
    )
    if st.button("I noted the PIN: hide it", key="class_hide_pin"):
        del st.session_state[NEW_PIN_KEY]
        st.rerun()


def _end_ui(store, code: str) -> None:
    from lenet.classroom import ClassError

    with st.expander("End class and erase"):
        st.write("Removes the class and every drawing in it from the database. Download the export first.")
        sure = st.checkbox("Yes, erase this class's drawings for good", key="class_erase_sure")
        if st.button("End class and erase", icon=":material/delete_forever:", disabled=not sure, type="primary"):
            try:
                store.erase_class(code)
            except ClassError as err:
                st.warning(str(err))
                return
            for key in (TEACHER_KEY, NEW_PIN_KEY, class_common.OPENED_KEY):
                st.session_state.pop(key, None)
            st.rerun()
