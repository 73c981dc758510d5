"""The engine: LeNet-5's forward pass in NumPy, with the interface of lenet.inference.Network."""

import numpy as np

from lenet.activations import ACTIVATIONS
from lenet.architecture import INPUT_SHAPE, OUTPUTS, SPECS, spec, weight_shapes
from lenet.connections import dense_kernel
from lenet.engine import ops
from lenet.forward import Forwarding, softmax
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES

K = SPECS["C1"].window  # the side of C1's, C3's and C5's kernels (the same; checked on load)
CHUNK = 256  # images per pass: C1's patches take 78 KB an image, so a large batch goes a chunk at a time
HIDDEN = LAYER_NAMES[:-1]  # the layers with an activation of the user's choice (OUTPUT's is fixed)


class Engine(Forwarding):
    """A LeNet-5 that serves with NumPy alone: `forward`, `layer_outputs`, `probabilities` and `rbf` as
    `lenet.inference.Network` has them, with the same shapes and float32 values to 1e-5.

    Read one with `lenet.engine.load_model` (.keras) or `lenet.engine.load_weights` (Watch it learn's
    weights.npz). Immutable and without per-call state: many threads may call one engine at once.

    Args:
        weights: {paper layer name: its arrays in Keras' order}, shaped as `architecture.weight_shapes(output)`.
        activations: {C1 ... F6: a name of lenet.activations.ACTIVATIONS}.
        output: "softmax" or "rbf" (the paper's Gaussian connections).
        frozen: the layers a saved model marks as not trainable (a fine-tuned model's); changes no number.
    """

    def __init__(
        self,
        weights: dict[str, tuple[np.ndarray, ...]],
        activations: dict[str, str],
        output: str,
        frozen: frozenset[str] = frozenset(),
    ):
        if output not in OUTPUTS:
            raise ValueError(f"Unknown output {output!r}; choose one of {list(OUTPUTS)}.")
        unknown = {name: a for name, a in activations.items() if a not in ACTIVATIONS}
        if set(activations) != set(HIDDEN) or unknown:
            raise ValueError(f"Give one of {sorted(ACTIVATIONS)} for each of {list(HIDDEN)}; got {activations}.")
        if set(weights) != set(LAYER_NAMES):
            raise ValueError(f"Give the weights of each of {list(LAYER_NAMES)}; got {sorted(weights)}.")
        self.output, self.rbf, self.activations = output, output == "rbf", dict(activations)
        self.frozen = frozenset(frozen)
        self.weights = {name: tuple(_frozen(a) for a in weights[name]) for name in LAYER_NAMES}
        _check_shapes(self.weights, output)
        self._f = {name: ACTIVATIONS[a].numpy for name, a in activations.items()}
        w = self.weights
        c3_dense = dense_kernel(w["C3"][0], C3_CONNECTIONS, w["C1"][0].shape[-1])  # (5, 5, 6, 16), Table I's zeros
        self._conv = {  # each convolution as the matrix that multiplies ops.patches' rows, and its bias
            "C1": (ops.conv_matrix(w["C1"][0]), w["C1"][1]),  # (25, 6)
            "C3": (ops.conv_matrix(c3_dense), w["C3"][1]),  # (150, 16)
            "C5": (ops.conv_matrix(w["C5"][0]), w["C5"][1]),  # (400, 120)
        }

    def layer_outputs(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """(B, 32, 32, 1) -> {layer name: (B, ...)} float32, C5 flattened to (B, 120), as Network's."""
        x = np.asarray(x, dtype=np.float32)
        if x.ndim != 4 or x.shape[1:] != INPUT_SHAPE:
            raise ValueError(f"Expected images of shape (B, {', '.join(map(str, INPUT_SHAPE))}), got {x.shape}.")
        if len(x) <= CHUNK:
            return self._run(x)
        parts = [self._run(x[i : i + CHUNK]) for i in range(0, len(x), CHUNK)]
        return {name: np.concatenate([p[name] for p in parts]) for name in LAYER_NAMES}

    def weight(self, layer: str, name: str) -> np.ndarray:
        """One array of a paper layer by its Keras name ("kernel", "bias", "beta", "centres"), read-only."""
        names = spec(layer, self.output).weight_names
        if name not in names:
            raise ValueError(f"{layer}'s weights are {list(names)}, not {name!r}.")
        return self.weights[layer][names.index(name)]

    def get_weights(self) -> list[np.ndarray]:
        """Every array in Keras' `get_weights()` order (what Watch it learn's weights.npz holds)."""
        return [a for name in LAYER_NAMES for a in self.weights[name]]

    def with_weights(self, arrays: list[np.ndarray]) -> "Engine":
        """The same architecture with other weights (Keras' order); ValueError if they do not fit it."""
        return Engine(by_layer(arrays, self.output), self.activations, self.output, self.frozen)

    def _run(self, x: np.ndarray) -> dict[str, np.ndarray]:
        f, w, conv = self._f, self.weights, self._conv
        c1 = f["C1"](ops.conv2d(x, *conv["C1"], K))  # (B, 28, 28, 6)
        s2 = f["S2"](ops.subsample(c1, *w["S2"]))  # (B, 14, 14, 6)
        c3 = f["C3"](ops.conv2d(s2, *conv["C3"], K))  # (B, 10, 10, 16)
        s4 = f["S4"](ops.subsample(c3, *w["S4"]))  # (B, 5, 5, 16)
        c5 = f["C5"](ops.conv2d(s4, *conv["C5"], K))[:, 0, 0]  # (B, 1, 1, 120) -> (B, 120)
        f6 = f["F6"](ops.dense(c5, *w["F6"]))  # (B, 84)
        out = ops.rbf_penalties(f6, *w["OUTPUT"]) if self.rbf else softmax(ops.dense(f6, *w["OUTPUT"]))  # (B, 10)
        return {"C1": c1, "S2": s2, "C3": c3, "S4": s4, "C5": c5, "F6": f6, "OUTPUT": out}


def by_layer(arrays: list[np.ndarray], output: str) -> dict[str, tuple[np.ndarray, ...]]:
    """Keras' `get_weights()` list -> {paper layer: its arrays}; ValueError if the count is not LeNet-5's."""
    shapes = weight_shapes(output)
    count = sum(len(s) for s in shapes.values())
    if len(arrays) != count:
        raise ValueError(f"A LeNet-5 with the {output} OUTPUT has {count} weight arrays, not {len(arrays)}.")
    it = iter(arrays)
    return {name: tuple(next(it) for _ in s) for name, s in shapes.items()}


def _frozen(a) -> np.ndarray:
    """A read-only float32 copy: an engine is shared between threads, and nobody may change it under them."""
    copy = np.array(a, dtype=np.float32)
    copy.flags.writeable = False
    return copy


def _check_shapes(weights: dict[str, tuple[np.ndarray, ...]], output: str) -> None:
    for name, want in weight_shapes(output).items():
        got = tuple(a.shape for a in weights[name])
        if got != want:
            raise ValueError(f"{name} has weights of shapes {got}, not {want}.")
