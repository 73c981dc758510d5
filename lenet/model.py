"""Build, load and describe LeNet-5 as in LeCun et al. (1998), Fig. 2."""

import zipfile
from pathlib import Path

import keras
import numpy as np

from lenet import architecture
from lenet.activations import get_activation
from lenet.architecture import INPUT_SHAPE, NUM_CLASSES, OUTPUTS, TRAIN_HINT, ModelLoadError
from lenet.assets import DEFAULT_MODEL_PATH
from lenet.forward import scores_to_probabilities
from lenet.layers import RBFOutput, SparseConv2D, Subsampling2D
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES

__all__ = [  # the shared names are re-exported: lenet.model is where callers have always found them
    "INPUT_SHAPE",
    "NUM_CLASSES",
    "OUTPUTS",
    "TRAIN_HINT",
    "ModelLoadError",
    "build_lenet5",
    "is_rbf",
    "lenet5_mismatch",
    "load_model",
    "parameter_table",
    "scores_to_probabilities",
]


def build_lenet5(activation: str = "scaled_tanh", output: str = "softmax") -> keras.Model:
    """LeNet-5 with layers named C1 S2 C3 S4 C5 F6 OUTPUT.

    Args:
        activation: "scaled_tanh" (the paper), "sigmoid" (the seed) or "relu".
        output: "softmax" (a dense softmax layer, the seed) or "rbf" (the paper's Gaussian connections).
    """
    if output not in OUTPUTS:
        raise ValueError(f"Unknown output {output!r}; choose one of {list(OUTPUTS)}.")
    act = get_activation(activation)
    inputs = keras.Input(shape=INPUT_SHAPE, name="input")  # (B, 32, 32, 1)
    x = keras.layers.Conv2D(6, 5, activation=act, name="C1")(inputs)  # (B, 28, 28, 6)
    x = Subsampling2D(act, name="S2")(x)  # (B, 14, 14, 6)
    x = SparseConv2D(C3_CONNECTIONS, 5, act, name="C3")(x)  # (B, 10, 10, 16)
    x = Subsampling2D(act, name="S4")(x)  # (B, 5, 5, 16)
    x = keras.layers.Conv2D(120, 5, activation=act, name="C5")(x)  # (B, 1, 1, 120)
    x = keras.layers.Flatten(name="flatten")(x)  # (B, 120)
    x = keras.layers.Dense(84, activation=act, name="F6")(x)  # (B, 84)
    if output == "softmax":
        outputs = keras.layers.Dense(NUM_CLASSES, activation="softmax", name="OUTPUT")(x)
    else:
        outputs = RBFOutput(name="OUTPUT")(x)  # (B, 10) penalties
    return keras.Model(inputs, outputs, name=f"lenet5_{output}_{activation}")


def is_rbf(model: keras.Model) -> bool:
    """True if the model ends in the paper's RBF layer (outputs are penalties, not probabilities)."""
    return isinstance(model.get_layer("OUTPUT"), RBFOutput)


def load_model(path: str | Path = DEFAULT_MODEL_PATH) -> keras.Model:
    """Load a .keras LeNet-5 (safe_mode on), raising ModelLoadError with a fix on any failure.

    Keras finds the custom layers, activation and criteria because this module imports `lenet.layers`,
    which registers them (see lenet/layers/__init__.py).
    """
    path = Path(path)
    if not path.is_file():
        raise architecture.missing(path)
    if not zipfile.is_zipfile(path):  # Keras would call it "File not found"
        raise architecture.not_a_zip(path)
    try:
        model = keras.saving.load_model(path)
    except Exception as err:  # Keras raises many types for a bad file; all mean the same to a user.
        raise architecture.unreadable(path, err) from err
    problem = lenet5_mismatch(model)
    if problem:
        raise architecture.not_lenet5(path, problem)
    return model


def lenet5_mismatch(model: keras.Model) -> str | None:
    """What differs from `build_lenet5`'s architecture (names, layer types, output shapes, parameter
    counts), or None: names alone would accept any model whose layers were renamed C1...OUTPUT."""
    layers = {layer.name: layer for layer in model.layers}
    missing = [name for name in LAYER_NAMES if name not in layers]
    if missing:
        return f"missing layer(s) {missing}"
    if tuple(model.input_shape[1:]) != INPUT_SHAPE:
        return f"its input is {model.input_shape[1:]}, not {INPUT_SHAPE}"
    reference = build_lenet5(output="rbf" if is_rbf(model) else "softmax")
    for name in LAYER_NAMES:
        kind = type(reference.get_layer(name)).__name__
        if type(layers[name]).__name__ != kind:
            return f"{name} is a {type(layers[name]).__name__} layer, not a {kind}"
    for got, want in zip(parameter_table(model), parameter_table(reference)):
        # Totals, not trainable counts: a network fine-tuned with some layers frozen is still LeNet-5.
        got_n, want_n = got["trainable"] + got["non_trainable"], want["trainable"] + want["non_trainable"]
        if (got["output_shape"], got_n) != (want["output_shape"], want_n):
            return (
                f"{got['layer']} has output {got['output_shape']} and {got_n} parameters, "
                f"not {want['output_shape']} and {want_n}"
            )
    return None


def parameter_table(model: keras.Model) -> list[dict]:
    """One row per paper layer: name, output shape, trainable and non-trainable parameter counts."""
    rows = []
    for name in LAYER_NAMES:
        layer = model.get_layer(name)
        rows.append(
            {
                "layer": name,
                "output_shape": tuple(layer.output.shape[1:]),
                "trainable": int(sum(np.prod(w.shape) for w in layer.trainable_weights)),
                "non_trainable": int(sum(np.prod(w.shape) for w in layer.non_trainable_weights)),
            }
        )
    return rows
