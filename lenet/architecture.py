"""LeNet-5 as this package builds it, as data, and the error for a file that is not one. No Keras here.

`lenet.model.build_lenet5` builds it; the Keras loader (`lenet.model.load_model`) and the NumPy engine
(`lenet.engine`) refuse any file that is not it, with the same ModelLoadError messages. A test checks
that these facts are what `build_lenet5` builds (tests/test_engine_parts.py; the parameter table, against
`lenet.model.parameter_table`, in tests/test_lab_engine.py).
"""

import math
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
# Each paper layer's output for one image, as Keras' model gives it (C5 before the flatten).
MAP_SHAPES = {
    "C1": (28, 28, 6),
    "S2": (14, 14, 6),
    "C3": (10, 10, 16),
    "S4": (5, 5, 16),
    "C5": (1, 1, 120),
    "F6": (84,),
    "OUTPUT": (NUM_CLASSES,),
}


def layer_kinds(output: str) -> dict[str, str]:
    """{paper layer name: Keras class name} for a LeNet-5 with this OUTPUT ("softmax" or "rbf")."""
    return KINDS | {"OUTPUT": OUTPUT_KINDS[output]}


def weight_shapes(output: str) -> dict[str, tuple[tuple[int, ...], ...]]:
    """{paper layer name: shapes of its weights, in Keras' order} for a LeNet-5 with this OUTPUT."""
    return WEIGHT_SHAPES | {"OUTPUT": OUTPUT_SHAPES[output]}


def parameter_table(output: str, frozen: frozenset[str] = frozenset()) -> list[dict]:
    """`lenet.model.parameter_table`'s rows from these facts, without Keras: per paper layer its output shape
    and trainable and non-trainable parameter counts. Fixed are the RBF output's centres (the paper's bitmaps,
    never learned) and every weight of the layers in `frozen` (saved with trainable off: a fine-tuned model's)."""
    rows = []
    for name, shapes in weight_shapes(output).items():
        count = sum(math.prod(shape) for shape in shapes)
        fixed = name in frozen or (name == "OUTPUT" and output == "rbf")
        rows.append(
            {
                "layer": name,
                "output_shape": MAP_SHAPES[name],
                "trainable": 0 if fixed else count,
                "non_trainable": count if fixed else 0,
            }
        )
    return rows


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
