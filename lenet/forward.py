"""What one forward pass returns, and how OUTPUT's scores become probabilities.

Shared by the Keras `lenet.inference.Network` and the NumPy `lenet.engine.Engine`; no TensorFlow here.
"""

from dataclasses import dataclass

import numpy as np

from lenet.architecture import INPUT_SHAPE


@dataclass(frozen=True)
class Forward:
    """The result of one image through LeNet-5."""

    label: int
    probabilities: np.ndarray  # (10,)
    activations: dict[str, np.ndarray]  # paper layer name -> (H, W, maps) or (units,) for C5/F6/OUTPUT

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.label])


def softmax(logits: np.ndarray) -> np.ndarray:
    """exp(z_i) / sum_j exp(z_j) over the last axis, shifted by the maximum so that exp never overflows."""
    e = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def scores_to_probabilities(scores: np.ndarray, rbf: bool) -> np.ndarray:
    """Class probabilities from OUTPUT's scores: as is for softmax, softmax(-penalty) for RBF."""
    return softmax(-scores) if rbf else scores


class Forwarding:
    """`probabilities` and `forward` from a network's `layer_outputs` and its `rbf` flag: one home for both,
    for the Keras Network and the NumPy Engine."""

    rbf: bool

    def layer_outputs(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """(B, 32, 32, 1) -> {layer name: (B, ...)}, C5 flattened to (B, 120)."""
        raise NotImplementedError

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(B, 32, 32, 1) -> (B, 10) class probabilities (softmax of -penalty for the RBF output)."""
        return scores_to_probabilities(self.layer_outputs(x)["OUTPUT"], self.rbf)

    def forward(self, x: np.ndarray) -> Forward:
        """One image, (32, 32) or (32, 32, 1) -> label, probabilities and every layer's maps."""
        batch = np.asarray(x, dtype=np.float32).reshape(1, *INPUT_SHAPE)
        outputs = {name: out[0] for name, out in self.layer_outputs(batch).items()}
        probs = scores_to_probabilities(outputs["OUTPUT"], self.rbf)
        return Forward(int(np.argmax(probs)), probs, outputs)
