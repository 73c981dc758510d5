"""Trained vs untrained: the same LeNet-5, with the random weights it started from.

A seeded copy of the caller's architecture (same activation, same output layer), built by
`keras.models.clone_model`, which re-creates every layer from its config with fresh initial
weights. Showing one drawing through both makes the point that the filters are *learned*.
"""

import keras

from lenet.inference import Network
from lenet.lab.cache import PerModel

SEED = 1998  # the paper's year: any fixed seed gives the same untrained network every time


def untrained_model(model: keras.Model, seed: int = SEED) -> keras.Model:
    """A freshly initialised model with `model`'s architecture (reseeds Keras' global RNGs)."""
    keras.utils.set_random_seed(seed)
    return keras.models.clone_model(model)


def untrained_network(network: Network, seed: int = SEED) -> Network:
    """The cached untrained twin of `network` (one per model and seed)."""
    return _TWINS.get(network.model, seed)


_TWINS: PerModel[Network] = PerModel(lambda model, seed: Network(untrained_model(model, seed)))
