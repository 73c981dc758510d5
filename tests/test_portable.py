"""train/portable.py: the background trainer starts, is watched and writes its files the same way on Windows,
where there is no fork, no os.nice, no reparenting of orphans, and os.kill(pid, 0) sends a Ctrl-C."""

import os
import re
import subprocess
import sys

import pytest

from testkit import ROOT
from train import portable

# Calls that exist or behave only on POSIX; train/portable.py alone may use them (each with its Windows branch).
POSIX_ONLY = re.compile(
    r"os\.(fork|forkpty|nice|setsid|setpgrp|killpg|getppid\(\) *!=|kill\(\w+, *0\))|preexec_fn|start_new_session"
    r"|signal\.SIG(KILL|HUP|USR1|USR2|CHLD|ALRM)|set_start_method\(.fork"
)


def test_the_worker_gets_a_group_and_a_lower_priority_on_windows():
    flags = portable.popen_options(windows=True)["creationflags"]
    assert flags & portable.CREATE_NEW_PROCESS_GROUP and flags & portable.BELOW_NORMAL_PRIORITY_CLASS
    assert portable.popen_options(windows=False) == {"start_new_session": True}


def test_a_finished_process_is_not_alive():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert portable.alive(os.getpid()) and not portable.alive(child.pid)


def test_the_parent_is_gone_when_it_is_not_ours():
    assert not portable.parent_gone(os.getppid())
    assert portable.parent_gone(os.getppid() + 1)


def test_replace_waits_for_a_windows_reader(tmp_path, monkeypatch):
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_text("new")
    real, refusals = os.replace, [PermissionError("in use"), PermissionError("in use")]

    def busy_replace(a, b):
        if refusals:
            raise refusals.pop()
        real(a, b)

    monkeypatch.setattr(os, "replace", busy_replace)
    monkeypatch.setattr(portable, "REPLACE_WAIT_S", 0.0)
    portable.replace(source, target, windows=True)
    assert target.read_text() == "new"
    refusals.append(PermissionError("read-only"))
    source.write_text("again")
    with pytest.raises(PermissionError):  # POSIX: a refusal is final
        portable.replace(source, target, windows=False)


def test_no_posix_only_call_outside_portable():
    """The app, the model package and the trainer must run on Windows: no fork, signals or POSIX-only calls."""
    files = [
        ROOT / "app.py",
        *(ROOT / "lenet").rglob("*.py"),
        *(ROOT / "train").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        if path.name != "portable.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if POSIX_ONLY.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, "POSIX-only calls (use train/portable.py):\n" + "\n".join(found)
