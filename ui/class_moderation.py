"""The teacher acts on one drawing, picked by its wall number: open it in every tab, hide, show, delete.

Outside the auto-refreshing wall on purpose: a number typed here and a button pressed here are never
interrupted by the wall's refresh. Every action runs as a button callback, before the page is drawn again.
"""

import streamlit as st

from ui import class_common
from ui.i18n import _, problem

NUMBER_KEY = "class_pick"
MESSAGE_KEY = "class_moderation_message"
PENDING_KEY = "class_delete_pending"  # the drawing # whose Delete waits for "Yes, delete" (deleting erases)


def moderation_ui(code: str) -> None:
    st.markdown(_("**One drawing** (its # on the wall)"))
    number, opened, hide, show, remove = st.columns([1.4, 1.3, 0.8, 0.8, 0.8], vertical_alignment="bottom")
    number.number_input(_("Drawing #"), min_value=1, step=1, value=None, key=NUMBER_KEY, placeholder=_("e.g. 12"))
    opened.button(
        _("Open in every tab"), icon=":material/open_in_new:", key="class_open", on_click=_act, args=("open", code)
    )
    hide.button(_("Hide"), icon=":material/visibility_off:", key="class_hide", on_click=_act, args=("hide", code))
    show.button(_("Show"), icon=":material/visibility:", key="class_show", on_click=_act, args=("show", code))
    remove.button(_("Delete"), icon=":material/delete:", key="class_delete", on_click=_act, args=("delete", code))
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.info(message, icon=":material/info:")
    _confirm_ui(code)


def _confirm_ui(code: str) -> None:
    """Delete erases a child's drawing for good: it asks first (Hide is the undoable choice)."""
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        return
    with st.container(border=True, key="class_delete_box"):
        st.warning(
            _("Delete drawing #{number} for good? It is erased from the database; Hide can be undone.").format(
                number=pending
            )
        )
        yes, keep = st.columns(2)
        yes.button(
            _("Yes, delete #{number}").format(number=pending),
            key="class_delete_yes",
            type="primary",
            on_click=_delete,
            args=(code,),
        )
        keep.button(_("Keep it"), key="class_delete_keep", on_click=st.session_state.pop, args=(PENDING_KEY, None))


def _delete(code: str) -> None:
    from classroom import ClassError

    number = st.session_state.pop(PENDING_KEY)
    try:
        gone = class_common.store().delete(code, number)
    except ClassError as err:
        st.session_state[MESSAGE_KEY] = problem(err)
        return
    done = _("Drawing #{number} deleted.") if gone else _("Drawing #{number} was already gone.")
    st.session_state[MESSAGE_KEY] = done.format(number=number)


def _act(action: str, code: str) -> None:
    from classroom import ClassError

    number = st.session_state.get(NUMBER_KEY)
    if number is None:
        st.session_state[MESSAGE_KEY] = _("Type the number (#) of a drawing on the wall first.")
        return
    st.session_state.pop(PENDING_KEY, None)  # another action cancels a Delete waiting for its "Yes"
    try:
        st.session_state[MESSAGE_KEY] = _do(action, code, int(number))
    except ClassError as err:
        st.session_state[MESSAGE_KEY] = problem(err)


def _do(action: str, code: str, number: int) -> str:
    store = class_common.store()
    drawing = next((d for d in store.drawings(code) if d.id == number), None)
    if drawing is None:
        return _("There is no drawing #{number} in this class (deleted, or not sent yet).").format(number=number)
    if action == "open":
        class_common.open_drawing(
            drawing.pixels,
            _("Class drawing #{number}: meant {meant}").format(number=number, meant=drawing.meant),
            number,
        )
        return _("Drawing #{number} is now the digit in every tab (Input: Class).").format(number=number)
    if action == "delete":
        st.session_state[PENDING_KEY] = number
        return ""
    store.hide(code, number, action == "hide")
    if action == "hide":
        return _("Drawing #{number} is hidden from the wall.").format(number=number)
    return _("Drawing #{number} is back on the wall.").format(number=number)
