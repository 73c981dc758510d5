"""What this computer has and lacks, said before anything is installed: a Python the requirements install on,
and (for the tests) Debian's chromium, postgresql, nginx and the container tools."""

from __future__ import annotations

import glob
import os
import platform
import shutil
import subprocess
import sys

OLDEST, NEWEST = (3, 11), (3, 13)  # streamlit 1.67 needs 3.11; TensorFlow 2.21 has wheels up to 3.13
INTEL_MAC_NEWEST = (3, 12)  # TensorFlow 2.16.2, the last for Intel Macs, stops at 3.12 (requirements.txt)
# Debian packages the tests use: browser tests, the class store on PostgreSQL, several servers behind nginx, and
# the school server's images and compose stack (tests/e2e/test_container.py: podman runs them with runc, and
# mmdebstrap builds their base image from Debian's packages).
CONTAINER_TOOLS = ("podman", "podman-compose", "mmdebstrap", "runc", "uidmap")
SERVICES = ("chromium", "postgresql", "nginx", *CONTAINER_TOOLS)
PYTHON_ORG = "https://www.python.org/downloads/"


def intel_mac(system: str = sys.platform, machine: str = platform.machine()) -> bool:
    return system == "darwin" and machine == "x86_64"


def python_problem(version: tuple = sys.version_info[:2], system: str = sys.platform, machine: str = "") -> str:
    """Why this Python cannot run the app ("" when it can), in words for a teacher."""
    machine = machine or platform.machine()
    newest = INTEL_MAC_NEWEST if intel_mac(system, machine) else NEWEST
    if OLDEST <= tuple(version) <= newest:
        return ""
    found = ".".join(map(str, version))
    wanted = f"Python {OLDEST[0]}.{OLDEST[1]} to {newest[0]}.{newest[1]}"
    where = "an Intel Mac's TensorFlow" if newest == INTEL_MAC_NEWEST else "TensorFlow and Streamlit"
    how = {
        "win32": f"install one from {PYTHON_ORG} and run: py -{newest[0]}.{newest[1]} run.py app",
        "darwin": f"install one from {PYTHON_ORG} and run: python{newest[0]}.{newest[1]} run.py app",
    }.get(system, f"install one (e.g. apt-get install python3.{OLDEST[1]}-venv) and run it on run.py")
    return f"This is Python {found}; {where} need {wanted}: {how}"


def missing_services() -> list[str]:
    """Which of those Debian packages the tests would miss here."""
    found = {
        "chromium": os.path.exists("/usr/bin/chromium"),
        "postgresql": bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        "nginx": bool(shutil.which("nginx")) or os.path.exists("/usr/sbin/nginx"),
        "uidmap": bool(shutil.which("newuidmap")),
        **{tool: bool(shutil.which(tool)) for tool in CONTAINER_TOOLS if tool != "uidmap"},
    }
    return [name for name in SERVICES if not found[name]]


def install_services(missing: list[str]) -> None:
    """apt-get install them as root on Debian (quietly: apt's progress is not pip's); otherwise say what to do."""
    if not missing:
        return
    root = getattr(os, "geteuid", lambda: -1)() == 0  # Windows has no geteuid
    if root and shutil.which("apt-get"):
        print(f"Installing {' '.join(missing)} with apt-get (once; a few minutes)...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for line in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
            subprocess.run(line, env=env, stdout=subprocess.DEVNULL, check=True)
        return
    hint = f" (sudo apt-get install {' '.join(missing)})" if shutil.which("apt-get") else ""
    print(f"note: missing {' '.join(missing)}{hint}; the tests that need them will skip", file=sys.stderr)
