"""MNIST loading, validation and splitting (Keras' npz layout: x_train y_train x_test y_test)."""

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

KEYS = ("x_train", "y_train", "x_test", "y_test")


class DataError(Exception):
    """The data cannot be used; the message says precisely why."""


@dataclass(frozen=True)
class Splits:
    x_train: np.ndarray  # (N, 28, 28) uint8
    y_train: np.ndarray  # (N,) int
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def load_npz(path: str | Path) -> dict[str, np.ndarray]:
    """Read and check an MNIST-layout npz; raise DataError naming the first thing wrong."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file.")
    try:
        loaded = np.load(path, allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
        raise DataError(f"{path}: not a readable .npz file ({err}).") from err
    if not isinstance(loaded, np.lib.npyio.NpzFile):  # a plain .npy holds one array, not the four
        raise DataError(f"{path}: a single array (.npy), not an .npz with keys {list(KEYS)}.")
    with loaded as npz:
        missing = [key for key in KEYS if key not in npz.files]
        if missing:
            raise DataError(f"{path}: missing key(s) {missing}; expected {list(KEYS)}.")
        try:
            arrays = {key: npz[key] for key in KEYS}
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
            raise DataError(f"{path}: an array in it cannot be read ({err}).") from err
    for split in ("train", "test"):
        check_split(arrays[f"x_{split}"], arrays[f"y_{split}"], split)
    return arrays


def check_split(x: np.ndarray, y: np.ndarray, split: str) -> None:
    """Images (N, 28, 28) of 0-255 integers and N labels in 0-9, N >= 1."""
    if x.ndim != 3 or x.shape[1:] != (28, 28) or len(x) == 0:
        raise DataError(f"x_{split} has shape {x.shape}; expected (N, 28, 28) with N >= 1.")
    if not np.issubdtype(x.dtype, np.integer) or x.min() < 0 or x.max() > 255:
        raise DataError(f"x_{split} must hold integers 0-255 (uint8), got {x.dtype} in [{x.min()}, {x.max()}].")
    if y.shape != (len(x),):
        raise DataError(f"y_{split} has shape {y.shape}; expected ({len(x)},), one label per image.")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() > 9:
        raise DataError(f"y_{split} must hold integer labels 0-9, got {y.dtype} in [{y.min()}, {y.max()}].")


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
    val_size = min(val_size, len(order) // 5) if len(order) < 5 * val_size else val_size
    val, train = order[:val_size], order[val_size:]
    x_test, y_test = arrays["x_test"], arrays["y_test"].astype(np.int64)
    if limit is not None:
        x_test, y_test = x_test[:limit], y_test[:limit]
    return Splits(x[train], y[train], x[val], y[val], x_test, y_test)
