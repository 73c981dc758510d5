"""A freshly built LeNet-5's weights in NumPy, seeded: Keras' initialisers' distributions, without Keras.

What `lenet.model.build_lenet5` gives each weight (the layers' `build`; lenet/layers), by its name:

    kernel   glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out))   C1, C3, C5, F6, softmax OUTPUT
    bias     zeros
    beta     ones: S2 and S4 start as plain average pooling
    centres  the paper's 7x12 bitmaps, +1/-1, fixed (RBF OUTPUT)

Fans are counted as Keras' `compute_fans` counts them: a kernel (..., in, out) with receptive field
r = prod(...) has fan_in = r * in and fan_out = r * out. C3's packed (5, 5, 60) kernel so counts r = 5,
fan_in 25, fan_out 300 (not its 5x5 kernels' real fans: it is Keras' number we match).

The same seed gives the same weights. They are not Keras' own numbers (Keras draws with TensorFlow's
generator), only drawn from the same distributions: tests/test_engine_init.py compares them.
"""

import math

import numpy as np

from lenet.architecture import OUTPUTS, layer_specs
from lenet.paper import RBF_BITMAPS


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) of a weight of this shape, as Keras' `compute_fans`."""
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = math.prod(shape[:-2])  # 1 for a dense kernel
    return shape[-2] * receptive, shape[-1] * receptive


def glorot_limit(shape: tuple[int, ...]) -> float:
    """The bound l of glorot_uniform's U(-l, l) for a kernel of this shape."""
    fan_in, fan_out = fans(shape)
    return math.sqrt(6.0 / (fan_in + fan_out))


def _glorot_uniform(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    limit = glorot_limit(shape)
    return rng.uniform(-limit, limit, shape).astype(np.float32)


def _centres(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    return RBF_BITMAPS.reshape(shape).astype(np.float32)  # (10, 84): row i is digit i's bitmap, as RBFOutput's


INITIALISERS = {  # weight name (architecture.LayerSpec.weight_names) -> (shape, rng) -> its initial array
    "kernel": _glorot_uniform,
    "bias": lambda shape, rng: np.zeros(shape, np.float32),
    "beta": lambda shape, rng: np.ones(shape, np.float32),
    "centres": _centres,
}


def initial_weights(output: str, seed: int) -> list[np.ndarray]:
    """The seeded initial weights of a LeNet-5 with this OUTPUT ("softmax" or "rbf"), in Keras' get_weights()
    order (what `Engine.with_weights` takes). The activation draws no weights: one set serves every one."""
    if output not in OUTPUTS:
        raise ValueError(f"Unknown output {output!r}; choose one of {list(OUTPUTS)}.")
    rng = np.random.default_rng(seed)
    return [
        INITIALISERS[name](shape, rng)
        for spec in layer_specs(output)
        for shape, name in zip(spec.weight_shapes, spec.weight_names, strict=True)
    ]
