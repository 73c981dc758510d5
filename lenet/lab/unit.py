"""Inside one unit: recompute one value of a feature map by hand, from the layer's input and weights.

C1_k(r,c) = f(sum_{u,v} X(r+u, c+v) K_k(u,v) + b_k)                    (seed, layer C1)
S2_k(r,c) = f(beta_k * 1/4 sum_{u,v<2} C1_k(2r+u, 2c+v) + b_k)          (seed, layer S2)
C3_i(r,c) = f(sum_{j in M_i} sum_{u,v} S2_j(r+u, c+v) K_ij(u,v) + b_i)  (Table I gives M_i)
C5_n = f(sum_{j,m,n} W S4 + b),  F6_n = f(sum_j W_nj C5_j + b_n)
"""

from dataclasses import dataclass

import numpy as np

from lenet.activations import ACTIVATIONS
from lenet.architecture import HIDDEN_LAYERS, INPUT_SHAPE
from lenet.connections import kernel_positions
from lenet.engine import Engine
from lenet.paper import C3_CONNECTIONS

INPUT_OF = {spec.name: spec.input for spec in HIDDEN_LAYERS}
UNIT_LAYERS = tuple(INPUT_OF)
SPATIAL = tuple(spec.name for spec in HIDDEN_LAYERS if spec.spatial)  # units by (map, row, col); C5, F6 by index
# (kernel, stride) of each layer, to map a unit's window back onto the 32x32 input.
GEOMETRY = {spec.name: (spec.window, spec.stride) for spec in HIDDEN_LAYERS if spec.window}
ORDER = tuple(GEOMETRY)
POOL = GEOMETRY["S2"][0]  # S2's and S4's window side (the engine checks a loaded model's pool_size is this)


@dataclass(frozen=True)
class UnitMath:
    """Every number that goes into one unit, grouped by the input map it reads."""

    layer: str
    unit: tuple[int, ...]  # (map, row, col) for C1..S4, (neuron,) for C5/F6
    input_maps: tuple[int, ...]  # indices of the input maps read (one entry per group)
    window: np.ndarray  # (G, h, w) input values, G groups (input maps); F6: (1, 1, 120)
    weights: np.ndarray  # (G, h, w) kernel weights (1/4 each for S2/S4)
    scale: float  # beta for S2/S4, 1 otherwise
    bias: float
    activation: float  # f(pre_activation)
    feature_value: float  # the value the network computed for this unit
    extent: tuple[int, int, int, int]  # (top, left, bottom, right) on the 32x32 input, exclusive
    activation_name: str

    @property
    def products(self) -> np.ndarray:
        """(G, h, w) element-wise window x weights."""
        return self.window * self.weights

    @property
    def group_sums(self) -> np.ndarray:
        """(G,) sum of products per input map."""
        return self.products.sum(axis=(1, 2))

    @property
    def total(self) -> float:
        return float(self.products.sum())

    @property
    def pre_activation(self) -> float:
        return self.scale * self.total + self.bias

    @property
    def matches(self) -> bool:
        """The hand computation equals the network's value (to 1e-5)."""
        return abs(self.activation - self.feature_value) <= 1e-5


def input_extent(layer: str, row: int = 0, col: int = 0) -> tuple[int, int, int, int]:
    """The (top, left, bottom, right) window of the 32x32 input that a unit at (row, col) sees."""
    if layer == "F6":
        return (0, 0, 32, 32)
    top, left, bottom, right = row, col, row + 1, col + 1
    for name in reversed(ORDER[: ORDER.index(layer) + 1]):
        k, s = GEOMETRY[name]  # output rows [a, b) read input rows [a*s, (b-1)*s + k)
        top, left, bottom, right = top * s, left * s, (bottom - 1) * s + k, (right - 1) * s + k
    return (top, left, bottom, right)


def unit_shape(layer: str, activations: dict[str, np.ndarray]) -> tuple[int, ...]:
    """The valid range of a unit: (maps, rows, cols) for C1..S4, (neurons,) for C5/F6."""
    out = activations[layer]
    return (out.shape[-1], out.shape[0], out.shape[1]) if layer in SPATIAL else (out.shape[-1],)


def apply_activation(name: str, value: float) -> float:
    """The activation called `name` (lenet.activations) applied to one number, in float32 as the network does."""
    return float(ACTIVATIONS[name].numpy(np.array([value], dtype=np.float32))[0])


def explain_unit(
    net: Engine, x: np.ndarray, activations: dict[str, np.ndarray], layer: str, unit: tuple[int, ...]
) -> UnitMath:
    """Recompute unit `unit` of `layer` from its input activations and the network's weights.

    Args:
        net: the network; its `weights` and the name of the layer's activation are read.
        x: the (32, 32, 1) model input.
        activations: one image's outputs by layer name (`Forward.activations`).
        unit: (map, row, col) for C1, S2, C3, S4; (neuron,) for C5 and F6.
    """
    if layer not in INPUT_OF:
        raise ValueError(f"Choose a layer from {UNIT_LAYERS}, not {layer!r}.")
    source = {"input": np.asarray(x, dtype=np.float64).reshape(INPUT_SHAPE)}
    source.update({k: np.asarray(v, dtype=np.float64) for k, v in activations.items()})
    inputs = source[INPUT_OF[layer]]
    maps, window, weights, scale, bias = _PARTS[layer](layer, net, inputs, unit)
    pre = scale * float((window * weights).sum()) + bias
    out = activations[layer]
    value = out[unit[1], unit[2], unit[0]] if layer in SPATIAL else out[unit[0]]
    extent = input_extent(layer, *unit[1:]) if layer in SPATIAL else input_extent(layer)
    name = net.activations[layer]
    return UnitMath(
        layer,
        tuple(int(u) for u in unit),
        maps,
        window,
        weights,
        scale,
        bias,
        apply_activation(name, pre),
        float(value),
        extent,
        name,
    )


def _conv_parts(layer, net, inputs, unit):
    """C1 / C3: a 5x5 window of each connected input map and its kernel."""
    k, r, c = unit
    kernel = np.asarray(net.weight(layer, "kernel"), dtype=np.float64)
    bias = float(net.weight(layer, "bias")[k])
    maps: tuple[int, ...]
    if layer == "C3":  # packed kernel (5, 5, 60): K_jk sits where SparseConv2D put it
        maps = C3_CONNECTIONS[k]
        positions = kernel_positions(C3_CONNECTIONS)
        weights = np.moveaxis(kernel[:, :, [positions[(j, k)] for j in maps]], -1, 0)  # (|M_k|, 5, 5)
    else:  # Conv2D kernel (5, 5, in, out)
        maps = tuple(range(kernel.shape[2]))
        weights = np.moveaxis(kernel[:, :, :, k], -1, 0)  # (in, 5, 5)
    size = weights.shape[-1]
    window = np.moveaxis(inputs[r : r + size, c : c + size, list(maps)], -1, 0)  # (G, 5, 5)
    return tuple(maps), window, weights, 1.0, bias


def _pool_parts(layer, net, inputs, unit):
    """S2 / S4: a 2x2 window of one map, each weighted 1/4 (the average), then beta and b."""
    k, r, c = unit
    p = POOL
    beta, bias = float(net.weight(layer, "beta")[k]), float(net.weight(layer, "bias")[k])
    window = inputs[p * r : p * r + p, p * c : p * c + p, k][None]  # (1, 2, 2)
    return (k,), window, np.full_like(window, 1.0 / (p * p)), beta, bias


def _c5_parts(layer, net, inputs, unit):
    """C5: all 16 S4 maps (5x5 each) against neuron n's (5, 5, 16) kernel."""
    (n,) = unit
    kernel, bias = net.weight(layer, "kernel"), net.weight(layer, "bias")  # (5, 5, 16, 120), (120,)
    window = np.moveaxis(inputs, -1, 0)  # (16, 5, 5)
    weights = np.moveaxis(np.asarray(kernel[:, :, :, n], dtype=np.float64), -1, 0)  # (16, 5, 5)
    return tuple(range(window.shape[0])), window, weights, 1.0, float(bias[n])


def _dense_parts(layer, net, inputs, unit):
    """F6: the 120 C5 values against neuron n's column of weights, as one group."""
    (n,) = unit
    kernel, bias = net.weight(layer, "kernel"), net.weight(layer, "bias")  # (120, 84), (84,)
    window = inputs.reshape(1, 1, -1)  # (1, 1, 120)
    weights = np.asarray(kernel[:, n], dtype=np.float64).reshape(1, 1, -1)
    return (0,), window, weights, 1.0, float(bias[n])


_PARTS = {
    "C1": _conv_parts,
    "C3": _conv_parts,
    "S2": _pool_parts,
    "S4": _pool_parts,
    "C5": _c5_parts,
    "F6": _dense_parts,
}
