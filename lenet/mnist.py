"""Reading and checking MNIST in Keras' npz layout (x_train y_train x_test y_test, uint8)."""

import zipfile
from pathlib import Path

import numpy as np

KEYS = ("x_train", "y_train", "x_test", "y_test")


class DataError(Exception):
    """The data cannot be used; the message says precisely why."""


def load_npz(path: str | Path, keys: tuple[str, ...] = KEYS) -> dict[str, np.ndarray]:
    """Read `keys` from an MNIST-layout npz and check each split; DataError names what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file.")
    try:
        loaded = np.load(path, allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
        raise DataError(f"{path}: not a readable .npz file ({err}).") from err
    if not isinstance(loaded, np.lib.npyio.NpzFile):  # a plain .npy holds one array, not the four
        raise DataError(f"{path}: a single array (.npy), not an .npz with keys {list(keys)}.")
    with loaded as npz:
        missing = [key for key in keys if key not in npz.files]
        if missing:
            raise DataError(f"{path}: missing key(s) {missing}; expected {list(keys)}.")
        try:
            arrays = {key: npz[key] for key in keys}
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
            raise DataError(f"{path}: an array in it cannot be read ({err}).") from err
    for split in sorted({key.split("_")[1] for key in keys}):
        try:
            check_split(arrays[f"x_{split}"], arrays[f"y_{split}"], split)
        except DataError as err:
            raise DataError(f"{path}: {err}") from err
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
