"""LeNet-5 (LeCun et al., 1998) in Keras 3: the model, MNIST-style preprocessing, inference.

`import lenet` is light (NumPy and Pillow): preprocessing, the paper's constants, the model paths, what a
forward pass returns (`Forward`) and the loading error load at once; `lenet.engine` serves a saved model
with NumPy alone, and the app serves with it, never importing TensorFlow (~6 s, ~500 MB). The first use of any
model name (`lenet.Network`, `lenet.load_model`, `lenet.build_lenet5`, ...) imports Keras and
`lenet.layers`, which registers the custom layers, activation and training criteria with Keras.
To read a saved LeNet-5 with Keras' own loader, do as for any Keras custom layer: `import lenet.layers`
first (or pass `custom_objects`), then `keras.saving.load_model(path)`.
"""

import importlib

from lenet.architecture import ModelLoadError
from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH
from lenet.forward import Forward, scores_to_probabilities
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES, RBF_BITMAPS
from lenet.preprocess import (
    DigitImageError,
    InvalidImageError,
    NoDigitError,
    Preprocessed,
    mnist_to_input,
    preprocess,
)

# Names that need Keras (and TensorFlow), by the module that defines them: imported on first use.
_HEAVY = {
    "lenet.inference": ("Network",),
    "lenet.layers": ("RBFOutput", "SparseConv2D", "Subsampling2D"),
    "lenet.model": ("build_lenet5", "is_rbf", "load_model", "parameter_table"),
}


def load_keras_parts() -> None:
    """Import the Keras half of the package (and so TensorFlow); `lenet.layers` registers what loading needs."""
    for module, names in _HEAVY.items():
        loaded = importlib.import_module(module)
        globals().update({name: getattr(loaded, name) for name in names})


def __getattr__(name: str):
    if any(name in names for names in _HEAVY.values()):
        load_keras_parts()
        return globals()[name]
    raise AttributeError(f"module 'lenet' has no attribute {name!r}")


__all__ = [
    "C3_CONNECTIONS",
    "CLASSIC_MODEL_PATH",
    "DEFAULT_MODEL_PATH",
    "LAYER_NAMES",
    "RBF_BITMAPS",
    "DigitImageError",
    "Forward",
    "InvalidImageError",
    "ModelLoadError",
    "Network",
    "NoDigitError",
    "Preprocessed",
    "RBFOutput",
    "SparseConv2D",
    "Subsampling2D",
    "build_lenet5",
    "is_rbf",
    "load_model",
    "mnist_to_input",
    "parameter_table",
    "preprocess",
    "scores_to_probabilities",
]
