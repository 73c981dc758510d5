"""The background trainer of "Watch it learn": the offline subset, a run's progress, repeatability,
one run at a time, cancel, and a dead worker reported as such. Tiny data: seconds per run."""

import subprocess
import sys
import time
from dataclasses import replace

import numpy as np
import pytest

from lenet.model import load_model
from testkit import ROOT
from testkit.digits import write_digits_npz
from train import live, live_worker, subset

TINY = live.LiveConfig(epochs=2, batch_size=16, snapshot_every=5, log_every=2, held_out_every=3, augment=True)


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "digits.npz"
    write_digits_npz(path, per_digit=6)  # 60 digits: 4 steps of 16 per epoch
    return str(path)


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(live.RUN_DIR_ENV, str(tmp_path))
    return tmp_path


def test_the_subset_is_stratified_and_mnist_layout(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (300, 28, 28), dtype=np.uint8),
        "y_train": np.arange(300) % 10,
        "x_test": rng.integers(0, 256, (50, 28, 28), dtype=np.uint8),
        "y_test": np.arange(50) % 10,
    }
    sample = subset.subset(arrays, 20, 3, seed=0)
    assert np.bincount(sample["y_train"]).tolist() == [20] * 10 and np.bincount(sample["y_test"]).tolist() == [3] * 10
    assert sample["x_train"].dtype == np.uint8 and sample["x_train"].shape == (200, 28, 28)
    np.savez(tmp_path / "mnist.npz", **arrays)
    assert (
        subset.main(
            ["--data", str(tmp_path / "mnist.npz"), "--out", str(tmp_path / "s.npz"), "--train-per-class", "40"]
        )
        == 2
    )  # only 30 of each class: refused, with a reason


def train_in_process(folder, config) -> dict:
    """The worker's training loop in this process (no nice, no subprocess): its final progress."""
    folder.mkdir(parents=True, exist_ok=True)
    reporter = live_worker.Reporter(folder, config, 0, {})
    reporter.update(status=live_worker.run(config, folder, reporter))
    return reporter.state


def test_a_run_reports_progress_and_saves_the_network(tiny_data, run_dir):
    state = train_in_process(run_dir, replace(TINY, data=tiny_data))
    assert state["status"] == "done" and state["step"] == state["total_steps"] == 8
    assert state["curve"]["step"] == [2, 4, 6, 8] and len(state["curve"]["loss"]) == 4
    assert [k["step"] for k in state["kernels"]] == [0, 5, 8]  # the start, every 5 steps, the end
    assert state["held_out"]["step"] == [0, 3, 5, 6, 8]  # every 3 steps, and with every snapshot
    assert np.asarray(state["kernels"][-1]["c1"]).shape == (5, 5, 6)
    saved = load_model(live.model_path()).get_layer("C1").get_weights()[0][:, :, 0, :]
    np.testing.assert_allclose(saved, state["kernels"][-1]["c1"], atol=1e-4)
    for bare, kept in zip(live.read_weights(), load_model(live.model_path()).get_weights(), strict=True):
        np.testing.assert_array_equal(bare, kept)  # what the tab copies into its network
    assert live.read()["status"] == "done"


def test_a_class_paced_run_is_spread_out_and_shows_its_first_steps(tiny_data, run_dir):
    """For the class: the run lasts at least pace_s (the worker waits between steps; a lower bound, which
    a busy machine can only lengthen), and the kernels are also shown at the early steps, where they change most."""
    state = train_in_process(run_dir, replace(TINY, data=tiny_data, pace_s=2.0, early_snapshots=(1, 2)))
    assert state["status"] == "done" and state["elapsed_s"] >= 2.0 * 7 / 8  # the last step's wait ends the run
    assert [k["step"] for k in state["kernels"]] == [0, 1, 2, 5, 8]


def test_a_seed_makes_runs_repeatable(tiny_data, tmp_path):
    finals = {}
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        train_in_process(tmp_path / name, replace(TINY, data=tiny_data, seed=seed, epochs=1))
        finals[name] = load_model(tmp_path / name / live.model_path().name).get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(finals["a"], finals["b"]))
    assert not all(np.array_equal(a, c) for a, c in zip(finals["a"], finals["c"]))


def wait_for(condition, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {live.read()}"
        time.sleep(0.3)


def test_one_run_at_a_time_and_cancel_keeps_the_partly_trained_network(tiny_data, run_dir):
    assert live.start(replace(TINY, data=tiny_data, epochs=500))  # far longer than the test waits
    assert not live.start(replace(TINY, data=tiny_data))  # a second run is refused while one runs
    wait_for(lambda: live.read()["step"] >= 3)
    live.cancel()
    wait_for(lambda: not live.is_running())
    progress = live.read()
    assert progress["status"] == "cancelled" and progress["step"] < progress["total_steps"]
    assert progress["saved_step"] == progress["step"]
    assert load_model(live.model_path()).count_params() == 60_850


def test_a_worker_that_died_is_reported_and_a_new_run_may_start(run_dir):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live.write_json(run_dir / live.PROGRESS, {"status": "running", "pid": dead.pid, "step": 3})
    assert live.read()["status"] == "failed" and not live.is_running()


def test_bad_data_fails_with_a_reason(run_dir, tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, x_train=np.zeros((3, 5, 5), np.uint8))
    assert live.start(replace(TINY, data=str(bad)))
    wait_for(lambda: not live.is_running())
    progress = live.read()
    assert progress["status"] == "failed" and "missing key" in progress["message"]


def test_the_apps_fine_tune_entry_point_trains_the_chosen_layers_in_the_background(run_dir):
    from lenet.assets import DEFAULT_MODEL_PATH
    from lenet.mnist import DataError
    from testkit.class_digits import class_set

    x, y, ids = class_set(students=4)
    with pytest.raises(DataError, match="one per digit"):
        live.start_finetune(x, y, ids[:3])
    assert live.read() is None  # refused before anything started
    assert live.start_finetune(x, y, ids, layers="F6 + OUTPUT", epochs=2)
    wait_for(lambda: not live.is_running())
    progress = live.read()
    assert progress["status"] == "done", progress.get("message")
    result = progress["finetune"]
    assert result["n_train"] + result["n_held"] == len(x) and result["held_students"]
    assert set(result["before"]) == set(result["after"]) == {"class", "mnist"}
    tuned, shipped = load_model(live.model_path()), load_model(DEFAULT_MODEL_PATH)
    np.testing.assert_array_equal(tuned.get_layer("C1").get_weights()[0], shipped.get_layer("C1").get_weights()[0])
    assert not np.array_equal(tuned.get_layer("F6").get_weights()[0], shipped.get_layer("F6").get_weights()[0])


def test_a_run_stops_when_the_server_that_started_it_is_gone(tiny_data, run_dir):
    """A stand-in server starts a run, waits for its first steps and exits: the worker must not train on."""
    server = (
        "import sys, time; from train import live; from train.live import LiveConfig; "
        f"live.start({replace(TINY, data=tiny_data, epochs=500)!r}); "  # the config as its repr: LiveConfig(...)
        "deadline = time.monotonic() + 170\n"
        "while live.read()['step'] < 2 and time.monotonic() < deadline: time.sleep(0.3)"
    )
    subprocess.run([sys.executable, "-c", server], cwd=ROOT, check=True, timeout=180)
    wait_for(lambda: not live.is_running())
    progress = live.read()
    assert progress["status"] == "cancelled" and progress["step"] < progress["total_steps"]
