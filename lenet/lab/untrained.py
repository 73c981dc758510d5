"""Trained vs untrained: the same LeNet-5, with the random weights it started from.

The untrained twin is the caller's engine with the weights a freshly built LeNet-5 of the same output
draws from Keras' initialisers, here drawn in NumPy under a fixed seed (lenet.engine.init: glorot-uniform
kernels, zero biases, unit betas, the paper's RBF bitmaps). Showing one drawing through both makes the
point that the filters are *learned*.
"""

import functools

import numpy as np

from lenet.engine import Engine, initial_weights

SEED = 1998  # the paper's year: any fixed seed gives the same untrained network every time


@functools.lru_cache(maxsize=8)  # (output, seed) -> Keras' order, 0.24 MB each; drawn once per server
def untrained_weights(output: str, seed: int = SEED) -> list[np.ndarray]:
    """The seeded initial weights of a LeNet-5 with this output ("softmax" or "rbf"). Shared: do not modify."""
    return initial_weights(output, seed)


def untrained_network(net: Engine, seed: int = SEED) -> Engine:
    """`net` with its random initial weights: same layers, activations and output, nothing learned."""
    return net.with_weights(untrained_weights(net.output, seed))
