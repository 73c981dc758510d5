"""`python -m train --drawn-val N`: a second validation set of canvas drawings, and the checkpoint chosen by both
(train/drawn_val.py, issue 27)."""

import csv
import json

import numpy as np
import pytest

from lenet.inference import Network
from lenet.losses import compile_args
from lenet.model import build_lenet5, load_model
from testkit.digits import write_digits_npz
from testkit.drawn_styles import model_inputs
from train import drawn_val
from train.cli import main, parse_args
from train.drawn_val import selected_epoch


@pytest.fixture(scope="module")
def drawings():
    return drawn_val.drawn_set(3)  # 3 of each of the 4 styles


def test_the_set_is_each_style_from_seeds_the_checks_do_not_use(drawings):
    x, y = drawings
    assert x.shape == (12, 32, 32, 1) and y.shape == (12,)
    ordinary, labels = model_inputs("ordinary", 3, drawn_val.SEED)
    assert np.array_equal(x[:3], ordinary) and np.array_equal(y[:3], labels)
    assert not np.array_equal(x[:3], model_inputs("ordinary", 3, 0)[0])  # not the drawings the checks read


@pytest.mark.parametrize("output", ["softmax", "rbf"])
def test_score_is_cross_entropy_and_error_of_the_drawings(drawings, output):
    x, y = drawings
    model = build_lenet5("scaled_tanh", output)
    callback = drawn_val.DrawnValidation(x, y, compile_args("crossentropy", output == "rbf")["loss"], output == "rbf")
    loss, error = callback.score(model)
    p = Network(model).probabilities(x).astype(np.float64)  # (12, 10); softmax(-penalties) for the RBF output
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(len(y)), y])), rel=1e-4)
    assert error == pytest.approx(100 * np.mean(p.argmax(axis=1) != y))


def test_refused_below_zero(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--drawn-val", "-1"])
    assert exit_info.value.code == 2 and "--drawn-val" in capsys.readouterr().err


def test_the_checkpoint_kept_is_the_one_with_the_lowest_sum_of_both_losses(tmp_path, drawings):
    data, out = tmp_path / "digits.npz", tmp_path / "m.keras"
    write_digits_npz(data, per_digit=12)
    argv = ["--data", str(data), "--epochs", "4", "--val-size", "20", "--batch-size", "32", "--lr", "0.02"]
    assert main([*argv, "--drawn-val", "3", "--out", str(out), "--workdir", str(tmp_path)]) == 0
    with (tmp_path / "m" / "history.csv").open() as f:
        rows = list(csv.DictReader(f))
    select = [float(r[drawn_val.SELECT]) for r in rows]
    for r, s in zip(rows, select):
        assert s == pytest.approx(float(r["val_loss"]) + float(r["val_drawn_loss"]))
    metrics = json.loads((tmp_path / "m.metrics.json").read_text())
    chosen = int(np.argmin(select))
    assert metrics["selected_epoch"] == chosen + 1
    assert metrics["val_drawn_error_pct"] == pytest.approx(float(rows[chosen]["val_drawn_error"]), abs=1e-3)
    # The saved model is that epoch's: its drawn loss is the one logged then.
    callback = drawn_val.DrawnValidation(*drawings, "sparse_categorical_crossentropy", False)
    assert callback.score(load_model(out))[0] == pytest.approx(float(rows[chosen]["val_drawn_loss"]), rel=1e-4)


def test_the_epoch_chosen_is_by_the_sum_where_there_is_one():
    history = {"val_loss": [0.30, 0.20, 0.25], "val_drawn_loss": [0.5, 0.6, 0.3]}
    assert selected_epoch(history) == 2  # MNIST's validation alone
    history[drawn_val.SELECT] = [0.80, 0.80, 0.55]
    assert selected_epoch(history) == 3
