"""Lesion mode: silence C1 or C3 feature maps, or cut C3 connections of Table I, and see what breaks.

The lesioned network is the caller's engine with edited copies of its weights (`Engine.with_weights`;
the caller's engine is never touched, and it is read-only anyway):

* silencing C1 map k zeroes its 5x5 kernel and bias, so C1_k = f(0), and S2's beta_k and b_k,
  so S2_k = f(0) too. For the paper's scaled tanh (and relu) f(0) = 0: the map is gone, and
  only the C3 maps that read S2 map k in Table I change. (For sigmoid, f(0) = 1/2: a flat map.)
* silencing C3 map i zeroes its kernels and bias, and S4's beta_i and b_i, in the same way.
* cutting connection (j, i), S2 map j -> C3 map i, zeroes kernel K_ij in SparseConv2D's
  (5, 5, 60) kernel, at the position `SparseConv2D`'s packing gives it (`kernel_positions`).
"""

from dataclasses import dataclass, field

import numpy as np

from lenet.architecture import HIDDEN_LAYERS, SPECS
from lenet.connections import kernel_positions
from lenet.engine import Engine
from lenet.forward import Forward
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES

LESIONED = tuple(spec.name for spec in HIDDEN_LAYERS if spec.spatial)  # C1 to S4: the layers a lesion edits
C3_KERNELS = kernel_positions(C3_CONNECTIONS)  # (S2 j, C3 i) -> position on C3's kernel axis, 60 in order


@dataclass(frozen=True)
class Lesion:
    """What to remove. Empty = the intact network."""

    c1_maps: frozenset[int] = field(default_factory=frozenset)  # subset of 0..5
    c3_maps: frozenset[int] = field(default_factory=frozenset)  # subset of 0..15
    connections: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (S2 j, C3 i)

    def __post_init__(self):
        object.__setattr__(self, "c1_maps", frozenset(int(k) for k in self.c1_maps))
        object.__setattr__(self, "c3_maps", frozenset(int(i) for i in self.c3_maps))
        object.__setattr__(self, "connections", frozenset((int(j), int(i)) for j, i in self.connections))
        if not self.c1_maps <= set(range(6)) or not self.c3_maps <= set(range(16)):
            raise ValueError("C1 maps are numbered 0-5 and C3 maps 0-15.")
        bad = [c for c in self.connections if c not in C3_KERNELS]
        if bad:
            raise ValueError(f"Connections {sorted(bad)} are not in Table I.")

    @property
    def empty(self) -> bool:
        return not (self.c1_maps or self.c3_maps or self.connections)


def all_connections() -> list[tuple[int, int]]:
    """Table I's 60 connections (S2 map j, C3 map i), in the order of C3's kernel axis."""
    return list(C3_KERNELS)


def kernel_position(j: int, i: int) -> int:
    """Index of K_ij on the last axis of C3's (5, 5, 60) kernel."""
    return C3_KERNELS[(j, i)]


def c3_reading(s2_map: int) -> list[int]:
    """The C3 maps that read S2 map `s2_map` (a column of Table I)."""
    return [i for i, maps in enumerate(C3_CONNECTIONS) if s2_map in maps]


def lesioned_weights(net: Engine, lesion: Lesion) -> dict[str, list[np.ndarray]]:
    """{layer name: its edited weights} for the layers a lesion touches (copies, never views)."""
    w = {name: {key: net.weight(name, key).copy() for key in SPECS[name].weight_names} for name in LESIONED}
    for k in lesion.c1_maps:
        w["C1"]["kernel"][..., k] = 0.0  # (5, 5, 1, 6)
        w["C1"]["bias"][k] = 0.0
        w["S2"]["beta"][k] = w["S2"]["bias"][k] = 0.0
    for i in lesion.c3_maps:
        for j in C3_CONNECTIONS[i]:
            w["C3"]["kernel"][..., kernel_position(j, i)] = 0.0  # packed (5, 5, 60)
        w["C3"]["bias"][i] = 0.0
        w["S4"]["beta"][i] = w["S4"]["bias"][i] = 0.0
    for j, i in lesion.connections:
        w["C3"]["kernel"][..., kernel_position(j, i)] = 0.0
    return {name: [arrays[key] for key in SPECS[name].weight_names] for name, arrays in w.items()}


def lesioned(net: Engine, lesion: Lesion) -> Engine:
    """`net` with `lesion` applied: a new engine (a fraction of a millisecond; nothing to cache or lock)."""
    if lesion.empty:
        return net
    edited = lesioned_weights(net, lesion)
    return net.with_weights([a for name in LAYER_NAMES for a in edited.get(name, net.weights[name])])


def lesioned_forward(net: Engine, x: np.ndarray, lesion: Lesion) -> Forward:
    """Label, probabilities and activations of `x` through `net` with `lesion` applied."""
    return lesioned(net, lesion).forward(x)
