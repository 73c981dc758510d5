"""This browser session's standing in class mode: the server's teacher, a class's teacher, or a student.

The rules are classroom/authority.py's; this module applies them to a Streamlit session and keeps
the session's own throttles (wrong PINs, unknown codes, new classes) in its session state.
"""

import streamlit as st

from classroom import authority
from classroom.errors import ClassError
from classroom.throttle import Attempts
from ui.class_common import TEACHES_KEY
from ui.i18n import _, ngettext

SERVER_KEY = "class_server_teacher"  # True once this session typed $LENET_TEACHER_PIN
CLASS_KEY = TEACHES_KEY  # the class whose wall this session has opened
PIN_TRIES_KEY = "class_wrong_pins"  # Attempts: wrong PINs (class or teacher) typed in this session
CODE_TRIES_KEY = "class_unknown_codes"  # Attempts: unknown class codes looked up by this session
STARTS_KEY = "class_starts"  # Attempts: classes started by this session
WRONG_PINS = (5, 300.0)  # per session: 5 wrong PINs, then wait out 5 minutes
UNKNOWN_CODES = (10, 60.0)  # per session: 10 distinct unknown codes a minute (a class is one typo away)
STARTS = (5, 3600.0)  # per session: 5 new classes an hour


def wait_words(seconds: float) -> str:
    """A wait for people, in the session's language: "40 seconds", "3 minutes" (classroom.throttle.in_words')."""
    if seconds < 90:
        n = max(1, round(seconds))
        return ngettext("{n} second", "{n} seconds", n).format(n=n)
    n = round(seconds / 60)
    return ngettext("{n} minute", "{n} minutes", n).format(n=n)


class NotAllowed(ClassError):
    """This session may not do that (yet); str() says why, for the person who tried."""


def _attempts(key: str, rule: tuple[int, float]) -> Attempts:
    if key not in st.session_state:
        st.session_state[key] = Attempts(*rule)
    return st.session_state[key]


def _peer() -> str | None:
    return st.context.ip_address  # None for a loopback peer (and in AppTest, which has no network peer)


def is_server_teacher() -> bool:
    """On this computer, or unlocked with $LENET_TEACHER_PIN in this session; never a student's page
    (a teacher trying the student's view on their own laptop is a student there)."""
    if is_student_page():
        return False
    return bool(st.session_state.get(SERVER_KEY)) or authority.is_this_computer(_peer())


def teaches() -> str | None:
    """The code of the class whose wall this session opened, or None."""
    return st.session_state.get(CLASS_KEY)


def is_student_page() -> bool:
    """Opened with ?class=CODE: a student's page (teaching starts from a page without it)."""
    return bool(st.query_params.get("class", "").strip())


def check_pin_allowed() -> None:
    """NotAllowed while this session has typed too many wrong PINs (the server's teacher never waits)."""
    wait = 0.0 if is_server_teacher() else _attempts(PIN_TRIES_KEY, WRONG_PINS).wait_s()
    if wait:
        raise NotAllowed(_("Too many wrong PINs from this browser: try again in {wait}.").format(wait=wait_words(wait)))


def wrong_pin() -> None:
    """Count one wrong PIN against this session."""
    if not is_server_teacher():
        _attempts(PIN_TRIES_KEY, WRONG_PINS).add()


def unlock_server(typed: str) -> None:
    """Make this session the server's teacher with $LENET_TEACHER_PIN; NotAllowed says why not."""
    problem = authority.teacher_pin_problem()
    if authority.teacher_pin() is None or problem:
        raise NotAllowed(problem or _("Classes are started on the computer that runs the app (open it there)."))
    check_pin_allowed()
    server_wait = authority.WRONG_TEACHER_PINS.wait_s()
    if server_wait:
        raise NotAllowed(
            _("Too many wrong teacher PINs on this server: try again in {wait}.").format(wait=wait_words(server_wait))
        )
    if not authority.teacher_pin_matches(typed):
        wrong_pin()
        authority.WRONG_TEACHER_PINS.add()
        raise NotAllowed(_("Wrong teacher PIN."))
    st.session_state[SERVER_KEY] = True


def may_start_class() -> None:
    """NotAllowed unless this session may start a class now."""
    if is_student_page():
        raise NotAllowed(_("This page is a student's page (its link has ?class=). Open the app without it to teach."))
    if not is_server_teacher():
        raise NotAllowed(_("Only the teacher can start a class: type the server's teacher PIN first."))
    wait = _attempts(STARTS_KEY, STARTS).wait_s()
    if wait:
        raise NotAllowed(
            _("{count} classes were started from this browser in the last hour: wait {wait}.").format(
                count=STARTS[0], wait=wait_words(wait)
            )
        )


def started_class() -> None:
    _attempts(STARTS_KEY, STARTS).add()


def lookup_allowed(code: str) -> None:
    """NotAllowed when this session has tried too many unknown class codes lately (guessing)."""
    wait = _attempts(CODE_TRIES_KEY, UNKNOWN_CODES).wait_s()
    if wait:
        raise NotAllowed(
            _("Too many unknown class codes from this browser: try again in {wait}.").format(wait=wait_words(wait))
        )


def unknown_code() -> None:
    _attempts(CODE_TRIES_KEY, UNKNOWN_CODES).add()
