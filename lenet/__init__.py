"""LeNet-5 (LeCun et al., 1998) in Keras 3: the model, MNIST-style preprocessing, inference.

Importing this package registers the custom layers, so `keras.saving.load_model` can read any
model it saved.
"""

from lenet.inference import Forward, Network
from lenet import losses  # noqa: F401  (registers the training criteria for loading)
from lenet.layers import RBFOutput, SparseConv2D, Subsampling2D
from lenet.model import (
    CLASSIC_MODEL_PATH,
    DEFAULT_MODEL_PATH,
    ModelLoadError,
    build_lenet5,
    is_rbf,
    load_model,
    parameter_table,
    scores_to_probabilities,
)
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES, RBF_BITMAPS
from lenet.preprocess import (
    DigitImageError,
    InvalidImageError,
    NoDigitError,
    Preprocessed,
    mnist_to_input,
    preprocess,
)

__all__ = [
    "C3_CONNECTIONS", "CLASSIC_MODEL_PATH", "DEFAULT_MODEL_PATH", "DigitImageError", "Forward",
    "InvalidImageError", "LAYER_NAMES", "ModelLoadError", "Network", "NoDigitError", "Preprocessed",
    "RBFOutput", "RBF_BITMAPS", "SparseConv2D", "Subsampling2D", "build_lenet5", "is_rbf",
    "load_model", "mnist_to_input", "parameter_table", "preprocess", "scores_to_probabilities",
]
