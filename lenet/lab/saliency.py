"""Why this answer? Two pixel maps of the 32x32 input, and the class that came second.

gradient x input:  s(p) = d score_c / d x(p) * (x(p) - background)
    score_c is the class's logit (the input to softmax) or, for the paper's RBF output, its
    negated penalty -y_c. Measuring x from the blank page (-0.1) gives the background no credit.
occlusion:  o(p) = mean over the patches covering p of  P(c | x) - P(c | x with the patch blanked)
    Positive where hiding the ink lowers the class probability: the pixels the answer relies on.

Occlusion needs forward passes only (any network with `probabilities`); the gradient is the engine's
backward pass (lenet/engine/backward.py), in NumPy: no TensorFlow in the server.
"""

import numpy as np

from lenet.engine import Engine, input_gradient
from lenet.paper import INPUT_BACKGROUND

PATCH = 6  # occlusion patch side, px
STRIDE = 2  # occlusion patch step, px


def gradient_x_input(net: Engine, x: np.ndarray, label: int) -> np.ndarray:
    """(32, 32, 1) input -> (32, 32) gradient x (input - background) for class `label` (about a millisecond)."""
    image = np.asarray(x, dtype=np.float32).reshape(1, 32, 32, 1)
    grad = input_gradient(net, image, label)[0, :, :, 0]  # (32, 32) d score_label / d x
    return grad * (image[0, :, :, 0] - INPUT_BACKGROUND)


def occluded_batch(x: np.ndarray, patch: int = PATCH, stride: int = STRIDE):
    """All copies of x with one patch blanked: ((N, 32, 32, 1) images, [(top, left)] corners)."""
    image = np.asarray(x, dtype=np.float32).reshape(32, 32)
    corners = [(t, l) for t in range(0, 32 - patch + 1, stride) for l in range(0, 32 - patch + 1, stride)]
    batch = np.repeat(image[None], len(corners), axis=0)  # (N, 32, 32)
    for n, (t, l) in enumerate(corners):
        batch[n, t : t + patch, l : l + patch] = INPUT_BACKGROUND
    return batch[..., None], corners


def occlusion(network, x: np.ndarray, label: int, patch: int = PATCH, stride: int = STRIDE) -> np.ndarray:
    """(32, 32) drop in P(label) when each pixel's patches are blanked (one batched pass)."""
    batch, corners = occluded_batch(x, patch, stride)
    base = network.probabilities(np.asarray(x, dtype=np.float32).reshape(1, 32, 32, 1))[0, label]
    drops = base - network.probabilities(batch)[:, label]  # (N,)
    total, count = np.zeros((32, 32)), np.zeros((32, 32))
    for drop, (t, l) in zip(drops, corners):
        total[t : t + patch, l : l + patch] += drop
        count[t : t + patch, l : l + patch] += 1
    return total / np.maximum(count, 1)


def runner_up(probabilities: np.ndarray) -> tuple[int, float]:
    """The second most probable class and its probability."""
    order = np.argsort(probabilities)[::-1]
    return int(order[1]), float(probabilities[order[1]])
