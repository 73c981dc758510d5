"""A second validation set: canvas digits as a class draws them, for choosing the checkpoint (issue 27).

MNIST's validation digits come from the writers of its training digits; a class's drawings do not (thin pens,
markers, tiny digits in a corner, 1s with a flag). A recipe can win on MNIST and read drawings worse, so with
`--drawn-val N` every epoch is also scored on N drawings of each style in STYLES, made by testkit/drawn_styles.py
with a seed of their own (SEED: the drawn checks and benchmarks use seeds 0-4) and put through the app's
preprocessing. The drawings are the same whatever --seed, so runs can be compared on them. The checkpoint kept is
the one with the lowest SELECT = val_loss + val_drawn_loss, both in the training criterion (cross-entropy, or what
--loss and --label-smoothing make it).
"""

import argparse

import keras
import numpy as np

STYLES = ("ordinary", "thin", "thick", "tiny_corner")  # every digit in each; not the single-digit diagnostics
SEED = 1000  # far from the seeds the checks and bench.drawn use
SELECT = "val_select_loss"  # the logged key ModelCheckpoint monitors


def drawn_set(per_style: int) -> tuple[np.ndarray, np.ndarray]:
    """(per_style * len(STYLES), 32, 32, 1) float32 model inputs and their (n,) int64 labels."""
    from testkit.drawn_styles import model_inputs

    parts = [model_inputs(name, per_style, SEED) for name in STYLES]
    return np.concatenate([x for x, _ in parts]), np.concatenate([y for _, y in parts])


class DrawnValidation(keras.callbacks.Callback):
    """Adds val_drawn_loss, val_drawn_error (%) and SELECT to each epoch's logs.

    List it after SwapEMAWeights (so it scores the averaged weights, as the checkpoint saves them) and before
    ModelCheckpoint and CSVLogger (which read the logs it adds)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, loss, rbf: bool, batch_size: int = 512):
        """`loss`: the training criterion as model.compile took it (a name or a callable); `rbf`: the OUTPUT
        gives penalties (the smallest wins) rather than probabilities."""
        super().__init__()
        self.x, self.y, self.batch_size = x, y, batch_size
        self.loss, self.rbf = keras.losses.get(loss), rbf

    def score(self, model: keras.Model) -> tuple[float, float]:
        """(loss, error %) of `model` on the drawings."""
        outputs = np.concatenate(
            [
                keras.ops.convert_to_numpy(model(self.x[i : i + self.batch_size], training=False))
                for i in range(0, len(self.x), self.batch_size)
            ]
        )  # (n, 10): probabilities, or the RBF output's penalties
        loss = float(np.mean(keras.ops.convert_to_numpy(self.loss(self.y, outputs))))
        scores = -outputs if self.rbf else outputs
        return loss, 100.0 * float(np.mean(scores.argmax(axis=1) != self.y))

    def on_epoch_end(self, epoch, logs=None):
        logs["val_drawn_loss"], logs["val_drawn_error"] = self.score(self.model)
        logs[SELECT] = logs["val_loss"] + logs["val_drawn_loss"]


def drawn_validation(args: argparse.Namespace, model: keras.Model) -> DrawnValidation | None:
    """--drawn-val's callback, or None without it."""
    if not args.drawn_val:
        return None
    x, y = drawn_set(args.drawn_val)
    return DrawnValidation(x, y, model.loss, args.output == "rbf")


def selection_value(model: keras.Model, val_ds, drawn: DrawnValidation | None) -> float:
    """What the checkpoint is chosen by, for a saved model (a resumed run's best so far)."""
    val_loss = model.evaluate(val_ds, verbose=0)[0]
    return val_loss + drawn.score(model)[0] if drawn else val_loss


def selected_epoch(history: dict) -> int:
    """The epoch (from 1) ModelCheckpoint kept: the lowest SELECT with --drawn-val, else the lowest val_loss."""
    return int(np.argmin(history[SELECT if SELECT in history else "val_loss"])) + 1


def drawn_metrics(history: dict, epoch: int) -> dict:
    """The selected epoch's --drawn-val figures, for the metrics JSON (none without it)."""
    if "val_drawn_loss" not in history:
        return {}
    return {
        "val_drawn_loss": round(history["val_drawn_loss"][epoch - 1], 5),
        "val_drawn_error_pct": round(history["val_drawn_error"][epoch - 1], 4),
    }
