"""Issue 9, item 4: careless command lines end with exit 2 and one clear line, never a traceback.

Each case runs the real entry point as `python -m` runs it, away from pytest's process: the six bad-data cases
one after another in one fresh process (testkit.procs.run_entry_points: an exit code and stderr each), paying
TensorFlow's import once, not six times; the others in a subprocess each.
"""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from testkit import ROOT
from testkit.digits import draw_digit, write_digits_npz
from testkit.procs import python_m, run_entry_points
from train.cli import main as train_main

TIMEOUT_S = 300


def error_lines(stderr: str) -> list[str]:
    """Our own messages on stderr (TensorFlow's start-up log lines left out)."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_clear_failure(run: subprocess.CompletedProcess, says: str) -> None:
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 2, run.stderr[-3000:]
    lines = error_lines(run.stderr)
    assert len(lines) == 1 and says in lines[0], run.stderr[-3000:]


def save_npz(path: Path, **overrides) -> Path:
    """A small MNIST-layout npz whose arrays can be replaced one by one."""
    x, y = np.zeros((5, 28, 28), np.uint8), np.arange(5)
    np.savez(path, **{"x_train": x, "y_train": y, "x_test": x, "y_test": y, **overrides})
    return path


def save_lying_npz(path: Path) -> Path:
    """1 KB on disk whose x_train/x_test headers claim 730 GiB of uint8 (numpy would try to allocate it)."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "|u1", "fortran_order": False, "shape": (1_000_000, 28, 28_000)}
    )
    labels = io.BytesIO()
    np.save(labels, np.arange(5))
    with zipfile.ZipFile(path, "w") as archive:
        for split in ("train", "test"):
            archive.writestr(f"x_{split}.npy", header.getvalue() + bytes(100))
            archive.writestr(f"y_{split}.npy", labels.getvalue())
    return path


@pytest.fixture(scope="module")
def bad_data(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad_data")
    return {
        "string labels": save_npz(
            folder / "labels.npz", y_train=np.array(list("01234")), y_test=np.array(list("01234"))
        ),
        "string images": save_npz(
            folder / "images.npz", x_train=np.full((5, 28, 28), "a"), x_test=np.full((5, 28, 28), "a")
        ),
        "730 GiB header": save_lying_npz(folder / "lying.npz"),
    }


SAYS = {"string labels": "integer labels 0-9", "string images": "integers 0-255", "730 GiB header": "730"}


@pytest.fixture(scope="module")
def bad_data_runs(
    bad_data, untrained_model_path, tmp_path_factory
) -> dict[tuple[str, str], subprocess.CompletedProcess]:
    """{(command, case): its run}: `python -m lenet evaluate` and `python -m train` on each bad file."""
    work = tmp_path_factory.mktemp("train_bad_data")
    commands = {
        **{
            ("evaluate", case): ["lenet", "evaluate", "--data", path, "--model", untrained_model_path]
            for case, path in bad_data.items()
        },
        **{
            ("train", case): [
                "train",
                "--data",
                path,
                "--quick",
                "--workdir",
                work / case,
                "--out",
                work / f"{case}.keras",
            ]
            for case, path in bad_data.items()
        },
    }
    return dict(zip(commands, run_entry_points(list(commands.values())), strict=True))


@pytest.mark.parametrize("case", sorted(SAYS))
def test_evaluate_bad_data_exits_2(bad_data_runs, case):
    assert_clear_failure(bad_data_runs["evaluate", case], SAYS[case])


@pytest.mark.parametrize("case", sorted(SAYS))
def test_train_bad_data_exits_2(bad_data_runs, case):
    assert_clear_failure(bad_data_runs["train", case], SAYS[case])


def test_train_on_one_image_exits_2(tmp_path):
    x = np.zeros((1, 28, 28), np.uint8)
    path = save_npz(tmp_path / "one.npz", x_train=x, y_train=np.array([3]), x_test=x, y_test=np.array([3]))
    run = python_m("train", "--data", path, "--quick", "--workdir", tmp_path, "--out", tmp_path / "m.keras")
    assert_clear_failure(run, "at least 2")


def test_train_on_three_images_validates_on_one(tmp_path):
    """2-4 images used to leave the validation split empty (KeyError: 'val_loss')."""
    x, y = write_digits_npz(tmp_path / "all.npz", per_digit=1)
    path = save_npz(tmp_path / "three.npz", x_train=x[:3], y_train=y[:3], x_test=x[:3], y_test=y[:3])
    out = tmp_path / "m.keras"
    assert train_main(["--data", str(path), "--quick", "--workdir", str(tmp_path), "--out", str(out)]) == 0
    assert out.is_file()


def test_predict_into_a_closed_pipe_exits_2(tmp_path, untrained_model_path):
    """`python -m lenet predict DIR --json | head -1`: the reader leaves after one line."""
    for i in range(40):  # enough lines that most are written after the reader has gone
        Image.fromarray(draw_digit(i % 10)).save(tmp_path / f"{i:02d}.png")
    command = [sys.executable, "-m", "lenet", "predict", str(tmp_path), "--json", "--model", str(untrained_model_path)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        first = process.stdout.readline()
        process.stdout.close()  # as `head -1` does
        stderr = process.stderr.read()
        returncode = process.wait(timeout=TIMEOUT_S)
    assert first.startswith('{"path"')
    assert_clear_failure(subprocess.CompletedProcess(command, returncode, "", stderr), "broken pipe")
