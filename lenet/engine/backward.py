"""d score / d input in NumPy: LeNet-5's backward pass, for "Why this answer?" (lenet.lab.saliency), batched.

score_c is what the lab explains: class c's logit (the input to the softmax) or, for the paper's RBF output,
its negated penalty -y_c = -sum_j (F6_j - w_cj)^2. Each step below is the transpose of one step of the
engine's forward pass (lenet/engine/network.py), in reverse order, on the whole batch at once:

    OUTPUT      d score_c / d F6 = W[:, c] (logit), or 2 (w_c - F6) (-penalty)
    activation  times f'(a), read from its output: lenet.activations' `slope` beside each formula
    F6, C5      times the kernel's transpose (C5's one 5x5 window is all of S4)
    S4, S2      each pooled unit's gradient times beta / 4, spread over its 2x2 window
    C3, C1      times the kernel's transpose per output position, each window's share added back where
                it was read (C3 as its dense kernel with Table I's zeros: no gradient crosses a missing link)

tests/test_engine_backward.py holds it to TensorFlow's GradientTape and to finite differences.
"""

import numpy as np

from lenet.activations import ACTIVATIONS
from lenet.architecture import INPUT_SHAPE, NUM_CLASSES, SPECS
from lenet.connections import dense_kernel
from lenet.engine import ops
from lenet.engine.network import CHUNK, Engine
from lenet.paper import C3_CONNECTIONS

POOL = SPECS["S2"].window  # S2's and S4's window side (the same; checked on load)


def input_gradient(net: Engine, x: np.ndarray, labels) -> np.ndarray:
    """(B, 32, 32, 1) images and their classes, (B,) or one for all -> (B, 32, 32, 1) float32
    d score_label / d x, each image's own (a batch is B independent gradients)."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 4 or x.shape[1:] != INPUT_SHAPE:
        raise ValueError(f"Expected images of shape (B, {', '.join(map(str, INPUT_SHAPE))}), got {x.shape}.")
    labels = np.asarray(labels)
    if labels.ndim > 1 or labels.ndim == 1 and len(labels) != len(x):
        raise ValueError(f"Give one class, or one for each of the {len(x)} images; got {labels.size}.")
    labels = np.broadcast_to(labels, x.shape[:1])
    if labels.size and (labels.dtype.kind not in "iu" or labels.min() < 0 or labels.max() >= NUM_CLASSES):
        raise ValueError(f"Classes are whole numbers 0 to {NUM_CLASSES - 1}; got {np.unique(labels).tolist()}.")
    parts = [_backward(net, x[i : i + CHUNK], labels[i : i + CHUNK]) for i in range(0, len(x), CHUNK)]
    return np.concatenate(parts) if parts else np.zeros_like(x)


def _backward(net: Engine, x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    y = net.layer_outputs(x)  # the forward pass: every layer's output, (B, ...)
    w = net.weights

    def through(name: str, g: np.ndarray) -> np.ndarray:  # d/d output -> d/d pre-activation
        return g * ACTIVATIONS[net.activations[name]].slope(y[name])

    g = _score_gradient(net, y["F6"], labels)  # (B, 84)
    g = through("F6", g) @ w["F6"][0].T  # (B, 120)
    g = through("C5", g) @ ops.conv_matrix(w["C5"][0]).T  # (B, 400): C5's window, rows (u, v, map) as S4's
    g = _subsample_back(through("S4", g.reshape(y["S4"].shape)), w["S4"][0])  # (B, 10, 10, 16)
    c3 = dense_kernel(w["C3"][0], C3_CONNECTIONS, w["C1"][0].shape[-1])  # (5, 5, 6, 16)
    g = _subsample_back(through("S2", _conv_back(through("C3", g), c3)), w["S2"][0])  # (B, 28, 28, 6)
    return _conv_back(through("C1", g), w["C1"][0])  # (B, 32, 32, 1)


def _score_gradient(net: Engine, f6: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """d score_label / d F6, (B, 84). RBF: the penalty is clipped at 0 only where rounding makes it negative,
    that is where F6 equals the bitmap, and there 2 (w - F6) is ~0 anyway."""
    if net.rbf:
        (centres,) = net.weights["OUTPUT"]  # (10, 84)
        return 2.0 * (centres[labels] - f6)
    kernel, _bias = net.weights["OUTPUT"]  # (84, 10)
    return kernel[:, labels].T


def _subsample_back(g: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """d/d input of S2/S4 from d/d its pre-activation, (B, H, W, C) -> (B, 2H, 2W, C): the average's weight
    1/4 times beta, to each of the window's four inputs."""
    g = g * (beta / (POOL * POOL))
    return np.repeat(np.repeat(g, POOL, axis=1), POOL, axis=2)


def _conv_back(g: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """d/d input of a 'valid' convolution from d/d its output, (B, H', W', out) -> (B, H' + k - 1, W' + k - 1, in).

    The transpose of the forward's im2col (ops.patches): the kernel matrix times each output position's
    gradient gives the share of its window's every input, (k, k, in, B, H', W'); each of the k * k window
    offsets then adds its share, one contiguous block, to the input it was read from. Measured on 2 busy cores,
    batch 64: 2-4x faster than the same sum as a 'full' convolution with the kernel turned 180 degrees (whose
    padded patches are 25x the gradient's size) or with the shares laid out (B, H', W', k, k, in).
    """
    k, b, h, w = kernel.shape[0], *g.shape[:3]
    shares = ops.conv_matrix(kernel) @ g.reshape(-1, g.shape[3]).T  # (k * k * in, B * H' * W')
    shares = shares.reshape(k, k, kernel.shape[2], b, h, w)
    grad = np.zeros((kernel.shape[2], b, h + k - 1, w + k - 1), np.float32)  # (in, B, H, W)
    for u in range(k):  # k * k offsets, each a whole batch's block: no loop over pixels or maps
        for v in range(k):
            grad[:, :, u : u + h, v : v + w] += shares[u, v]
    return grad.transpose(1, 2, 3, 0)  # (B, H, W, in)
