"""What differs between POSIX and Windows for the background trainer (train/live.py starts it, train/live_worker.py
is it): its priority and process group, whether a process still runs, and replacing a file a reader may hold open.
Standard library only: the app imports this."""

import os
import sys
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"
# Windows' process creation flags (the subprocess module defines them on Windows only)
CREATE_NEW_PROCESS_GROUP = 0x00000200  # Ctrl-C in the server's console does not reach the worker
BELOW_NORMAL_PRIORITY_CLASS = 0x00004000  # Windows' nice: the server's forward passes go first
CREATE_NO_WINDOW = 0x08000000  # no console window opens for it
PROCESS_QUERY_LIMITED_INFORMATION, STILL_ACTIVE, ERROR_ACCESS_DENIED = 0x1000, 259, 5
REPLACE_TRIES, REPLACE_WAIT_S = 40, 0.05  # Windows refuses to replace a file while a reader has it open: wait 2 s


def popen_options(windows: bool = WINDOWS) -> dict:
    """subprocess.Popen's arguments for the worker: a session of its own on POSIX (a Ctrl-C in the server's
    terminal does not reach it; the worker lowers its priority itself), a process group of its own and a lower
    priority on Windows, where Popen ignores start_new_session and os.nice does not exist."""
    if windows:
        return {"creationflags": CREATE_NEW_PROCESS_GROUP | BELOW_NORMAL_PRIORITY_CLASS | CREATE_NO_WINDOW}
    return {"start_new_session": True}


def alive(pid: int) -> bool:
    """Whether process `pid` runs, without signalling it. Not os.kill(pid, 0) on Windows: signal 0 is CTRL_C_EVENT
    there, sent to the process group `pid` (a Ctrl-C for the worker) or an OSError for any other process."""
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process with that id: alive
        return True
    return True


def parent_gone(parent: int) -> bool:
    """Whether the server that started this worker has exited. POSIX gives an orphan a new parent; Windows keeps
    the old id in getppid(), so there the question is whether that process still runs."""
    if sys.platform == "win32":
        return not alive(parent)
    return os.getppid() != parent


def replace(source: Path, target: Path, windows: bool = WINDOWS) -> None:
    """os.replace, retried for a moment on Windows while a reader (the app, reading progress or the network) has
    `target` open; elsewhere a rename never waits for readers."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not windows or attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(REPLACE_WAIT_S)


if sys.platform == "win32":
    import ctypes

    def _windows_alive(pid: int) -> bool:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:  # no such process, or one of another user's that we may not look at (it runs)
            return ctypes.get_last_error() == ERROR_ACCESS_DENIED
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
