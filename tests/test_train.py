"""`python -m train`: a quick run end to end, bad data files, resume, and the shipped weights."""

import json
from pathlib import Path

import keras
import numpy as np
import pytest

from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH, SAMPLES_PATH
from lenet.inference import Network
from lenet.model import is_rbf, load_model
from lenet.preprocess import mnist_to_input
from testkit.digits import write_digits_npz
from testkit.procs import python_m
from train import run as train_run
from train.cli import main

SAMPLES = SAMPLES_PATH
OUTPUTS = (".keras", ".metrics.json", ".curves.png", ".confusion.png")


@pytest.fixture(scope="module")
def digits(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "digits.npz"
    write_digits_npz(path, per_digit=12)  # 120 images: quick mode takes a validation fifth of them
    return path


def outputs(model: Path) -> list[Path]:
    return [model.with_suffix("").with_name(model.stem + suffix) for suffix in OUTPUTS]


@pytest.mark.parametrize("output", ["softmax", "rbf"])
def test_quick_run_writes_every_output(digits, tmp_path, output):
    out = tmp_path / f"model_{output}.keras"
    argv = ["--data", str(digits), "--quick", "--output", output, "--out", str(out), "--workdir", str(tmp_path)]
    assert main(argv) == 0
    for path in outputs(out):
        assert path.is_file() and path.stat().st_size > 0, path
    metrics = json.loads(outputs(out)[1].read_text())
    assert metrics["epochs"] == 1 and metrics["n"] == 120
    assert metrics["parameters"] == (60_840 if output == "rbf" else 60_850)
    assert metrics["command"].startswith("python -m train --data")
    assert np.asarray(metrics["confusion_matrix"]).sum() == 120
    assert is_rbf(load_model(out)) == (output == "rbf")


def test_quick_is_a_subprocess_too(digits, tmp_path):
    """The real entry point, once: progress bar, one-line summary with ETA, exit 0."""
    out = tmp_path / "m.keras"
    result = python_m("train", "--data", digits, "--quick", "--out", out, "--workdir", tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "epoch 1/1:" in result.stdout and "ETA" in result.stdout and out.is_file()


def bad_files(tmp_path: Path) -> dict[str, Path]:
    x, y = np.zeros((4, 28, 28), np.uint8), np.arange(4)
    files = {name: tmp_path / f"{name}.npz" for name in ("text", "keys", "shape", "labels", "dtype")}
    files["text"].write_text("not an archive")
    np.savez(files["keys"], x_train=x, y_train=y)
    np.savez(files["shape"], x_train=np.zeros((4, 32, 32), np.uint8), y_train=y, x_test=x, y_test=y)
    np.savez(files["labels"], x_train=x, y_train=np.array([0, 1, 2, 10]), x_test=x, y_test=y)
    np.savez(files["dtype"], x_train=x.astype(np.float32) + 0.5, y_train=y, x_test=x, y_test=y)
    files["npy"] = tmp_path / "single.npy"
    np.save(files["npy"], x)
    files["missing"] = tmp_path / "nowhere.npz"
    return files


WHAT_IS_SAID = {
    "text": "not a readable",
    "keys": "missing key",
    "shape": "x_train has shape",
    "labels": "labels 0-9",
    "dtype": "integers 0-255",
    "npy": "single array",
    "missing": "no such file",
}


def test_bad_data_files_exit_2_with_a_precise_message(tmp_path, capsys):
    for name, path in bad_files(tmp_path).items():
        assert main(["--data", str(path), "--quick", "--workdir", str(tmp_path)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("error:") and WHAT_IS_SAID[name] in err, (name, err)


def test_offline_download_names_the_data_option(monkeypatch, tmp_path, capsys):
    def offline():
        raise OSError("network is unreachable")

    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    assert main(["--quick", "--workdir", str(tmp_path)]) == 2
    assert "--data" in capsys.readouterr().err


def small_run(digits: Path, epochs: int, out: Path, workdir: Path) -> list[str]:
    """`python -m train` arguments for a few epochs on the small digits file, 20 of them for validation."""
    return [
        "--data",
        str(digits),
        "--epochs",
        str(epochs),
        "--val-size",
        "20",
        "--batch-size",
        "32",
        "--out",
        str(out),
        "--workdir",
        str(workdir),
    ]


@pytest.mark.parametrize("extra", [[], ["--drawn-val", "3"]], ids=["mnist-validation", "and-drawings"])
def test_interrupted_run_resumes_from_its_checkpoint(digits, tmp_path, monkeypatch, extra):
    out = tmp_path / "m.keras"
    argv = [*small_run(digits, 3, out, tmp_path), *extra]
    summary = train_run.EpochSummary.on_epoch_end

    def ctrl_c_after_epoch_2(self, epoch, logs=None):
        summary(self, epoch, logs)
        if epoch == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(train_run.EpochSummary, "on_epoch_end", ctrl_c_after_epoch_2)
    assert main(argv) == 130 and not out.exists()
    monkeypatch.setattr(train_run.EpochSummary, "on_epoch_end", summary)
    assert main([*argv, "--resume"]) == 0
    metrics = json.loads(outputs(out)[1].read_text())
    assert metrics["epochs"] == 3  # epochs 1-2 from the first run, only epoch 3 trained again


@pytest.mark.parametrize("path", [DEFAULT_MODEL_PATH, CLASSIC_MODEL_PATH], ids=["default", "classic"])
def test_shipped_models_load_safely(path):
    model = keras.saving.load_model(path, safe_mode=True)
    assert model.count_params() in (60_850, 60_840)


def test_shipped_default_model_scores_98_percent_on_the_shipped_sample():
    with np.load(SAMPLES) as samples:
        x, y, chosen = samples["x"], samples["y"], samples["stratified"]
    assert np.bincount(y[chosen]).tolist() == [50] * 10
    predicted = Network(load_model(DEFAULT_MODEL_PATH)).probabilities(mnist_to_input(x[chosen])).argmax(1)
    assert np.mean(predicted == y[chosen]) >= 0.98


def test_same_seed_same_weights(digits, tmp_path):
    """--seed fixes split, initial weights, shuffling and distortions: two runs end identical."""
    weights = []
    for run_id in ("a", "b"):
        out = tmp_path / f"{run_id}.keras"
        argv = small_run(digits, 2, out, tmp_path / run_id)
        assert main(argv) == 0
        weights.append(load_model(out).get_weights())
    assert all(np.array_equal(a, b) for a, b in zip(*weights))
