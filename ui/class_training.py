"""Class mode meets "Watch it learn": who may train on this server, and the class's digits to fine-tune on.

A class is active when the store holds any unexpired class. Then only a teacher (the server's teacher,
ui/class_authority.py, or a browser session that opened a class wall with its PIN) may start or cancel a
run or a fine-tune; everyone else watches. Students cannot make themselves teachers: starting a class
takes the server's teacher. The answer is
cached for CACHE_S seconds per database, so a stroke on the tab costs no query; a database that is down
means "no class" (the lab keeps working alone).
"""

import numpy as np
import streamlit as st

from ui import class_authority, class_common
from ui.i18n import N_, _

CACHE_S = 5.0  # how stale "a class is active" and the class's digits may be: cheap, yet prompt enough
ONLY_TEACHER = N_(
    "A class is active on this server, so only its teacher (the browser that opened the class wall "
    "with the PIN) can start training or fine-tuning. You can watch the progress here."
)


@st.cache_data(ttl=CACHE_S, show_spinner=False)
def _active(url: str) -> bool:
    """Whether the store at `url` holds an unexpired class; False when it cannot be reached."""
    from classroom import ClassError

    try:
        return any(not c.expired for c in class_common.store().list_classes())
    except ClassError:  # StoreUnavailable: class mode is off, the lab works alone
        return False


def class_active() -> bool:
    from classroom import database_url

    return _active(database_url())


def may_train() -> tuple[bool, str | None]:
    """(allowed, why not): this session may start a run or a fine-tune unless a class is active and it is
    not the teacher's."""
    if class_authority.teaches() or class_authority.is_server_teacher() or not class_active():
        return True, None
    return False, _(ONLY_TEACHER)


@st.cache_data(ttl=CACHE_S, show_spinner=False)
def _digits(url: str, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    from classroom import ClassError, class_dataset

    try:
        return class_dataset(code, class_common.store())
    except ClassError:
        return None


def class_digits() -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The teacher's class's visible digits: x (N, 28, 28) uint8, y (N,), student ids (N,); None for
    anyone else, or when the store cannot be reached."""
    from classroom import database_url

    code = class_authority.teaches()
    return None if code is None else _digits(database_url(), code)
