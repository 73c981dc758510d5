"""lenet/paths.py: where the app finds its shipped files and writes its data, in a clone and as installed."""

import importlib.util
import shutil
from pathlib import Path, PureWindowsPath

import pytest
from sqlalchemy.engine import make_url

from classroom import engine
from lenet import paths
from lenet.assets import DEFAULT_MODEL_PATH
from testkit import ROOT
from train import live


def test_a_clone_reads_its_own_assets_and_writes_where_the_readme_says(monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.LIVE_DIR_ENV, raising=False)
    assert (paths.CLONE, paths.PROJECT_DIR) == (ROOT, ROOT)
    assert DEFAULT_MODEL_PATH == ROOT / "assets" / "lenet5.keras"
    assert paths.data_dir() == ROOT / "data"
    assert engine.database_url() == f"sqlite:///{ROOT / 'data' / 'classes.db'}"
    assert live.model_path() == ROOT / "runs" / "in_class" / "lenet5_in_class.keras"


def test_the_environment_moves_the_data(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.LIVE_DIR_ENV, raising=False)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    assert engine.database_url() == f"sqlite:///{tmp_path / 'classes.db'}"
    assert live.run_dir() == tmp_path / "in_class"  # all the app writes, in the one folder named
    monkeypatch.setenv(paths.LIVE_DIR_ENV, str(tmp_path / "live"))
    assert live.run_dir() == tmp_path / "live"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("win32", {"LOCALAPPDATA": r"C:\Users\ada\AppData\Local"}, r"C:\Users\ada\AppData\Local\lenet5-classroom"),
        ("win32", {}, "/home/ada/AppData/Local/lenet5-classroom"),
        ("darwin", {}, "/home/ada/Library/Application Support/lenet5-classroom"),
        ("linux", {}, "/home/ada/.local/share/lenet5-classroom"),
        ("linux", {"XDG_DATA_HOME": "/data/ada"}, "/data/ada/lenet5-classroom"),
        ("linux", {"XDG_DATA_HOME": "relative"}, "/home/ada/.local/share/lenet5-classroom"),  # the spec: ignored
    ],
)
def test_user_data_folder(platform, env, expected):
    found = paths.user_data_dir(platform, env, Path("/home/ada"))
    if "\\" in expected:  # a Windows path, built here on POSIX: compare it as Windows would
        assert PureWindowsPath(str(found)) == PureWindowsPath(expected)
    else:
        assert found == Path(expected)


@pytest.mark.parametrize("folder", ["/Users/ada/Library/Application Support/lenet5-classroom", r"C:\Users\ada\data"])
def test_sqlite_urls_keep_spaces_and_drive_letters(folder):
    assert make_url(f"sqlite:///{folder}/classes.db").database == f"{folder}/classes.db"


def test_installed_the_app_writes_into_the_user_data_folder(tmp_path, monkeypatch):
    """lenet/ in site-packages beside lenet5_classroom/ (pyproject.toml's layout): nothing is written there."""
    site = tmp_path / "site-packages"
    (site / "lenet").mkdir(parents=True)
    (site / "lenet5_classroom" / "assets").mkdir(parents=True)
    shutil.copy(ROOT / "lenet" / "paths.py", site / "lenet" / "paths.py")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.LIVE_DIR_ENV, raising=False)
    spec = importlib.util.spec_from_file_location("installed_paths", site / "lenet" / "paths.py")
    assert spec is not None and spec.loader is not None
    installed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(installed)
    assert (installed.CLONE, installed.PROJECT_DIR) == (None, site / "lenet5_classroom")
    expected = paths.user_data_dir(env={"XDG_DATA_HOME": str(tmp_path / "xdg")}, home=tmp_path / "home")
    assert installed.data_dir() == expected
    assert installed.live_dir() == expected / "in_class"
