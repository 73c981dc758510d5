"""Where the project's files are: the shipped ones (read only) and those the app writes. Standard library only:
the app and run.py's installer read these before anything heavy is imported.

A clone runs from its own folder: assets/ beside lenet/, and it writes where the README says, data/ (the class
store) and runs/in_class/ (Watch it learn), both ignored by git. `pip install` lays the clone's root files (app.py,
assets/, .streamlit/) into a package of their own, `lenet5_classroom` (pyproject.toml), where nothing may be
written: an installed app writes into the user's data folder. $LENET_DATA_DIR, when set, is the data folder of
either; nothing goes into the current folder unless one of these says so.
"""

import os
import sys
from collections.abc import Mapping
from pathlib import Path

DATA_DIR_ENV = "LENET_DATA_DIR"  # the class store's classes.db, and Watch it learn's in_class/ beside it
LIVE_DIR_ENV = "LENET_LIVE_DIR"  # Watch it learn's run folder alone (tests and benchmarks use their own)
APP_NAME = "lenet5-classroom"  # the distribution's name (pyproject.toml): the user data folder's name
IN_CLASS_MODEL = "lenet5_in_class.keras"  # the network "Watch it learn" leaves in its run folder

_PARENT = Path(__file__).resolve().parent.parent  # the clone, or site-packages when installed
_INSTALLED = _PARENT / "lenet5_classroom"  # only there when installed
CLONE: Path | None = None if _INSTALLED.is_dir() else _PARENT  # the clone this code runs from, if any
PROJECT_DIR = _PARENT if CLONE else _INSTALLED  # app.py, assets/ and .streamlit/config.toml


def user_data_dir(platform: str = sys.platform, env: Mapping[str, str] = os.environ, home: Path | None = None) -> Path:
    """The system's folder for this application's own data (what platformdirs' user_data_dir gives):
    %LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_DATA_HOME or ~/.local/share elsewhere."""
    home = Path.home() if home is None else home
    if platform == "win32":
        return Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_NAME
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = env.get("XDG_DATA_HOME", "")
    return Path(xdg if os.path.isabs(xdg) else home / ".local" / "share") / APP_NAME  # the spec ignores relative ones


DEFAULT_DATA_DIR = CLONE / "data" if CLONE else user_data_dir()  # without $LENET_DATA_DIR


def data_dir() -> Path:
    """Where the app keeps what it writes: $LENET_DATA_DIR, else the clone's data/, else the user data folder."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def live_dir() -> Path:
    """Watch it learn's run folder: $LENET_LIVE_DIR; else runs/in_class in a clone (where the README has it)
    unless $LENET_DATA_DIR is set; else in_class/ in the data folder."""
    if folder := os.environ.get(LIVE_DIR_ENV):
        return Path(folder)
    if CLONE and not os.environ.get(DATA_DIR_ENV):
        return CLONE / "runs" / "in_class"
    return data_dir() / "in_class"
