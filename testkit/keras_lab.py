"""The lab's Keras-based computations as the app ran them before the engine (commit f32089b, issue 23),
kept as the reference that tests/test_lab_engine.py holds the engine's lab to: Inside one unit read the
Keras layers' weights and applied the layer's own activation; Lesion edited a Keras clone's weights."""

import keras
import numpy as np

from lenet.activations import activation_name
from lenet.connections import kernel_positions
from lenet.inference import Network
from lenet.lab.lesion import Lesion, kernel_position
from lenet.lab.unit import INPUT_OF, SPATIAL, UnitMath, input_extent
from lenet.paper import C3_CONNECTIONS


def explain_unit(model: keras.Model, x, activations: dict, layer: str, unit: tuple[int, ...]) -> UnitMath:
    source = {"input": np.asarray(x, dtype=np.float64).reshape(32, 32, 1)}
    source.update({k: np.asarray(v, dtype=np.float64) for k, v in activations.items()})
    keras_layer = model.get_layer(layer)
    maps, window, weights, scale, bias = PARTS[layer](keras_layer, source[INPUT_OF[layer]], unit)
    pre = scale * float((window * weights).sum()) + bias
    out = activations[layer]
    value = out[unit[1], unit[2], unit[0]] if layer in SPATIAL else out[unit[0]]
    extent = input_extent(layer, *unit[1:]) if layer in SPATIAL else input_extent(layer)
    squashed = float(keras.ops.convert_to_numpy(keras_layer.activation(np.array([pre], dtype="float32")))[0])
    return UnitMath(
        layer, tuple(unit), maps, window, weights, scale, bias, squashed, float(value), extent,
        activation_name(keras_layer.activation),
    )  # fmt: skip


def _conv_parts(layer, inputs, unit):
    k, r, c = unit
    kernel = np.asarray(layer.get_weights()[0], dtype=np.float64)
    bias = float(layer.get_weights()[1][k])
    if layer.name == "C3":
        maps = layer.connections[k]
        positions = kernel_positions(layer.connections)
        weights = np.moveaxis(kernel[:, :, [positions[(j, k)] for j in maps]], -1, 0)
    else:
        maps = tuple(range(kernel.shape[2]))
        weights = np.moveaxis(kernel[:, :, :, k], -1, 0)
    size = weights.shape[-1]
    window = np.moveaxis(inputs[r : r + size, c : c + size, list(maps)], -1, 0)
    return tuple(maps), window, weights, 1.0, bias


def _pool_parts(layer, inputs, unit):
    k, r, c = unit
    p = layer.pool_size
    beta, bias = (float(w[k]) for w in layer.get_weights())
    window = inputs[p * r : p * r + p, p * c : p * c + p, k][None]
    return (k,), window, np.full_like(window, 1.0 / (p * p)), beta, bias


def _c5_parts(layer, inputs, unit):
    (n,) = unit
    kernel, bias = layer.get_weights()
    window = np.moveaxis(inputs, -1, 0)
    weights = np.moveaxis(np.asarray(kernel[:, :, :, n], dtype=np.float64), -1, 0)
    return tuple(range(window.shape[0])), window, weights, 1.0, float(bias[n])


def _dense_parts(layer, inputs, unit):
    (n,) = unit
    kernel, bias = layer.get_weights()
    window = inputs.reshape(1, 1, -1)
    weights = np.asarray(kernel[:, n], dtype=np.float64).reshape(1, 1, -1)
    return (0,), window, weights, 1.0, float(bias[n])


PARTS = {
    "C1": _conv_parts,
    "C3": _conv_parts,
    "S2": _pool_parts,
    "S4": _pool_parts,
    "C5": _c5_parts,
    "F6": _dense_parts,
}


def lesioned_network(network: Network, lesion: Lesion) -> Network:
    """A Keras clone of the network's model, its weights edited for `lesion`."""
    model = network.model
    w = {name: [a.copy() for a in model.get_layer(name).get_weights()] for name in ("C1", "S2", "C3", "S4")}
    for k in lesion.c1_maps:
        w["C1"][0][..., k] = 0.0
        w["C1"][1][k] = 0.0
        w["S2"][0][k] = w["S2"][1][k] = 0.0
    for i in lesion.c3_maps:
        for j in C3_CONNECTIONS[i]:
            w["C3"][0][..., kernel_position(j, i)] = 0.0
        w["C3"][1][i] = 0.0
        w["S4"][0][i] = w["S4"][1][i] = 0.0
    for j, i in lesion.connections:
        w["C3"][0][..., kernel_position(j, i)] = 0.0
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    for name, weights in w.items():
        clone.get_layer(name).set_weights(weights)
    return Network(clone)
