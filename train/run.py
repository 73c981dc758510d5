"""One training run: data -> fit with checkpoints -> select on validation -> test once -> reports."""

import argparse
import csv
import shlex
import shutil
import sys
import time
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH
from lenet.inference import Network
from lenet.losses import compile_args
from lenet.mnist import DataError, load_npz
from lenet.model import build_lenet5, load_model
from lenet.preprocess import mnist_to_input
from train import data, report
from train.drawn_val import SELECT, drawn_metrics, drawn_validation, selected_epoch, selection_value
from train.elastic import Elastic
from train.pipeline import make_dataset

QUICK_IMAGES = 300


class EpochSummary(keras.callbacks.Callback):
    """One line per epoch with validation error, learning rate, time and the ETA of the run."""

    def __init__(self, epochs: int):
        super().__init__()
        self.epochs = epochs
        self.durations: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.durations.append(time.perf_counter() - self.started)
        eta = np.mean(self.durations) * (self.epochs - epoch - 1)
        lr = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
        drawn = (
            f"drawn loss {logs['val_drawn_loss']:.4f}, drawn error {logs['val_drawn_error']:.2f} %, "
            if "val_drawn_loss" in logs
            else ""
        )
        print(
            f"epoch {epoch + 1}/{self.epochs}: loss {logs['loss']:.4f}, "
            f"train error {100 * (1 - logs['accuracy']):.2f} %, val loss {logs['val_loss']:.4f}, "
            f"val error {100 * (1 - logs['val_accuracy']):.2f} %, {drawn}lr {lr:.2e}, "
            f"{self.durations[-1]:.0f} s, ETA {eta / 60:.1f} min",
            flush=True,
        )


def out_path(args: argparse.Namespace) -> Path:
    if args.out:
        return Path(args.out)
    default = CLASSIC_MODEL_PATH if args.output == "rbf" else DEFAULT_MODEL_PATH
    return Path("runs/quick") / default.name if args.quick else default


def learning_rate(args: argparse.Namespace, steps_per_epoch: int):
    if args.schedule == "constant":
        return args.lr
    return keras.optimizers.schedules.CosineDecay(args.lr, args.epochs * steps_per_epoch, alpha=0.01)


def optimizer(args: argparse.Namespace, steps_per_epoch: int) -> keras.optimizers.Optimizer:
    """Adam; with --ema it also keeps w_avg <- m w_avg + (1 - m) w after every step (Polyak averaging)."""
    if args.ema:
        return keras.optimizers.Adam(learning_rate(args, steps_per_epoch), use_ema=True, ema_momentum=args.ema)
    return keras.optimizers.Adam(learning_rate(args, steps_per_epoch))


def read_history(log: Path) -> dict[str, list[float]]:
    with log.open() as f:
        rows = list(csv.DictReader(f))
    return {key: [float(row[key]) for row in rows] for key in rows[0] if key != "epoch"}


def run(args: argparse.Namespace, argv: list[str]) -> int:
    epochs, val_size = (1, 100) if args.quick else (args.epochs, args.val_size)
    try:
        arrays = load_npz(args.data) if args.data else data.download()
        splits = data.split(arrays, val_size, args.seed, QUICK_IMAGES if args.quick else None)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()
    out = out_path(args)
    workdir = Path(args.workdir) / out.stem
    if workdir.exists() and not args.resume:
        shutil.rmtree(workdir)  # a fresh run never picks up a stale checkpoint
    workdir.mkdir(parents=True, exist_ok=True)
    best = workdir / "best.keras"

    elastic = Elastic(args.elastic_sigma, args.elastic_alpha) if args.elastic else None
    train_ds = make_dataset(splits.x_train, splits.y_train, args.batch_size, args.seed, True, args.augment, elastic)
    val_ds = make_dataset(splits.x_val, splits.y_val, 512, args.seed, False, False)
    model = build_lenet5(args.activation, args.output)
    model.compile(
        optimizer=optimizer(args, len(train_ds)), **compile_args(args.loss, args.output == "rbf", args.label_smoothing)
    )
    drawn = drawn_validation(args, model)
    threshold = selection_value(load_model(best), val_ds, drawn) if best.exists() else None
    # With --ema, validation and the checkpoint see the averaged weights; the backup keeps the raw ones.
    averaging = [keras.callbacks.SwapEMAWeights(swap_on_epoch=True)] if args.ema else []
    callbacks = [
        keras.callbacks.BackupAndRestore(str(workdir / "backup")),  # restores the last finished epoch
        *averaging,
        *([drawn] if drawn else []),  # after the swap, before the checkpoint and the log that read its values
        keras.callbacks.ModelCheckpoint(
            str(best),
            monitor=SELECT if drawn else "val_loss",
            save_best_only=True,
            mode="min",
            initial_value_threshold=threshold,
        ),
        keras.callbacks.CSVLogger(str(workdir / "history.csv"), append=args.resume),
        keras.callbacks.ProgbarLogger(),  # listed here so its bar ends before the summary line
        EpochSummary(epochs),
    ]
    print(
        f"training {model.name} on {len(splits.x_train)} images, validating on {len(splits.x_val)}, "
        f"{epochs} epoch(s) of {len(train_ds)} steps",
        flush=True,
    )
    started = time.perf_counter()
    try:
        model.fit(
            train_ds, validation_data=val_ds, epochs=epochs, callbacks=callbacks, shuffle=False, verbose=1
        )  # the dataset shuffles itself
    except KeyboardInterrupt:
        print(
            f"\ninterrupted: the last finished epoch is saved in {workdir}; continue with "
            "the same command plus --resume",
            file=sys.stderr,
        )
        return 130
    wall = time.perf_counter() - started
    return finish(args, argv, splits, load_model(best), out, read_history(workdir / "history.csv"), wall)


def finish(args, argv, splits: data.Splits, model: keras.Model, out: Path, history: dict, wall: float) -> int:
    """Test the selected checkpoint once, save it and write its reports beside it."""
    probabilities = Network(model).probabilities(mnist_to_input(splits.x_test))
    metrics = report.test_metrics(splits.y_test, probabilities.argmax(axis=1))
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    best_epoch = selected_epoch(history)
    metrics.update(
        model=out.name,
        parameters=int(model.count_params()),
        trainable_parameters=int(sum(np.prod(w.shape) for w in model.trainable_weights)),
        epochs=len(history["loss"]),
        selected_epoch=best_epoch,
        val_error_pct=round(100 * (1 - history["val_accuracy"][best_epoch - 1]), 4),
        **drawn_metrics(history, best_epoch),
        wall_time_s=round(wall, 1),
        seed=args.seed,
        options=vars(args),
        command=shlex.join(["python", "-m", "train", *argv]),
        versions=report.versions(),
    )
    stem = out.with_suffix("")
    report.write_json(Path(f"{stem}.metrics.json"), metrics)
    report.plot_curves(history, Path(f"{stem}.curves.png"))
    report.plot_confusion(
        np.asarray(metrics["confusion_matrix"]),
        Path(f"{stem}.confusion.png"),
        f"{out.name}: test error {metrics['error_pct']:.2f} %",
    )
    print(
        f"selected epoch {best_epoch}; test error {metrics['error_pct']:.2f} % on {metrics['n']} images; "
        f"wrote {out} and its metrics/plots; {wall / 60:.1f} min",
        flush=True,
    )
    return 0
