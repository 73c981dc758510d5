"""LeNet-5's layers on NumPy arrays, batched: one matrix product per convolution, no loop over maps or pixels.

Each function is the NumPy form of a Keras layer's `call` (channels last, (B, H, W, maps), as in Keras);
tests/test_engine_parts.py checks each against its Keras layer. The activation is applied by the caller
(lenet.activations holds each one's NumPy form).
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_matrix(kernel: np.ndarray) -> np.ndarray:
    """A Keras kernel (k, k, in, out) as the (k * k * in, out) matrix that multiplies `patches`' rows."""
    return np.ascontiguousarray(kernel.reshape(-1, kernel.shape[-1]))


def patches(x: np.ndarray, k: int) -> np.ndarray:
    """im2col: (B, H, W, C) -> (B * H' * W', k * k * C), one row per output position, H' = H - k + 1.

    A row holds its k x k window in the Keras kernel's order (u, v, c); c innermost also makes the copy
    fast (runs of k * C contiguous values instead of k).
    """
    windows = sliding_window_view(x, (k, k), axis=(1, 2))  # (B, H', W', C, k, k): a view, no copy
    return np.moveaxis(windows, 3, 5).reshape(-1, k * k * x.shape[3])  # the one copy


def conv2d(x: np.ndarray, matrix: np.ndarray, bias: np.ndarray, k: int) -> np.ndarray:
    """'valid' convolution, stride 1, before the activation: sum_j x_j * K_ij + b_i, (B, H', W', out).

    C3's sparse kernel comes here as a dense one, zero where Table I has no connection
    (lenet.connections.dense_kernel): one product computes all 16 maps, as `SparseConv2D.call` does.
    """
    b, h, w, c = x.shape
    if c == 1:
        return _conv2d_one_map(x, matrix, bias, k)
    out = patches(x, k) @ matrix  # (B * H' * W', out)
    out += bias
    return out.reshape(b, h - k + 1, w - k + 1, matrix.shape[1])


def _conv2d_one_map(x: np.ndarray, matrix: np.ndarray, bias: np.ndarray, k: int) -> np.ndarray:
    """`conv2d` of one input map (C1), transposed: the k * k window pixels as rows, one contiguous slice copy each,
    then one wide product; the same sums. `patches` would copy one value at a time (C = 1) and multiply by a
    (25, 6) matrix, which BLAS does poorly: for Invariance's 147 inputs C1 took 7.5 ms that way, 2.8 ms this way,
    and the whole forward pass 9.7 -> 7.5 ms (300 interleaved runs, this project's 2-core machine, 2026-12-07)."""
    b, h, w, _ = x.shape
    h2, w2 = h - k + 1, w - k + 1
    rows = np.empty((k * k, b, h2, w2), x.dtype)  # row u * k + v: pixel (u, v) of every window
    for u in range(k):
        for v in range(k):
            rows[u * k + v] = x[:, u : u + h2, v : v + w2, 0]
    out = matrix.T @ rows.reshape(k * k, -1)  # (out, B * H' * W')
    out += bias[:, None]
    return np.ascontiguousarray(np.moveaxis(out.reshape(matrix.shape[1], b, h2, w2), 0, 3))  # (B, H', W', out)


def subsample(x: np.ndarray, beta: np.ndarray, bias: np.ndarray, *, p: int = 2) -> np.ndarray:
    """S2/S4 before the activation: beta_i * avgpool(x_i) + b_i, p x p windows, stride p, (B, H/p, W/p, C)."""
    pooled = sum(x[:, u::p, v::p] for u in range(p) for v in range(p)) / (p * p)  # p * p strided views
    return pooled * beta + bias


def dense(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """(B, in) @ (in, out) + b, before the activation."""
    return x @ kernel + bias


def rbf_penalties(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """The paper's eq. (7), y_i = sum_j (x_j - w_ij)^2, (B, 84) -> (B, 10), computed as `RBFOutput.call` does:
    |x|^2 - 2 x.w + |w|^2 (one product), clipped at 0 where rounding would make it negative."""
    x_sq = np.sum(np.square(x), axis=-1, keepdims=True)  # (B, 1)
    w_sq = np.sum(np.square(centres), axis=-1)  # (10,)
    return np.maximum(x_sq - 2.0 * (x @ centres.T) + w_sq, 0.0)
