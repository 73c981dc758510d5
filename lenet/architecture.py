"""LeNet-5 as this package builds it, as data, and the error for a file that is not one. No Keras here.

`lenet.model.build_lenet5` builds it; the Keras loader (`lenet.model.load_model`) and the NumPy engine
(`lenet.engine`) refuse any file that is not it, with the same ModelLoadError messages. A test checks
that these facts are what `build_lenet5` builds (tests/test_engine_parts.py).
"""

from pathlib import Path

from lenet.paper import C3_CONNECTIONS

INPUT_SHAPE = (32, 32, 1)
NUM_CLASSES = 10
OUTPUTS = ("softmax", "rbf")
TRAIN_HINT = "Train one with: python -m train --data ../shared/data/mnist.npz"
C3_KERNELS = sum(len(maps) for maps in C3_CONNECTIONS)  # 60 kernels of 5x5 (Table I)

# Each paper layer's Keras class, and the shapes of its weights in Keras' order (get_weights, the .h5 file).
KINDS = {
    "C1": "Conv2D",
    "S2": "Subsampling2D",
    "C3": "SparseConv2D",
    "S4": "Subsampling2D",
    "C5": "Conv2D",
    "F6": "Dense",
}
OUTPUT_KINDS = {"softmax": "Dense", "rbf": "RBFOutput"}
WEIGHT_SHAPES = {
    "C1": ((5, 5, 1, 6), (6,)),  # kernel, bias
    "S2": ((6,), (6,)),  # beta, bias
    "C3": ((5, 5, C3_KERNELS), (16,)),  # packed kernel, bias
    "S4": ((16,), (16,)),
    "C5": ((5, 5, 16, 120), (120,)),
    "F6": ((120, 84), (84,)),
}
OUTPUT_SHAPES = {"softmax": ((84, NUM_CLASSES), (NUM_CLASSES,)), "rbf": ((NUM_CLASSES, 84),)}  # rbf: centres


def layer_kinds(output: str) -> dict[str, str]:
    """{paper layer name: Keras class name} for a LeNet-5 with this OUTPUT ("softmax" or "rbf")."""
    return KINDS | {"OUTPUT": OUTPUT_KINDS[output]}


def weight_shapes(output: str) -> dict[str, tuple[tuple[int, ...], ...]]:
    """{paper layer name: shapes of its weights, in Keras' order} for a LeNet-5 with this OUTPUT."""
    return WEIGHT_SHAPES | {"OUTPUT": OUTPUT_SHAPES[output]}


class ModelLoadError(RuntimeError):
    """A model file is missing, unreadable or not a LeNet-5 saved by this package."""


def missing(path: Path) -> ModelLoadError:
    return ModelLoadError(f"No model file at {path}. {TRAIN_HINT}")


def not_a_zip(path: Path) -> ModelLoadError:
    return ModelLoadError(
        f"Could not read the model file {path}: it is corrupt or not a .keras file "
        f"(a .keras file is a zip archive). {TRAIN_HINT}"
    )


def unreadable(path: Path, err: Exception) -> ModelLoadError:
    return ModelLoadError(
        f"Could not read the model file {path}: it is corrupt or was not saved by this package ({err}). {TRAIN_HINT}"
    )


def not_lenet5(path: Path, problem: str) -> ModelLoadError:
    return ModelLoadError(f"{path} is not a LeNet-5 from this package: {problem}. {TRAIN_HINT}")
