"""What a tab computes from the model, the input and the settings alone, computed once per server process and
shared by every session (issue 25): when the teacher leads, 40 students' pages show the same digit with the same
settings, and each drew Lesion's chart again (~70 ms of Matplotlib each, 40 in one process: the last student
saw the change 14 s later).

`shared(name, key, compute)` returns compute()'s value for (name, key): the first session to ask computes it,
the others that ask meanwhile wait for that one computation and get its value; later ones find it kept. The
cache keeps the MAX_ENTRIES most recently used values, MAX_BYTES at most in all (sized by `size`): a student
drawing their own digit adds entries that push out the oldest, never more memory than that.
Values are shared: a caller must not change one (PNG bytes and engine outputs are read, never written).
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
MAX_ENTRIES = 64  # a class's pushed digit on a few tabs, plus the students' own strokes passing through
MAX_BYTES = 32 * 2**20  # a Lesion entry is ~0.2 MB (four PNGs and two passes' activations): ~150 fit
_values: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()  # (name, key) -> (value, its size), oldest first
_pending: dict[tuple, threading.Event] = {}  # (name, key) -> set when the one computation of it ends
_lock = threading.Lock()
_bytes = [0]  # the sizes of the values kept, summed
computed = {"n": 0}  # computations run (not cache hits): what tests count


def digest(x: np.ndarray) -> str:
    """A key for an input array (a 32x32 digit: 4 KB hashed in microseconds)."""
    return hashlib.blake2b(np.ascontiguousarray(x).tobytes(), digest_size=16).hexdigest() + str(x.shape)


def shared(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """compute()'s value for (name, key), computed once in this process while it stays in the cache."""
    ident = (name, key)
    while True:
        with _lock:
            if ident in _values:
                _values.move_to_end(ident)
                return _values[ident][0]
            done = _pending.get(ident)
            if done is None:
                done = _pending[ident] = threading.Event()
                break  # this caller computes
        done.wait()  # another session computes it; if that failed, the loop makes this one try
    try:
        value = compute()
        computed["n"] += 1
        _keep(ident, value)
        return value
    finally:
        with _lock:
            _pending.pop(ident).set()


def _keep(ident: tuple, value: Any) -> None:
    nbytes = size(value)
    with _lock:
        _values[ident] = (value, nbytes)
        _bytes[0] += nbytes
        while _values and (len(_values) > MAX_ENTRIES or _bytes[0] > MAX_BYTES):
            _, (_, freed) = _values.popitem(last=False)
            _bytes[0] -= freed


def size(value: Any) -> int:
    """Bytes held by `value`: its arrays and byte strings, through tuples, lists, dicts and dataclasses."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, (bytes, str)):
        return len(value)
    if isinstance(value, (tuple, list)):
        return sum(map(size, value))
    if isinstance(value, dict):
        return sum(map(size, value.values()))
    if is_dataclass(value) and not isinstance(value, type):
        return sum(size(getattr(value, f.name)) for f in fields(value))
    return 64  # a number, None: small


def clear() -> None:
    """Forget every kept value (tests)."""
    with _lock:
        _values.clear()
        _bytes[0] = 0


def kept() -> tuple[int, int]:
    """(entries, bytes) kept now."""
    with _lock:
        return len(_values), _bytes[0]
