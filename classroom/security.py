"""Secrets of class mode: unguessable class codes, teacher PINs hashed with scrypt, opaque session tokens."""

import hashlib
import hmac
import secrets

from classroom.errors import WrongPin
from lenet.text import N_, one_line

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or typed from the projector
CODE_LENGTH = 8  # 31^8 ≈ 8.5e11 codes: a forged code hits a live class with odds of ~1e-10 per try
PIN_DIGITS = 6
PIN_LENGTHS = (4, 32)  # a chosen PIN: at least 4, at most 32 characters
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}  # ~16 MiB and tens of ms per check: slow to brute-force


def new_code() -> str:
    """A fresh class code, e.g. "K7QM2XWP"."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What a person typed (spaces, dashes, lower case) as a stored code; "" if it cannot be one."""
    cleaned = "".join(str(code).split()).replace("-", "").upper()
    ok = len(cleaned) == CODE_LENGTH and all(c in CODE_ALPHABET for c in cleaned)
    return cleaned if ok else ""


def new_pin() -> str:
    """A random 6-digit PIN."""
    return "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))


def pin_problem(pin: str) -> WrongPin | None:
    """Why a chosen PIN cannot be used, as the error to raise; None when it is fine."""
    low, high = PIN_LENGTHS
    if not low <= len(pin) <= high:
        return WrongPin(N_("The PIN must have {low} to {high} characters."), low=low, high=high)
    if pin != pin.strip():
        return WrongPin(N_("The PIN must not start or end with a space."))
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    """(salt, scrypt hash) of `pin`; a new random salt unless one is given."""
    salt = secrets.token_bytes(16) if salt is None else salt
    return salt, hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)


def pin_matches(pin: str, salt: bytes, expected: bytes) -> bool:
    """True when `pin` hashes to `expected`; compared in constant time."""
    return hmac.compare_digest(hash_pin(pin, salt)[1], expected)


def new_session_token() -> str:
    """A browser session's secret: only its hash is stored, so the database cannot tell who drew what."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """The stored, opaque form of a session token (hex SHA-256)."""
    return hashlib.sha256(f"lenet-class:{token}".encode()).hexdigest()


SHOWN_CHARS = 24  # a code is 8 characters; anything longer that came from a link is cut here


def shown(text: object) -> str:
    """A code someone typed or a link carried, fit to quote in a message (a 200 kB ?class= is not echoed
    back). Markup is the UI's to neutralise (ui/plain.py)."""
    return one_line(text, SHOWN_CHARS)
