"""What a training run leaves beside the weights: metrics JSON, curves and confusion-matrix PNGs."""

import json
import platform
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, never a window
import matplotlib.pyplot as plt
import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, classes: int = 10) -> np.ndarray:
    """(classes, classes) counts; row = true label, column = prediction."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def test_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """Accuracy, error %, per-class accuracy and the confusion matrix of one evaluation."""
    matrix = confusion_matrix(y_true, y_pred)
    per_class = np.diag(matrix) / np.maximum(matrix.sum(axis=1), 1)
    accuracy = float(np.mean(y_true == y_pred))
    return {
        "n": len(y_true),
        "accuracy": accuracy,
        "error_pct": round(100.0 * (1.0 - accuracy), 4),
        "per_class": [round(float(a), 6) for a in per_class],
        "confusion_matrix": matrix.tolist(),
    }


def versions() -> dict:
    import keras
    import tensorflow as tf

    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "machine": f"{platform.machine()}, {platform.system()}",
    }


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n")


def plot_curves(history: dict, path: Path) -> None:
    """Loss and error per epoch, training vs validation (and the drawings' validation, with --drawn-val)."""
    fig, (ax_loss, ax_err) = plt.subplots(1, 2, figsize=(10, 4))
    epochs = np.arange(1, len(history["loss"]) + 1)
    for split, style in (("", "-"), ("val_", "--")):
        label = "validation" if split else "training"
        ax_loss.plot(epochs, history[f"{split}loss"], style, label=label)
        ax_err.plot(epochs, 100 * (1 - np.asarray(history[f"{split}accuracy"])), style, label=label)
    if "val_drawn_loss" in history:
        ax_loss.plot(epochs, history["val_drawn_loss"], ":", label="drawings (validation)")
        ax_err.plot(epochs, history["val_drawn_error"], ":", label="drawings (validation)")
    ax_loss.set(title="Loss", xlabel="epoch")
    ax_err.set(title="Error (%)", xlabel="epoch", yscale="log")
    for ax in (ax_loss, ax_err):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_confusion(matrix: np.ndarray, path: Path, title: str) -> None:
    """Confusion matrix with counts written in each non-zero cell."""
    fig, ax = plt.subplots(figsize=(6, 5.4))
    shown = np.log1p(matrix)  # the diagonal would drown every mistake on a linear scale
    ax.imshow(shown, cmap="viridis")
    for (row, col), count in np.ndenumerate(matrix):
        if count:
            ax.text(
                col,
                row,
                str(count),
                ha="center",
                va="center",
                fontsize=7,
                color="black" if shown[row, col] > 0.6 * shown.max() else "white",
            )
    ax.set(title=title, xlabel="predicted", ylabel="true", xticks=range(10), yticks=range(10))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
