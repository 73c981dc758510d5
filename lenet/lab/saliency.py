"""Why this answer? Two pixel maps of the 32x32 input, and the class that came second.

gradient x input:  s(p) = d score_c / d x(p) * (x(p) - background)
    score_c is the class's logit (the input to softmax) or, for the paper's RBF output, its
    negated penalty -y_c. Measuring x from the blank page (-0.1) gives the background no credit.
occlusion:  o(p) = mean over the patches covering p of  P(c | x) - P(c | x with the patch blanked)
    Positive where hiding the ink lowers the class probability: the pixels the answer relies on.
"""

import keras
import numpy as np
import tensorflow as tf

from lenet.inference import Network
from lenet.paper import INPUT_BACKGROUND

PATCH = 6  # occlusion patch side, px
STRIDE = 2  # occlusion patch step, px


def class_scores(network: Network, x: tf.Tensor) -> tf.Tensor:
    """(B, 32, 32, 1) -> (B, 10) differentiable scores: logits, or -penalty for the RBF output."""
    model = network.model
    if network.rbf:
        return -model(x, training=False)
    f6 = keras.Model(model.inputs, model.get_layer("F6").output)(x, training=False)  # (B, 84)
    kernel, bias = model.get_layer("OUTPUT").kernel, model.get_layer("OUTPUT").bias
    return tf.matmul(f6, kernel) + bias  # (B, 10) logits, before the softmax


def gradient_x_input(network: Network, x: np.ndarray, label: int) -> np.ndarray:
    """(32, 32, 1) input -> (32, 32) gradient x (input - background) for class `label`."""
    batch = tf.convert_to_tensor(np.asarray(x, dtype=np.float32).reshape(1, 32, 32, 1))
    with tf.GradientTape() as tape:
        tape.watch(batch)
        score = class_scores(network, batch)[0, label]
    grad = tape.gradient(score, batch).numpy()[0, :, :, 0]  # (32, 32)
    return grad * (batch.numpy()[0, :, :, 0] - INPUT_BACKGROUND)


def occluded_batch(x: np.ndarray, patch: int = PATCH, stride: int = STRIDE):
    """All copies of x with one patch blanked: ((N, 32, 32, 1) images, [(top, left)] corners)."""
    image = np.asarray(x, dtype=np.float32).reshape(32, 32)
    corners = [(t, l) for t in range(0, 32 - patch + 1, stride) for l in range(0, 32 - patch + 1, stride)]
    batch = np.repeat(image[None], len(corners), axis=0)  # (N, 32, 32)
    for n, (t, l) in enumerate(corners):
        batch[n, t : t + patch, l : l + patch] = INPUT_BACKGROUND
    return batch[..., None], corners


def occlusion(network: Network, x: np.ndarray, label: int, patch: int = PATCH, stride: int = STRIDE) -> np.ndarray:
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
