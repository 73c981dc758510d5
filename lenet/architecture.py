"""LeNet-5 as this package builds it, as data, and the error for a file that is not one. No Keras here.

`layer_specs(output)` is the one table of its seven layers (a `LayerSpec` each: kind, input, maps, window,
stride, output shape, weights' shapes and names; parameter count and caption derived). The engine's checks,
the lab's tables, the glance strip's labels and the app's layer titles and counts read it; `build_lenet5`
spells the same layers out as Keras code, and a test checks the two agree (tests/test_engine_parts.py).
`lenet.model.build_lenet5` builds it; the Keras loader (`lenet.model.load_model`) and the NumPy engine
(`lenet.engine`) refuse any file that is not it, with the same ModelLoadError messages. A test checks
that these facts are what `build_lenet5` builds (tests/test_engine_parts.py; the parameter table, against
`lenet.model.parameter_table`, in tests/test_lab_engine.py).
"""

import math
from dataclasses import dataclass
from pathlib import Path

from lenet.paper import C3_CONNECTIONS

INPUT_SHAPE = (32, 32, 1)
NUM_CLASSES = 10
OUTPUTS = ("softmax", "rbf")
TRAIN_HINT = "Train one with: python -m train --data ../shared/data/mnist.npz"
C3_KERNELS = sum(len(maps) for maps in C3_CONNECTIONS)  # 60 kernels of 5x5 (Table I)


@dataclass(frozen=True)
class LayerSpec:
    """One paper layer of LeNet-5 as this package builds it: the one table every per-layer fact comes from."""

    name: str  # the paper's name
    kind: str  # the Keras class
    input: str  # the layer it reads ("input" for the image)
    maps: int  # feature maps (C1-S4) or units (C5, F6, OUTPUT)
    window: int  # kernel side (C1, C3, C5) or pooling side (S2, S4); 0 where fully connected
    stride: int
    output_shape: tuple[int, ...]  # one image's output, as Keras' model gives it (C5 before the flatten)
    weight_shapes: tuple[tuple[int, ...], ...]  # in Keras' order (get_weights, the .h5 file)
    weight_names: tuple[str, ...]  # what each weight is, in the same order

    @property
    def params(self) -> int:
        """Its weights' count, trainable or not."""
        return sum(math.prod(shape) for shape in self.weight_shapes)

    @property
    def spatial(self) -> bool:
        """Whether its units are addressed by (map, row, col): C1 to S4."""
        return len(self.output_shape) == 3 and self.output_shape[0] > 1

    @property
    def size(self) -> str:
        """One map's side by side, "28×28" (C1 to S4)."""
        return f"{self.output_shape[0]}×{self.output_shape[1]}"

    @property
    def caption(self) -> str:
        """Its output in the paper's notation: "6@28×28" for maps, "120" for units."""
        return f"{self.maps}@{self.size}" if self.spatial else str(self.maps)


# fmt: off
HIDDEN_LAYERS = (
    LayerSpec("C1", "Conv2D", "input", 6, 5, 1, (28, 28, 6), ((5, 5, 1, 6), (6,)), ("kernel", "bias")),
    LayerSpec("S2", "Subsampling2D", "C1", 6, 2, 2, (14, 14, 6), ((6,), (6,)), ("beta", "bias")),
    LayerSpec("C3", "SparseConv2D", "S2", 16, 5, 1, (10, 10, 16), ((5, 5, C3_KERNELS), (16,)), ("kernel", "bias")),
    LayerSpec("S4", "Subsampling2D", "C3", 16, 2, 2, (5, 5, 16), ((16,), (16,)), ("beta", "bias")),
    LayerSpec("C5", "Conv2D", "S4", 120, 5, 1, (1, 1, 120), ((5, 5, 16, 120), (120,)), ("kernel", "bias")),
    LayerSpec("F6", "Dense", "C5", 84, 0, 1, (84,), ((120, 84), (84,)), ("kernel", "bias")),
)
OUTPUT_LAYERS = {
    "softmax": LayerSpec("OUTPUT", "Dense", "F6", NUM_CLASSES, 0, 1, (NUM_CLASSES,),
                         ((84, NUM_CLASSES), (NUM_CLASSES,)), ("kernel", "bias")),
    "rbf": LayerSpec("OUTPUT", "RBFOutput", "F6", NUM_CLASSES, 0, 1, (NUM_CLASSES,),
                     ((NUM_CLASSES, 84),), ("centres",)),
}
# fmt: on


def layer_specs(output: str = "softmax") -> tuple[LayerSpec, ...]:
    """The seven paper layers, C1 to OUTPUT, of a LeNet-5 with this OUTPUT ("softmax" or "rbf")."""
    return HIDDEN_LAYERS + (OUTPUT_LAYERS[output],)


def spec(name: str, output: str = "softmax") -> LayerSpec:
    """The paper layer called `name` ("C1" ... "OUTPUT") of a LeNet-5 with this OUTPUT."""
    return next(spec for spec in layer_specs(output) if spec.name == name)


SPECS = {spec.name: spec for spec in layer_specs()}  # by paper name; OUTPUT is the softmax one
KINDS = {spec.name: spec.kind for spec in HIDDEN_LAYERS}
OUTPUT_KINDS = {output: spec.kind for output, spec in OUTPUT_LAYERS.items()}
WEIGHT_SHAPES = {spec.name: spec.weight_shapes for spec in HIDDEN_LAYERS}
OUTPUT_SHAPES = {output: spec.weight_shapes for output, spec in OUTPUT_LAYERS.items()}
MAP_SHAPES = {spec.name: spec.output_shape for spec in layer_specs()}


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
    for spec in layer_specs(output):
        fixed = spec.name in frozen or (spec.name == "OUTPUT" and output == "rbf")
        rows.append(
            {
                "layer": spec.name,
                "output_shape": spec.output_shape,
                "trainable": 0 if fixed else spec.params,
                "non_trainable": spec.params if fixed else 0,
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
