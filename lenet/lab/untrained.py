"""Trained vs untrained: the same LeNet-5, with the random weights it started from.

A seeded copy of the caller's architecture (same activation, same output layer), built by
`keras.models.clone_model`, which re-creates every layer from its config with fresh initial
weights. Showing one drawing through both makes the point that the filters are *learned*.
"""

import keras

from lenet.inference import Network

SEED = 1998  # the paper's year: any fixed seed gives the same untrained network every time

_CACHE: dict[tuple[int, int], tuple[keras.Model, Network]] = {}


def untrained_model(model: keras.Model, seed: int = SEED) -> keras.Model:
    """A freshly initialised model with `model`'s architecture (reseeds Keras' global RNGs)."""
    keras.utils.set_random_seed(seed)
    return keras.models.clone_model(model)


def untrained_network(network: Network, seed: int = SEED) -> Network:
    """The cached untrained twin of `network` (one per model and seed)."""
    key = (id(network.model), seed)
    if key not in _CACHE or _CACHE[key][0] is not network.model:
        _CACHE[key] = (network.model, Network(untrained_model(network.model, seed)))
    return _CACHE[key][1]
