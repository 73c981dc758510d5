"""What the student and teacher halves of class mode share: the store, this session's token, the opened digit.

The class store (SQLAlchemy) is imported on first use, not when the page loads.
"""

import time

import numpy as np
import streamlit as st

from ui.digit_source import CLASS
from ui.i18n import _

TEACHES_KEY = "class_teacher_code"  # the class whose wall this session opened (ui/class_authority.py decides)
TOKEN_KEY = "class_session_token"  # this browser session's secret; the database only sees its hash
OPENED_KEY = (
    "class_opened"  # {"pixels": (28, 28) uint8, "caption": str, "id": int}: the wall drawing opened as the digit
)
RETRY_S = 15.0  # after a failed connection, don't try again for this long: a student's every stroke would wait
_failed: dict[str, tuple[float, Exception]] = {}  # database URL -> (time.monotonic(), error) of its last failure


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from classroom import ClassStore

    return ClassStore(url)  # an exception (database down) is not cached: the next run tries again


def store():
    """The shared ClassStore for $LENET_CLASS_DB; raises classroom.StoreUnavailable when it is down."""
    from classroom import StoreUnavailable, database_url

    url = database_url()
    failed_at, error = _failed.get(url, (-RETRY_S, None))
    if error is not None and time.monotonic() - failed_at < RETRY_S:
        raise error.with_traceback(None)  # the same words on every page: a wrong setting is named each time
    try:
        return _store(url)
    except StoreUnavailable as err:
        _failed[url] = (time.monotonic(), err)
        raise


def session_token() -> str:
    """This browser session's random token (made once per session)."""
    if TOKEN_KEY not in st.session_state:
        from classroom import new_session_token

        st.session_state[TOKEN_KEY] = new_session_token()
    return st.session_state[TOKEN_KEY]


def open_drawing(pixels: np.ndarray, caption: str, drawing_id: int | None = None) -> None:
    """Make a class drawing the current digit of every tab (the input selector switches to it)."""
    st.session_state[OPENED_KEY] = {"pixels": pixels, "caption": caption, "id": drawing_id}
    st.session_state["source"] = CLASS.name


def opened_ui() -> np.ndarray | None:
    """The digit source of an opened class drawing: its picture and caption; returns it (28, 28) uint8."""
    from lenet import viz

    opened = st.session_state.get(OPENED_KEY)
    if opened is None:
        st.info(_("Open a drawing from the class wall (Class tab) to study it here."), icon=":material/groups:")
        return None
    st.image(viz.upscale_to(viz.grey_rgb(opened["pixels"], 0, 255), 196), caption=opened["caption"])
    return opened["pixels"]


def has_opened() -> bool:
    return OPENED_KEY in st.session_state


def digit28(prep) -> np.ndarray:
    """A preprocessed digit as MNIST stores it: its (28, 28) field in [0, 1] as uint8 0-255."""
    return np.rint(255 * prep.field28).astype(np.uint8)
