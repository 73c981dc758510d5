"""Sparse connections (C3, Table I): where each kernel K_ij sits in the packed kernel, and the dense view.

No Keras here: `SparseConv2D` (lenet/layers) and the NumPy engine (lenet/engine) both read C3's packed
(k, k, n_kernels) kernel through these two functions, so the packing order is defined once.
"""

import numpy as np


def kernel_positions(connections) -> dict[tuple[int, int], int]:
    """{(j, i): position of kernel K_ij on the last axis of the packed (k, k, n_kernels) kernel}.

    The packing order, the one place it is defined: output map 0's kernels in the order connections[0]
    lists its input maps, then output map 1's, and so on (Table I read column by column for C3).
    """
    pairs = [(int(j), i) for i, maps in enumerate(connections) for j in maps]
    return {pair: n for n, pair in enumerate(pairs)}


def gather_index(connections, in_maps: int) -> np.ndarray:
    """(in_maps, out_maps) int32: position of K_ij in the packed kernel, or n_kernels (a zero) if j -/-> i.

    Appending one zero kernel to the packed kernel and taking this index on its last axis gives the
    dense (k, k, in_maps, out_maps) kernel, zero where Table I has no connection.
    """
    positions = kernel_positions(connections)
    index = np.full((in_maps, len(connections)), len(positions), dtype="int32")
    for (j, i), position in positions.items():
        index[j, i] = position
    return index


def dense_kernel(packed: np.ndarray, connections, in_maps: int) -> np.ndarray:
    """(k, k, n_kernels) packed kernel -> (k, k, in_maps, out_maps), zero where there is no connection."""
    zero = np.zeros((*packed.shape[:2], 1), dtype=packed.dtype)
    return np.concatenate([packed, zero], axis=-1)[..., gather_index(connections, in_maps)]
