"""The student's side of class mode: joined by ?class=CODE, send the drawing with what was meant."""

import numpy as np
import streamlit as st

from ui import class_common, models

MEANT_KEY = "class_meant"
ALIAS_KEY = "class_alias"


def class_code() -> str | None:
    """The code in the page's ?class=... link, or None."""
    code = st.query_params.get("class", "").strip()
    return code or None


def student_ui(source: str, prep, model_key: str) -> None:
    """Under the digit: the class banner, an alias, "I meant", "Send to class", and the student's own sends.
    Does nothing without ?class= in the link; any class problem is a message, never an error page."""
    code = class_code()
    if code is None:
        return
    from lenet.classroom import ClassError

    try:
        store = class_common.store()
        info = store.find_class(code)
    except ClassError as err:
        st.warning(f"{err} The lab still works on your own.", icon=":material/group_off:")
        return
    st.success(f"You are in class **{info.code}**. Draw a digit, say which one you meant, and send it.",
               icon=":material/groups:")
    st.text_input("Your alias (optional, no real name needed)", key=ALIAS_KEY, max_chars=40)
    meant = st.radio("I meant:", list(range(10)), index=None, horizontal=True, key=MEANT_KEY)
    if st.button("Send to class", icon=":material/send:", type="primary"):
        _send(store, info.code, source, prep, meant, model_key)
    _own_ui(store, info.code)


def _send(store, code: str, source: str, prep, meant: int | None, model_key: str) -> None:
    from lenet.classroom import ClassError

    if source != "Draw":
        st.warning("Only your own drawings go to the class: choose Input → Draw and draw a digit.", icon=":material/draw:")
        return
    if prep is None:
        st.warning("Draw a digit on the canvas first: the canvas is blank.", icon=":material/draw:")
        return
    if meant is None:
        st.warning("Choose which digit you meant (0–9) before sending.", icon=":material/pin:")
        return
    result = models.load_network(model_key).forward(prep.x)
    digit28 = np.rint(255 * prep.field28).astype(np.uint8)  # the app's own MNIST-style 28x28, as MNIST stores it
    try:
        sent = store.add_drawing(code, class_common.session_token(), meant, result.label, result.confidence,
                                 digit28, alias=st.session_state.get(ALIAS_KEY))
    except ClassError as err:
        st.warning(str(err), icon=":material/error:")
        return
    if sent.new:
        st.success(f"Sent as #{sent.id}: you meant {meant}, LeNet-5 answered {result.label}.", icon=":material/check:")
    else:
        st.info(f"Already sent (#{sent.id}): this drawing with this digit is on the wall once.", icon=":material/info:")


def _own_ui(store, code: str) -> None:
    """The drawings this browser session sent, each with a Delete button."""
    from lenet import viz
    from lenet.classroom import ClassError

    try:
        mine = store.own_drawings(code, class_common.session_token())
    except ClassError as err:
        st.warning(str(err))
        return
    if not mine:
        return
    with st.expander(f"My sent drawings ({len(mine)})"):
        for d in mine:
            left, right = st.columns([1, 2], vertical_alignment="center")
            left.image(viz.upscale_to(viz.gray(d.pixels, 0, 255), 56))
            right.caption(f"#{d.id}: meant {d.meant}, LeNet-5 said {d.answered}" + (" · hidden" if d.hidden else ""))
            right.button("Delete", key=f"class_delete_{d.id}", icon=":material/delete:", on_click=_delete,
                         args=(store, code, d.id))


def _delete(store, code: str, drawing_id: int) -> None:
    from lenet.classroom import ClassError

    try:
        store.delete_own(code, class_common.session_token(), drawing_id)
    except ClassError as err:
        st.toast(str(err), icon=":material/error:")
