"""Reading and checking MNIST in Keras' npz layout (x_train y_train x_test y_test, uint8)."""

import zipfile
from pathlib import Path

import numpy as np

KEYS = ("x_train", "y_train", "x_test", "y_test")
_READ_ERRORS = (OSError, ValueError, zipfile.BadZipFile, EOFError)  # numpy/zipfile on a damaged file
_EXPECTED = {"x": "integers 0-255 (uint8)", "y": "integer labels 0-9"}  # by the key's first letter
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}


class DataError(Exception):
    """The data cannot be used; the message says precisely why."""


def load_npz(path: str | Path, keys: tuple[str, ...] = KEYS) -> dict[str, np.ndarray]:
    """Read `keys` from an MNIST-layout npz and check each split; DataError names what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file.")
    try:
        loaded = np.load(path, allow_pickle=False)
    except _READ_ERRORS as err:
        raise DataError(f"{path}: not a readable .npz file ({err}).") from err
    if not isinstance(loaded, np.lib.npyio.NpzFile):  # a plain .npy holds one array, not the four
        raise DataError(f"{path}: a single array (.npy), not an .npz with keys {list(keys)}.")
    with loaded as npz:
        missing = [key for key in keys if key not in npz.files]
        if missing:
            raise DataError(f"{path}: missing key(s) {missing}; expected {list(keys)}.")
        try:
            with zipfile.ZipFile(path) as archive:  # headers first: one may claim far more than the file holds
                for key in keys:
                    check_header(archive, key)
            arrays = {key: npz[key] for key in keys}
        except DataError as err:
            raise DataError(f"{path}: {err}") from err
        except (*_READ_ERRORS, MemoryError) as err:
            raise DataError(f"{path}: an array in it cannot be read ({type(err).__name__}: {err}).") from err
    for split in sorted({key.split("_")[1] for key in keys}):
        try:
            check_split(arrays[f"x_{split}"], arrays[f"y_{split}"], split)
        except DataError as err:
            raise DataError(f"{path}: {err}") from err
    return arrays


def check_header(archive: zipfile.ZipFile, key: str) -> None:
    """Refuse an array whose header claims more bytes than its member holds, or a non-numeric dtype,
    before numpy allocates it (a 1 KB file can claim 730 GiB)."""
    info = archive.getinfo(f"{key}.npy")
    with archive.open(info) as member:
        version = np.lib.format.read_magic(member)
        reader = _HEADER_READERS.get(version)
        if reader is None:  # format 3.0 (UTF-8 field names): numpy's own checks apply
            return
        shape, _, dtype = reader(member)
        header_bytes = member.tell()
    if dtype.kind not in "biu":
        raise DataError(f"{key} must hold {_EXPECTED[key[0]]}, got {dtype}.")
    claimed = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if claimed > info.file_size - header_bytes:
        raise DataError(
            f"{key} claims shape {shape} ({claimed / 2**30:.1f} GiB) but the file holds only "
            f"{info.file_size:,} bytes for it: the file is damaged or not what it says."
        )


def check_split(x: np.ndarray, y: np.ndarray, split: str) -> None:
    """Images (N, 28, 28) of 0-255 integers and N labels in 0-9, N >= 1."""
    if x.ndim != 3 or x.shape[1:] != (28, 28) or len(x) == 0:
        raise DataError(f"x_{split} has shape {x.shape}; expected (N, 28, 28) with N >= 1.")
    # The dtype is checked before min/max: those fail on strings (the message must not crash).
    if not np.issubdtype(x.dtype, np.integer) or x.min() < 0 or x.max() > 255:
        raise DataError(f"x_{split} must hold {_EXPECTED['x']}, got {x.dtype}{_range(x)}.")
    if y.shape != (len(x),):
        raise DataError(f"y_{split} has shape {y.shape}; expected ({len(x)},), one label per image.")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() > 9:
        raise DataError(f"y_{split} must hold {_EXPECTED['y']}, got {y.dtype}{_range(y)}.")


def _range(a: np.ndarray) -> str:
    """' in [min, max]' for numbers (bool included), '' for anything min/max cannot order."""
    numeric = (np.issubdtype(a.dtype, np.number) or a.dtype == bool) and not np.iscomplexobj(a)
    return f" in [{a.min()}, {a.max()}]" if numeric and a.size else ""
