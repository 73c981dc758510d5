"""Trained vs untrained: the same LeNet-5, with the random weights it started from.

The untrained twin is the caller's engine with the weights a freshly built LeNet-5 of the same output gets
from Keras' initialisers under a fixed seed (lenet.lab.with_keras.untrained_weights, in the Keras process:
the server never imports TensorFlow). Showing one drawing through both makes the point that the filters
are *learned*.
"""

import threading

import numpy as np

from lenet.engine import Engine
from lenet.lab import keras_process

SEED = 1998  # the paper's year: any fixed seed gives the same untrained network every time
_weights: dict[tuple[str, int], list[np.ndarray]] = {}  # (output, seed) -> Keras' order; 0.24 MB each
_lock = threading.Lock()  # one request per (output, seed), however many sessions open the tab at once


def untrained_weights(output: str, seed: int = SEED) -> list[np.ndarray]:
    """The seeded initial weights of a LeNet-5 with this output ("softmax" or "rbf"), asked for once."""
    with _lock:
        if (output, seed) not in _weights:
            _weights[output, seed] = keras_process.call("untrained_weights", output, seed)
        return _weights[output, seed]


def untrained_network(net: Engine, seed: int = SEED) -> Engine:
    """`net` with its random initial weights: same layers, activations and output, nothing learned.
    The first call (per output and seed) waits for the Keras process; raises KerasProcessError if it fails."""
    return net.with_weights(untrained_weights(net.output, seed))
