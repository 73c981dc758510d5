"""`pip install .`, then `lenet-lab` and `lenet` typed in another folder (issue 24): the installed app finds its
weights, gallery and settings, serves a page that reads a drawn digit, and writes into the user data folder only.

Kept fast: the wheel is built without build isolation and installed with --no-deps into a fresh venv that sees
this environment's packages through a .pth file (TensorFlow and Streamlit are not installed twice); what the
dependencies resolve to on each platform is tests/test_requirements.py's business.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from launch.venv import python_in
from testkit import ROOT
from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, check_clean, draw_with_mouse, prediction, watch_errors
from testkit.digits import draw_digit
from testkit.servers import free_port

LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "data", "runs", "test-artifacts", "build", "dist", "*.egg-info")
TIMINGS = ROOT / "test-artifacts" / "installed.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv, home, timings): the project's wheel installed into a new venv; home is the HOME its commands get."""
    tmp = tmp_path_factory.mktemp("installed")
    started = time.perf_counter()
    shutil.copytree(ROOT, tmp / "clone", ignore=LEFT_OUT)  # setuptools writes build/ into the tree it builds
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    wheel = ["wheel", str(tmp / "clone"), "--no-deps", "--quiet", "--wheel-dir", str(tmp)]
    if importlib.util.find_spec("setuptools"):  # Python 3.12's venvs have none: pip fetches it to build then
        wheel.append("--no-build-isolation")
    subprocess.run([*pip, *wheel], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], check=True)
    python = python_in(tmp / "venv", windows=os.name == "nt")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "shared-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (wheel_file,) = tmp.glob("*.whl")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--quiet", str(wheel_file)], check=True)
    timings = {"build_and_install_s": round(time.perf_counter() - started, 1)}
    yield tmp / "venv", tmp / "home", Path(purelib), timings
    TIMINGS.parent.mkdir(exist_ok=True)
    TIMINGS.write_text(json.dumps(timings, indent=2) + "\n")


def command_env(home: Path) -> dict[str, str]:
    """A teacher's environment: no test folders set (tests/conftest.py sets them), a home of its own."""
    env = {key: value for key, value in os.environ.items() if key not in ("LENET_DATA_DIR", "LENET_LIVE_DIR")}
    return {**env, "HOME": str(home), "XDG_DATA_HOME": "", "TF_CPP_MIN_LOG_LEVEL": "2", "LENET_NO_BROWSER": "1"}


def lenet(venv: Path, home: Path, folder: Path, *args: str, timeout: int) -> subprocess.CompletedProcess:
    """The installed `lenet` command, run from `folder` with `home` as the user's home."""
    command = [str(venv / "bin" / "lenet"), *args]
    return subprocess.run(
        command, cwd=folder, env=command_env(home), capture_output=True, text=True, timeout=timeout, check=False
    )


def test_lenet_reads_a_digit_with_the_shipped_weights_and_the_class_store_goes_home(installed, tmp_path):
    venv, home, site, timings = installed
    Image.fromarray(draw_digit(7)).save(tmp_path / "seven.png")
    started = time.perf_counter()
    done = lenet(venv, home, tmp_path, "predict", "seven.png", "--json", timeout=300)
    timings["lenet_predict_s"] = round(time.perf_counter() - started, 1)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label"] == 7
    created = lenet(venv, home, tmp_path, "class", "new", "--json", timeout=120)
    assert created.returncode == 0, created.stderr
    assert (home / ".local" / "share" / "lenet5-classroom" / "classes.db").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seven.png"]  # nothing written into the current folder
    assert not (site / "lenet5_classroom" / "data").exists() and not (site / "data").exists()


def test_lenet_lab_serves_the_app_from_another_folder(installed, browser, tmp_path):
    venv, home, _, timings = installed
    port, log_path = free_port(), tmp_path / "lenet-lab.log"
    started = time.perf_counter()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [venv / "bin" / "lenet-lab", "--port", str(port)],
            cwd=tmp_path,
            env=command_env(home),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://localhost:{port}"
        while f"open {url}" not in log_path.read_text():  # launch/serve.py prints it once the server is healthy
            assert server.poll() is None and time.perf_counter() - started < 120, log_path.read_text()
            time.sleep(0.2)
        timings["lenet_lab_ready_s"] = round(time.perf_counter() - started, 1)
        page = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
        watch_errors(page)
        page.goto(url)
        expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
        draw_with_mouse(page, 3)
        expect(prediction(page)).to_have_text("3", timeout=ANSWER_MS)
        timings["first_prediction_s"] = round(time.perf_counter() - started, 1)
        check_clean(page)
        background = page.locator("[data-testid='stApp']").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(255, 255, 255)"  # .streamlit/config.toml's light theme, applied
        page.context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
