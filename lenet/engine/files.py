"""Read an engine from the files the app serves: a `.keras` model, or Watch it learn's weights.npz.

A `.keras` file is a zip of config.json (the architecture) and model.weights.h5 (the arrays), read here
with json and h5py: no Keras. Any failure is a lenet.ModelLoadError with the same message Keras' loader
(`lenet.model.load_model`) gives, so the app's handling is one for both.
"""

import io
import json
import re
import zipfile
from pathlib import Path

import h5py
import numpy as np

from lenet import architecture
from lenet.activations import ACTIVATIONS
from lenet.architecture import OUTPUTS, weight_shapes
from lenet.engine.check import Mismatch, describe, frozen_layers
from lenet.engine.network import HIDDEN, Engine, by_layer

CONFIG, WEIGHTS = "config.json", "model.weights.h5"
MAX_MEMBER = 64 * 2**20  # bytes: a LeNet-5's weights take 0.8 MB; refuse a member that claims far more


def load_model(path: str | Path) -> Engine:
    """The engine of a `.keras` LeNet-5 saved by this package; ModelLoadError with a fix otherwise."""
    path = Path(path)
    if not path.is_file():
        raise architecture.missing(path)
    if not zipfile.is_zipfile(path):
        raise architecture.not_a_zip(path)
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(_member(archive, CONFIG))
            h5_bytes = _member(archive, WEIGHTS)
        output, activations = describe(config)
        frozen = frozen_layers(config)
        with h5py.File(io.BytesIO(h5_bytes), "r") as h5:
            weights = _read_h5(h5, config["config"]["layers"], output)
    except Mismatch as err:
        raise architecture.not_lenet5(path, str(err)) from err
    except (OSError, KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile) as err:  # damaged, foreign
        raise architecture.unreadable(path, err) from err
    return Engine(weights, activations, output, frozen)


def load_weights(path: str | Path, activation: str = "scaled_tanh") -> Engine:
    """The engine of Watch it learn's weights.npz (arr_0 ... in Keras' get_weights() order, written by
    train.live_worker.save_model). The file holds no architecture: OUTPUT's kind follows from the number
    of arrays (13 for rbf, 14 for softmax); the activation is the caller's (build_lenet5's by default)."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}; choose one of {sorted(ACTIVATIONS)}.")
    path = Path(path)
    if not path.is_file():
        raise architecture.missing(path)
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = [npz[f"arr_{i}"] for i in range(len(npz.files))]
    except (OSError, KeyError, ValueError, TypeError, AttributeError, EOFError, zipfile.BadZipFile) as err:
        raise architecture.unreadable(path, err) from err  # damaged, or one array (.npy) instead of an .npz
    counts = {sum(len(s) for s in weight_shapes(output).values()): output for output in OUTPUTS}  # 14, 13
    if len(arrays) not in counts:
        raise architecture.not_lenet5(path, f"it holds {len(arrays)} arrays, not {' or '.join(map(str, counts))}")
    output = counts[len(arrays)]
    try:
        return Engine(by_layer(arrays, output), dict.fromkeys(HIDDEN, activation), output)
    except ValueError as err:  # a shape that is not LeNet-5's
        raise architecture.not_lenet5(path, str(err).rstrip(".")) from err


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)  # KeyError: not in the archive
    if info.file_size > MAX_MEMBER:
        raise ValueError(f"{name} claims {info.file_size:,} bytes")
    return archive.read(info)


def _read_h5(h5: h5py.File, layers: list[dict], output: str) -> dict[str, tuple[np.ndarray, ...]]:
    """{paper layer: its arrays}, found where Keras' saving put them; Mismatch if a shape or dtype differs."""
    groups = _h5_groups(layers)
    weights = {}
    for name, want in weight_shapes(output).items():
        variables = h5[f"{groups[name]}/vars"]
        arrays = tuple(np.asarray(variables[str(i)]) for i in range(len(variables)))
        got = tuple(a.shape for a in arrays)
        if got != want or any(a.dtype != np.float32 for a in arrays):
            raise Mismatch(f"{name} has weights {[f'{a.dtype} {a.shape}' for a in arrays]}, not float32 {list(want)}")
        weights[name] = arrays
    return weights


def _h5_groups(layers: list[dict]) -> dict[str, str]:
    """{layer name: its group in model.weights.h5}. Keras names a model's layers there by class, in the
    model's order, not by their own names: layers/conv2d (C1), layers/subsampling2d (S2), ...,
    layers/conv2d_1 (C5) (keras.src.saving.saving_lib, `_save_container_state`)."""
    used: dict[str, int] = {}
    groups = {}
    for layer in layers:
        base = _snake_case(layer["class_name"])
        used[base] = used.get(base, -1) + 1
        groups[layer["config"]["name"]] = f"layers/{base}" + (f"_{used[base]}" if used[base] else "")
    return groups


def _snake_case(name: str) -> str:
    """Keras' `naming.to_snake_case`: "SparseConv2D" -> "sparse_conv2d", "RBFOutput" -> "rbf_output"."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
