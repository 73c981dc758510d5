"""MNIST loading, validation and splitting (Keras' npz layout: x_train y_train x_test y_test)."""

from dataclasses import dataclass

import numpy as np

from lenet.mnist import DataError


@dataclass(frozen=True)
class Splits:
    x_train: np.ndarray  # (N, 28, 28) uint8
    y_train: np.ndarray  # (N,) int
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def download() -> dict[str, np.ndarray]:
    """Keras' own MNIST download (needs the internet)."""
    import keras

    try:
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as err:  # urllib/HTTP/SSL errors all mean "no internet" here
        raise DataError(
            f"Could not download MNIST ({type(err).__name__}). Offline? Pass a local copy with "
            "--data PATH (an npz with x_train, y_train, x_test, y_test)."
        ) from err
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def split(arrays: dict[str, np.ndarray], val_size: int, seed: int, limit: int | None = None) -> Splits:
    """Carve a seeded random validation set out of the training set; the test set stays untouched."""
    x, y = arrays["x_train"], arrays["y_train"].astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(x))
    if limit is not None:  # --quick: a few hundred images
        order = order[: limit + val_size]
    if len(order) < 2:
        raise DataError(f"x_train has {len(x)} image(s); training needs at least 2 (one is held out to validate).")
    if len(order) < 5 * val_size:  # a small set: validate on a fifth of it, but on one image at least
        val_size = max(1, min(val_size, len(order) // 5))
    val, train = order[:val_size], order[val_size:]
    x_test, y_test = arrays["x_test"], arrays["y_test"].astype(np.int64)
    if limit is not None:
        x_test, y_test = x_test[:limit], y_test[:limit]
    return Splits(x[train], y[train], x[val], y[val], x_test, y_test)
