"""The activation functions LeNet-5 can use: each one's name, function, derivative and formula, in one place.

A new activation is one entry of ACTIVATIONS: training offers it, the model builds with it, the NumPy
engine (lenet/engine) computes it and its slope (the backward pass, lenet/engine/backward.py), and the
app writes its formula. Importing this module does not import
Keras (the app, which serves with the engine, never loads it); `register()` makes `scaled_tanh` known to
Keras' saving, and `lenet.layers` calls it on import, so every saved LeNet-5 loads. Each entry's Keras
function and NumPy form are tested to agree (tests/test_engine_parts.py), and its slope against
TensorFlow's gradient of that function (tests/test_engine_backward.py).

A slope is f'(a) written in terms of the output y = f(a), which the forward pass keeps anyway: the
backward pass needs no pre-activations.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lenet.paper import TANH_A, TANH_S

PACKAGE = "lenet"  # Keras saves a function registered here as "lenet>name"


def scaled_tanh(x):
    """The paper's squashing function f(a) = 1.7159 tanh(2a/3) (Section II-A, Appendix A)."""
    from keras import ops  # here, not above: this module stays light

    return TANH_A * ops.tanh(TANH_S * x)


def scaled_tanh_np(x: np.ndarray) -> np.ndarray:
    """`scaled_tanh` on a NumPy array, for the engine."""
    return TANH_A * np.tanh(TANH_S * x)


def scaled_tanh_slope(y: np.ndarray) -> np.ndarray:
    """f'(a) = A S (1 - tanh^2(S a)) = S (A - y^2 / A), from y = f(a) = A tanh(S a)."""
    return TANH_S * (TANH_A - y * y / TANH_A)


def sigmoid_np(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x), written as (1 + tanh(x/2)) / 2: the same function, and e^-x never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid_slope(y: np.ndarray) -> np.ndarray:
    """f'(a) = y (1 - y), from y = sigmoid(a)."""
    return y * (1.0 - y)


def relu_np(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def relu_slope(y: np.ndarray) -> np.ndarray:
    """f'(a) = 1 where a > 0 (y > 0), else 0: at a = 0 too, as TensorFlow's ReluGrad."""
    return (y > 0).astype(y.dtype)


@dataclass(frozen=True)
class Activation:
    """An activation: the name users choose (and Keras saves), what the layers apply, its formula."""

    name: str
    function: Callable | str  # a function of a tensor, or the name of a Keras activation
    numpy: Callable[[np.ndarray], np.ndarray]  # the same function on NumPy arrays (the engine's)
    slope: Callable[[np.ndarray], np.ndarray]  # its derivative f'(a), given y = f(a) (the engine's backward pass)
    formula: str  # LaTeX right-hand side of f(a) = ...
    note: str = ""  # what the app writes after the formula

    @property
    def saved_name(self) -> str:
        """How a saved model's config.json names it: "lenet>scaled_tanh" (registered by us), "sigmoid"."""
        return self.function if isinstance(self.function, str) else f"{PACKAGE}>{self.name}"


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation(
            "scaled_tanh",
            scaled_tanh,
            scaled_tanh_np,
            scaled_tanh_slope,
            r"1.7159\,\tanh\!\big(\tfrac{2}{3}a\big)",
            "the paper's squashing function",
        ),
        Activation("sigmoid", "sigmoid", sigmoid_np, sigmoid_slope, r"\frac{1}{1 + e^{-a}}"),  # the seed's sigma
        Activation("relu", "relu", relu_np, relu_slope, r"\max(0, a)"),  # a modern choice
    )
}


def register() -> None:
    """Register scaled_tanh with Keras as "lenet>scaled_tanh" (imports Keras; safe to call again)."""
    import keras

    keras.saving.register_keras_serializable(package=PACKAGE)(scaled_tanh)


def get_activation(name: str) -> Callable:
    """Return the Keras activation called `name`; raise ValueError listing the choices otherwise."""
    import keras

    if name not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}.")
    register()
    return keras.activations.get(ACTIVATIONS[name].function)


def activation_name(function: Callable) -> str:
    """The ACTIVATIONS name of a layer's activation function, else its own name (also for a partial)."""
    for name in ACTIVATIONS:
        if get_activation(name) is function:
            return name
    return getattr(function, "__name__", type(function).__name__)


def latex(name: str, symbol: str = "f", note: bool = False) -> str:
    """`symbol(a) = formula` of the activation called `name` (its note, if asked, on a second line), or just its
    name if unknown."""
    if name not in ACTIVATIONS:
        return rf"{symbol} = \text{{{name}}}"
    activation = ACTIVATIONS[name]
    formula = rf"{symbol}(a) = {activation.formula}"
    if not (note and activation.note):
        return formula
    return rf"\begin{{gathered}}{formula} \\ \text{{({activation.note})}}\end{{gathered}}"
