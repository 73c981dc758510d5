"""The clone's .venv: its layout on each system, its creation, and the requirements installed into it once per
content of requirements*.txt (a stamp in the venv holds their hash), with pip's own progress on the screen."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from launch import checks

WINDOWS = sys.platform == "win32"
INTEL_MAC_EXTRA = "requirements-intel-mac.txt"  # TensorFlow for Intel Macs, installed with --no-deps (why: there)
PIP = ("-m", "pip", "install", "--disable-pip-version-check")
# Windows refuses paths over 260 characters unless long paths are on, and TensorFlow's headers sit up to 163
# characters deep in site-packages (measured in the Linux x86-64 wheel of 2.21.0): pip then fails half-way with
# "No such file or directory".
WINDOWS_MAX_PATH, TENSORFLOW_DEPTH = 260, 163


def python_in(venv: Path, windows: bool = WINDOWS) -> Path:
    """The venv's interpreter: Scripts\\python.exe on Windows, bin/python elsewhere."""
    return venv / "Scripts" / "python.exe" if windows else venv / "bin" / "python"


def site_packages(venv: Path, windows: bool = WINDOWS, version: tuple = sys.version_info[:2]) -> Path:
    return (
        venv / "Lib" / "site-packages"
        if windows
        else venv / "lib" / f"python{version[0]}.{version[1]}" / "site-packages"
    )


def requirements_hash(root: Path) -> str:
    """sha256 of every requirements*.txt, in name order: any change to any of them installs again."""
    digest = hashlib.sha256()
    for path in sorted(root.glob("requirements*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def install_commands(python: Path, requirements: Path, intel_mac: bool) -> list[list[str]]:
    """pip's command lines for one requirements file (plus TensorFlow on an Intel Mac)."""
    commands = [[str(python), *PIP, "-r", str(requirements)]]
    if intel_mac:
        commands.append([str(python), *PIP, "--no-deps", "-r", str(requirements.parent / INTEL_MAC_EXTRA)])
    return commands


def ensure(root: Path, requirements: str, run=subprocess.run) -> Path:
    """Create root/.venv if needed and install `requirements` into it unless already done for this content;
    returns the venv's python. `run` is subprocess.run (tests pass a recorder)."""
    venv = root / ".venv"
    python = python_in(venv, WINDOWS)
    if not python.exists():
        print(f"Creating {venv} with Python {sys.version.split()[0]} (once)...", flush=True)
        run([sys.executable, "-m", "venv", str(venv)], check=True)
    stamp, wanted = venv / f".installed-{requirements}", requirements_hash(root)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if WINDOWS:
        warn_long_paths(venv)
    print(f"Installing {requirements} into {venv} (once; TensorFlow is large: minutes)...", flush=True)
    for command in install_commands(python, root / requirements, checks.intel_mac()):
        run(command, check=True)
    stamp.write_text(wanted + "\n")
    return python


def warn_long_paths(venv: Path, enabled: bool | None = None) -> bool:
    """On Windows without long paths, warn (True) when TensorFlow's deepest file would pass 260 characters."""
    if enabled is None:
        enabled = _windows_long_paths()
    too_long = len(str(site_packages(venv, windows=True))) + 1 + TENSORFLOW_DEPTH >= WINDOWS_MAX_PATH
    if too_long and not enabled:
        print(
            f"warning: {venv} is too deep for TensorFlow's files without Windows' long paths. Either move this folder "
            "closer to the drive (e.g. C:\\lenet) or turn long paths on (an administrator's PowerShell: "
            "New-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem -Name LongPathsEnabled "
            "-Value 1 -PropertyType DWORD -Force) and try again.",
            file=sys.stderr,
        )
    return too_long and not enabled


def _windows_long_paths() -> bool:
    if sys.platform != "win32":
        return False
    try:
        import winreg

        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SYSTEM\CurrentControlSet\Control\FileSystem")
        return winreg.QueryValueEx(key, "LongPathsEnabled")[0] == 1
    except OSError:  # no such value: off
        return False
