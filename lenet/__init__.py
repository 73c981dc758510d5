"""LeNet-5 (LeCun et al., 1998) in Keras 3: the model, MNIST-style preprocessing, inference.

`import lenet` is light (NumPy and Pillow): preprocessing, the paper's constants and the model paths
load at once, so the app can draw its page before TensorFlow is imported (~6 s). The first use of any
model name (`lenet.Network`, `lenet.load_model`, `lenet.build_lenet5`, ...) imports Keras and registers
the custom layers and training criteria, so they are registered before any model load through this
package. And whenever Keras itself gets imported — before or after `import lenet` — they are registered
too, so `import lenet` then `keras.saving.load_model(path)` reads any model this package saved.
"""

import importlib
import importlib.abc
import importlib.util
import sys

from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH
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
    "lenet.inference": ("Forward", "Network"),
    "lenet.layers": ("RBFOutput", "SparseConv2D", "Subsampling2D"),
    "lenet.model": ("ModelLoadError", "build_lenet5", "is_rbf", "load_model", "parameter_table",
                    "scores_to_probabilities"),
}


def register_keras_objects() -> None:
    """Register the custom layers, activation and training criteria with Keras (imports Keras only)."""
    for module in ("lenet.activations", "lenet.layers", "lenet.losses"):
        importlib.import_module(module)


def load_keras_parts() -> None:
    """Import the Keras half of the package (and so TensorFlow), registering everything for loading."""
    register_keras_objects()
    for module, names in _HEAVY.items():
        loaded = importlib.import_module(module)
        globals().update({name: getattr(loaded, name) for name in names})


def __getattr__(name: str):
    if any(name in names for names in _HEAVY.values()):
        load_keras_parts()
        return globals()[name]
    raise AttributeError(f"module 'lenet' has no attribute {name!r}")


class _RegisterAfterKeras(importlib.abc.MetaPathFinder):
    """Finds nothing itself: it makes the import of Keras, whoever imports it, end by registering
    lenet's objects. (TensorFlow also *looks up* Keras' spec without importing it: only a real
    import, when the spec's module is executed, counts.)"""

    looking = False  # True while this finder asks the other finders for Keras' real spec

    def find_spec(self, fullname, path, target=None):
        if fullname != "keras" or self.looking:
            return None
        self.looking = True
        try:
            spec = importlib.util.find_spec("keras")
        finally:
            self.looking = False
        run_keras = spec.loader.exec_module

        def exec_module(module):
            run_keras(module)
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            register_keras_objects()  # not TensorFlow itself: Keras may be loading from inside its import

        spec.loader.exec_module = exec_module
        return spec


if "keras" in sys.modules:  # Keras is paid for already: register now
    register_keras_objects()
else:
    sys.meta_path.insert(0, _RegisterAfterKeras())

__all__ = [
    "C3_CONNECTIONS", "CLASSIC_MODEL_PATH", "DEFAULT_MODEL_PATH", "DigitImageError", "Forward",
    "InvalidImageError", "LAYER_NAMES", "ModelLoadError", "Network", "NoDigitError", "Preprocessed",
    "RBFOutput", "RBF_BITMAPS", "SparseConv2D", "Subsampling2D", "build_lenet5", "is_rbf",
    "load_model", "mnist_to_input", "parameter_table", "preprocess", "scores_to_probabilities",
]
