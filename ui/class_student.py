"""The student's side of class mode: joined by ?class=CODE, send the drawing with what was meant."""

import streamlit as st

from ui import class_challenge_answer, class_common, models
from ui.digit_source import Source
from ui.i18n import _, problem
from ui.plain import plain

MEANT_KEY = "class_meant"
ALIAS_KEY = "class_alias"
LAST_KEY = "class_last_sent"  # (28x28 bytes, id) of this session's last send: a second click is recognised
MESSAGE_KEY = "class_send_message"  # (kind, text) from the Send callback, shown once under the button
BAD_CODE_KEY = "class_bad_code"  # (code, UnknownClass) of the last unknown code: a rerun does not look it up again
ICONS = {"success": ":material/check:", "info": ":material/info:", "warning": ":material/error:"}


def class_code() -> str | None:
    """The code in the page's ?class=... link, or None."""
    code = st.query_params.get("class", "").strip()
    return code or None


def student_ui(source: Source, prep, model_key: str) -> None:
    """Under the answer: the class banner, an alias, "I meant", "Send to class", and the student's own sends.
    Does nothing without ?class= in the link; any class problem is a message, never an error page."""
    code = class_code()
    if code is None:
        return
    joined = _join(code)
    if joined is None:
        return
    store, info = joined
    st.success(
        _("You are in class **{code}**. Draw a digit, say which one you meant, and send it.").format(code=info.code),
        icon=":material/groups:",
    )
    st.text_input(_("Your alias (optional, no real name needed)"), key=ALIAS_KEY, max_chars=40)
    class_challenge_answer.answer_ui(info.code, source, prep, model_key, ALIAS_KEY)  # the teacher's challenge
    st.radio(_("I meant:"), list(range(10)), index=None, horizontal=True, key=MEANT_KEY)
    st.button(
        _("Send to class"),
        icon=":material/send:",
        type="primary",
        on_click=_send,
        args=(store, info.code, source, prep, model_key),
    )
    kind, text = st.session_state.pop(MESSAGE_KEY, (None, None))
    if kind:
        getattr(st, kind)(text, icon=ICONS[kind])  # Markdown: a store's message in it went through plain()
    _own_ui(store, info.code)


def _join(code: str):
    """(store, class) for ?class=CODE, or None after a message saying why not. Unknown codes count
    against this session's guessing budget; the same unknown code on every rerun is looked up once."""
    from classroom import ClassError, UnknownClass
    from ui import class_authority

    bad = st.session_state.get(BAD_CODE_KEY)
    try:
        if bad is not None and bad[0] == code:
            raise UnknownClass(bad[1].template, **bad[1].fields)  # a new one: a raised error keeps its traceback
        class_authority.lookup_allowed(code)
        store = class_common.store()
        return store, store.find_class(code)
    except UnknownClass as err:
        if bad is None or bad[0] != code:
            class_authority.unknown_code()
            st.session_state[BAD_CODE_KEY] = (code, err)
        message = problem(err)
    except ClassError as err:
        message = problem(err)
    st.warning(message + " " + plain(_("The lab still works on your own.")), icon=":material/group_off:")
    return None


def _send(store, code: str, source: Source, prep, model_key: str) -> None:
    """Button callback: send the drawing, then clear "I meant" so the next drawing needs its own choice."""
    st.session_state[MESSAGE_KEY] = _try_send(store, code, source, prep, model_key)


def _try_send(store, code: str, source: Source, prep, model_key: str) -> tuple[str, str]:
    """("success" | "info" | "warning", message) for one press of Send."""
    from classroom import ClassError

    if not source.sendable:
        return "warning", _("Only your own drawings go to the class: choose Input → Draw and draw a digit.")
    if prep is None:
        return "warning", _("Draw a digit on the canvas first: the canvas is blank.")
    digit28 = class_common.digit28(prep)  # the app's own MNIST-style 28x28
    meant, last = st.session_state.get(MEANT_KEY), st.session_state.get(LAST_KEY)
    if meant is None:
        if last is not None and last[0] == digit28.tobytes():  # the second click of a double click
            return "info", _("Already sent as #{number}. Draw a new digit, choose what you meant, and send it.").format(
                number=last[1]
            )
        return "warning", _("Choose which digit you meant (0–9) before sending.")
    result = models.load_network(model_key).forward(prep.x)
    try:
        sent = store.add_drawing(
            code,
            class_common.session_token(),
            meant,
            result.label,
            result.confidence,
            digit28,
            alias=st.session_state.get(ALIAS_KEY),
        )
    except ClassError as err:
        return "warning", problem(err)
    st.session_state[MEANT_KEY], st.session_state[LAST_KEY] = None, (digit28.tobytes(), sent.id)
    if not sent.new:
        return "info", _("Already sent as #{number}: this drawing with this digit is on the wall once.").format(
            number=sent.id
        )
    return "success", _("Sent as #{number}: you meant {meant}, LeNet-5 answered {answer}.").format(
        number=sent.id, meant=meant, answer=result.label
    )


def _own_ui(store, code: str) -> None:
    """The drawings this browser session sent, each with a Delete button."""
    from classroom import ClassError
    from lenet import viz

    try:
        mine = store.own_drawings(code, class_common.session_token())
    except ClassError as err:
        st.warning(problem(err))
        return
    if not mine:
        return
    with st.expander(_("My sent drawings ({count})").format(count=len(mine))):
        for d in mine:
            left, right = st.columns([1, 2], vertical_alignment="center")
            left.image(viz.upscale_to(viz.grey_rgb(d.pixels, 0, 255), 56))
            said = _("#{number}: meant {meant}, LeNet-5 said {answer}").format(
                number=d.id, meant=d.meant, answer=d.answered
            )
            right.caption(said + (" · " + _("hidden") if d.hidden else ""))
            right.button(
                _("Delete"),
                key=f"class_delete_{d.id}",
                icon=":material/delete:",
                on_click=_delete,
                args=(store, code, d.id),
            )


def _delete(store, code: str, drawing_id: int) -> None:
    from classroom import ClassError

    try:
        store.delete_own(code, class_common.session_token(), drawing_id)
    except ClassError as err:
        st.toast(problem(err), icon=":material/error:")
