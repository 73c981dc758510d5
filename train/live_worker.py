"""The process that trains for "Watch it learn" (started by train.live.start, not a command for people).

    python -m train.live_worker RUN_DIR CONFIG_JSON

It lowers its own priority and TensorFlow's thread count first, then trains, writing progress.json
every few steps and the network every `snapshot_every` steps, and stops early when RUN_DIR/cancel appears.
"""

import json
import os
import sys
import time
import traceback
from dataclasses import asdict
from pathlib import Path

import numpy as np

from lenet.portable import lower_priority
from train import portable
from train.live import CANCEL, PARENT_ENV, PROGRESS, WEIGHTS, LiveConfig, write_json


def limit_resources(config: LiveConfig) -> None:
    """Lower priority and one TensorFlow thread per pool: the server's forward passes go first."""
    lower_priority(config.nice)
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(config.threads)
    tf.config.threading.set_inter_op_parallelism_threads(config.threads)


class Reporter:
    """The run's progress.json: status, step, ETA, curves, C1 kernel snapshots; written whole each time."""

    def __init__(self, folder: Path, config: LiveConfig, total_steps: int, extra: dict):
        self.folder, self.config = folder, config
        self.parent = int(os.environ.get(PARENT_ENV, os.getppid()))  # the server (or, in tests, this process')
        self.state = {
            "status": "running",
            "pid": os.getpid(),
            "config": asdict(config),
            "step": 0,
            "total_steps": total_steps,
            "epoch": 0,
            "epochs": config.epochs,
            "images": 0,
            "elapsed_s": 0.0,
            "eta_s": None,
            "message": "",
            "curve": {"step": [], "loss": [], "accuracy": []},  # means over each log_every steps
            "held_out": {"step": [], "accuracy": []},  # accuracy on digits never trained on
            "kernels": [],
            "saved_step": None,
            **extra,
        }  # kernels: [{"step", "c1": (5, 5, 6)}]

    def update(self, **values) -> None:
        self.state.update(values)
        write_json(self.folder / PROGRESS, self.state)

    def cancelled(self) -> bool:
        """Cancel pressed, or the server that started this run has gone (its orphans get a new parent)."""
        return (self.folder / CANCEL).exists() or portable.parent_gone(self.parent)


def save_model(model, folder: Path) -> Path:
    """Save to a temporary name, then rename: the app never loads a half-written file."""
    from train.live import model_path

    final = folder / model_path().name
    partial = folder / f".partial.{final.name}"  # Keras wants the .keras suffix
    model.save(partial)
    portable.replace(partial, final)
    weights = folder / f".partial.{WEIGHTS}"  # the bare weights too: the tab updates its network from them
    np.savez(weights, *model.get_weights())  # cheaply (set_weights), instead of reloading the .keras file
    portable.replace(weights, folder / WEIGHTS)
    return final


def make_callback(reporter: Reporter, held_x: np.ndarray, held_y: np.ndarray, folder: Path):
    """A Keras callback that feeds `reporter` and honours cancel; its class needs Keras, so it is built here."""
    import keras

    from train.finetune import accuracy

    config = reporter.config

    class Progress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.started, self.step = time.perf_counter(), 0
            total = reporter.state["total_steps"]
            self.min_step_s = config.pace_s / total if total else 0.0  # the class's pace, per step
            self.snapshot()

        def on_epoch_begin(self, epoch, logs=None):
            reporter.state["epoch"] = epoch + 1

        def on_train_batch_begin(self, batch, logs=None):
            self.step_began = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            wait = self.min_step_s - (time.perf_counter() - self.step_began)
            if wait > 0:  # the class's pace (LiveConfig.pace_s); 0: as fast as it can
                time.sleep(wait)
            self.step += 1
            state = reporter.state
            elapsed = time.perf_counter() - self.started
            rate = self.step / elapsed if elapsed > 0 else 0.0
            state.update(
                step=self.step,
                images=self.step * config.batch_size,
                elapsed_s=round(elapsed, 2),
                eta_s=round((state["total_steps"] - self.step) / rate, 1) if rate else None,
            )
            if self.step % config.log_every == 0:
                for key in ("loss", "accuracy"):
                    state["curve"][key].append(round(float(logs[key]), 5))
                state["curve"]["step"].append(self.step)
                self.model.reset_metrics()  # the next point is the mean of the next log_every steps only
            if reporter.cancelled():
                self.model.stop_training = True
            if self.step % config.snapshot_every == 0 or self.step in config.early_snapshots:
                self.snapshot()
            elif self.step % config.held_out_every == 0:
                self.held_out()
                reporter.update()
            elif self.step % config.log_every == 0:
                reporter.update()

        def held_out(self):
            state = reporter.state
            state["held_out"]["step"].append(self.step)
            state["held_out"]["accuracy"].append(round(accuracy(self.model, held_x, held_y), 4))

        def snapshot(self):
            """Held-out accuracy, the six C1 kernels, and the network saved for every tab to use."""
            state = reporter.state
            self.held_out()
            kernels = self.model.get_layer("C1").get_weights()[0][:, :, 0, :]  # (5, 5, 1, 6) -> (5, 5, 6)
            state["kernels"].append({"step": self.step, "c1": np.round(kernels, 4).tolist()})
            save_model(self.model, folder)
            reporter.update(saved_step=self.step)

        def on_train_end(self, logs=None):
            if reporter.state["saved_step"] != self.step:
                self.snapshot()

    return Progress()


def run(config: LiveConfig, folder: Path, reporter: Reporter) -> str:
    """The run `config` asks for, seeded: fine-tuning on a class's digits when it names `layers`, else training;
    "done" or "cancelled"."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(config.seed)
    tf.config.experimental.enable_op_determinism()  # same seed, same machine: the same weights
    return finetune(config, folder, reporter) if config.layers else train(config, folder, reporter)


def train(config: LiveConfig, folder: Path, reporter: Reporter) -> str:
    """Train from random weights or from `config.init` on `config.data`; "done" or "cancelled"."""
    import keras

    from lenet.losses import compile_args
    from lenet.mnist import load_npz
    from lenet.model import build_lenet5, is_rbf, load_model
    from train.pipeline import make_dataset

    arrays = load_npz(config.data)
    x, y = arrays["x_train"], arrays["y_train"].astype(np.int64)
    held = arrays["x_test"], arrays["y_test"].astype(np.int64)
    model = load_model(config.init) if config.init else build_lenet5()
    model.compile(optimizer=keras.optimizers.Adam(config.lr), **compile_args("crossentropy", is_rbf(model)))
    model.optimizer.build(model.trainable_variables)  # so the step-0 save holds the whole optimizer state
    data = make_dataset(x, y, config.batch_size, config.seed, train=True, augment=config.augment)
    reporter.state["total_steps"] = config.epochs * len(data)
    model.fit(data, epochs=config.epochs, verbose=0, shuffle=False, callbacks=[make_callback(reporter, *held, folder)])
    return "cancelled" if reporter.cancelled() else "done"


def finetune(config: LiveConfig, folder: Path, reporter: Reporter) -> str:
    """Fine-tune `config.init` on the class digits in `config.data`; the held-out curve is the held-back
    students' accuracy, and progress.json gains "finetune": before -> after (train/finetune.py)."""
    import math

    from lenet.model import load_model
    from train import finetune as ft

    with np.load(config.data) as npz:
        x, y, ids = npz["x"], npz["y"].astype(np.int64), npz["student"]
    train_idx, held_idx, held_students = ft.split_by_student(None if (ids < 0).all() else ids, len(x), config.seed)
    held = x[held_idx], y[held_idx]
    reporter.state["total_steps"] = config.epochs * math.ceil(len(train_idx) / config.batch_size)
    if config.init is None or config.layers is None:  # start_finetune always sets both
        raise ValueError("a fine-tune needs an initial model and a choice of layers")
    model = load_model(config.init)
    result = ft.finetune(
        model,
        (x[train_idx], y[train_idx]),
        held,
        ft.mnist_test(),
        config.layers,
        config.epochs,
        config.batch_size,
        config.lr,
        config.seed,
        held_students,
        callbacks=(make_callback(reporter, *held, folder),),
    )
    reporter.state["finetune"] = ft.as_dict(result)
    return "cancelled" if reporter.cancelled() else "done"


def main(argv: list[str]) -> int:
    folder, settings = Path(argv[0]), json.loads(argv[1])
    settings["early_snapshots"] = tuple(settings.get("early_snapshots", ()))  # JSON gives a list
    config = LiveConfig(**settings)
    limit_resources(config)
    reporter = Reporter(folder, config, 0, {})
    try:
        status = run(config, folder, reporter)
    except Exception as err:  # noqa: BLE001  (any failure is reported to the app, with its reason)
        traceback.print_exc()
        reporter.update(status="failed", message=f"Training stopped: {err}")
        return 1
    reporter.update(status=status, eta_s=0.0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
