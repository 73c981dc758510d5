"""What one forward pass returns, and how OUTPUT's scores become probabilities.

Shared by the Keras `lenet.inference.Network` and the NumPy `lenet.engine.Engine`; no TensorFlow here.
"""

from dataclasses import dataclass

import numpy as np


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
