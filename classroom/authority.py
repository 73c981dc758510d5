"""Who may act as the teacher of this server's lesson (start a class, skip the PIN lockouts).

Two ways, no third:
- the browser runs on this computer: the teacher started the app here (`./run.sh app`) and opened
  http://localhost:8501; students' devices reach it over the network. The address is the TCP peer as
  uvicorn reports it; uvicorn believes X-Forwarded-For only from a loopback proxy (its default
  FORWARDED_ALLOW_IPS), so behind our nginx a student keeps their own address and cannot claim to be here;
- the browser typed the server's teacher PIN, $LENET_TEACHER_PIN: for a shared server, a container or a
  hosted copy, where every browser is remote.
A class's own PIN (shown to whoever started it) makes a browser the teacher of that class only.
"""

import hashlib
import hmac
import ipaddress
import os

from classroom.throttle import SharedAttempts

TEACHER_PIN_ENV = "LENET_TEACHER_PIN"
MIN_TEACHER_PIN = 8  # characters: typed on a shared server, so it must outlast the throttles below
SESSION_TRIES = 5  # wrong teacher PINs per browser session ...
SESSION_WINDOW_S = 300.0  # ... in this window
SERVER_TRIES = 100  # wrong teacher PINs per server process per hour, over all sessions (a reload starts a new one)
WRONG_TEACHER_PINS = SharedAttempts(SERVER_TRIES, 3600.0)


def is_this_computer(peer: str | None) -> bool:
    """True for a loopback peer; None means no network peer (Streamlit's localhost, or a test run)."""
    if peer is None:
        return True
    try:
        return ipaddress.ip_address(peer.split("%")[0]).is_loopback
    except ValueError:
        return False


def teacher_pin() -> str | None:
    """$LENET_TEACHER_PIN when it is set and long enough; None when unset."""
    pin = os.environ.get(TEACHER_PIN_ENV, "")
    return pin or None


def teacher_pin_problem() -> str | None:
    """Why $LENET_TEACHER_PIN cannot be used (for the operator), or None."""
    pin = teacher_pin()
    if pin is not None and len(pin) < MIN_TEACHER_PIN:
        return f"{TEACHER_PIN_ENV} is set but shorter than {MIN_TEACHER_PIN} characters, so it is not used."
    return None


def teacher_pin_matches(typed: str) -> bool:
    """Constant-time comparison of what was typed with $LENET_TEACHER_PIN (False when unset or unusable)."""
    pin = teacher_pin()
    if pin is None or teacher_pin_problem():
        return False
    digest = hashlib.sha256  # equal-length digests: compare_digest then leaks nothing about the length
    return hmac.compare_digest(digest(typed.encode()).digest(), digest(pin.encode()).digest())
