"""Activation functions LeNet-5 can use, by name (registered so saved models load safely)."""

from typing import Callable

import keras
from keras import ops

from lenet.paper import TANH_A, TANH_S


@keras.saving.register_keras_serializable(package="lenet")
def scaled_tanh(x):
    """The paper's squashing function f(a) = 1.7159 tanh(2a/3) (Section II-A, Appendix A)."""
    return TANH_A * ops.tanh(TANH_S * x)


# Name shown to users -> the function the layers apply.
ACTIVATIONS: dict[str, Callable | str] = {
    "scaled_tanh": scaled_tanh,  # the paper
    "sigmoid": "sigmoid",  # the seed's sigma
    "relu": "relu",  # a modern choice
}


def get_activation(name: str) -> Callable:
    """Return the activation called `name`; raise ValueError listing the choices otherwise."""
    if name not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}.")
    return keras.activations.get(ACTIVATIONS[name])
