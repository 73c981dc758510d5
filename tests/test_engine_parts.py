"""The engine's NumPy forms against the Keras layers they stand for, one layer at a time, so that the two
cannot drift apart; and the architecture facts the engine checks files against, against build_lenet5."""

import keras
import numpy as np
import pytest

from lenet import architecture, connections
from lenet.activations import ACTIVATIONS, get_activation
from lenet.engine import Engine, ops
from lenet.engine.network import by_layer
from lenet.layers import RBFOutput, SparseConv2D, Subsampling2D
from lenet.model import build_lenet5
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES

RNG = np.random.default_rng(23)
TOL = {"rtol": 1e-5, "atol": 1e-5}  # float32, sums of up to 400 products


def normal(*shape: int, scale: float = 1.0) -> np.ndarray:
    return (scale * RNG.normal(size=shape)).astype(np.float32)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_each_activation_s_numpy_form_is_its_keras_function(name):
    x = np.concatenate([np.linspace(-60, 60, 2001, dtype=np.float32), normal(1000, scale=3)])
    want = keras.ops.convert_to_numpy(get_activation(name)(keras.ops.convert_to_tensor(x)))
    got = ACTIVATIONS[name].numpy(x)
    assert got.dtype == np.float32 and np.all(np.isfinite(got))
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_subsampling_is_subsampling2d(name):
    layer = Subsampling2D(get_activation(name))
    x = normal(3, 28, 28, 6)
    layer.build(x.shape)
    beta, bias = normal(6), normal(6)
    layer.set_weights([beta, bias])
    got = ACTIVATIONS[name].numpy(ops.subsample(x, beta, bias))
    np.testing.assert_allclose(got, layer(x).numpy(), **TOL)


def test_c3_as_a_dense_conv_with_table_i_zeros_is_sparse_conv2d():
    layer = SparseConv2D(C3_CONNECTIONS, 5, get_activation("scaled_tanh"))
    x = normal(3, 14, 14, 6)
    layer.build(x.shape)
    packed, bias = normal(5, 5, 60, scale=0.3), normal(16)
    layer.set_weights([packed, bias])
    dense = connections.dense_kernel(packed, C3_CONNECTIONS, 6)
    np.testing.assert_array_equal(dense, keras.ops.convert_to_numpy(layer.dense_kernel()))
    got = ACTIVATIONS["scaled_tanh"].numpy(ops.conv2d(x, ops.conv_matrix(dense), bias, 5))
    np.testing.assert_allclose(got, layer(x).numpy(), **TOL)


@pytest.mark.parametrize("maps_in, maps_out, size", [(1, 6, 32), (16, 120, 5)])  # C1, C5
def test_conv2d_is_keras_conv2d(maps_in, maps_out, size):
    layer = keras.layers.Conv2D(maps_out, 5)
    x = normal(4, size, size, maps_in)
    layer.build(x.shape)
    kernel, bias = normal(5, 5, maps_in, maps_out, scale=0.2), normal(maps_out)
    layer.set_weights([kernel, bias])
    np.testing.assert_allclose(ops.conv2d(x, ops.conv_matrix(kernel), bias, 5), layer(x).numpy(), **TOL)


def test_dense_is_keras_dense():
    layer = keras.layers.Dense(84)
    x = normal(5, 120)
    layer.build(x.shape)
    kernel, bias = normal(120, 84, scale=0.1), normal(84)
    layer.set_weights([kernel, bias])
    np.testing.assert_allclose(ops.dense(x, kernel, bias), layer(x).numpy(), **TOL)


def test_rbf_penalties_are_rbf_output():
    layer = RBFOutput()
    x = np.concatenate([normal(6, 84), layer.initial_centres[:2]])  # two exact matches: penalty 0, not < 0
    got = ops.rbf_penalties(x, layer.initial_centres)
    assert got.min() >= 0.0
    np.testing.assert_allclose(got, layer(x).numpy(), **TOL)


@pytest.mark.parametrize("output", architecture.OUTPUTS)
def test_the_architecture_facts_are_what_build_lenet5_builds(output):
    model = build_lenet5(output=output)
    kinds = {name: type(model.get_layer(name)).__name__ for name in architecture.layer_kinds(output)}
    shapes = {name: tuple(tuple(w.shape) for w in model.get_layer(name).weights) for name in kinds}
    assert kinds == architecture.layer_kinds(output)
    assert shapes == architecture.weight_shapes(output)
    assert tuple(model.input_shape[1:]) == architecture.INPUT_SHAPE


@pytest.mark.parametrize("output", architecture.OUTPUTS)
def test_the_layer_table_is_what_build_lenet5_and_the_engine_build(output):
    """The one table (architecture.layer_specs) against the Keras model and the NumPy engine (issue 22)."""
    model = build_lenet5(output=output)
    specs = architecture.layer_specs(output)
    assert tuple(spec.name for spec in specs) == LAYER_NAMES
    net = Engine(by_layer(model.get_weights(), output), dict.fromkeys(LAYER_NAMES[:-1], "scaled_tanh"), output)
    outputs = net.forward(np.zeros(architecture.INPUT_SHAPE, dtype="float32")).activations
    for spec in specs:
        layer = model.get_layer(spec.name)
        assert type(layer).__name__ == spec.kind
        assert tuple(layer.output.shape[1:]) == spec.output_shape
        assert tuple(tuple(w.shape) for w in layer.weights) == spec.weight_shapes
        assert tuple(w.name for w in layer.weights) == spec.weight_names
        assert layer.count_params() == spec.params
        assert outputs[spec.name].size == np.prod(spec.output_shape)  # the engine's C5 is flat (120,)
        for w in layer.weights:
            np.testing.assert_array_equal(net.weight(spec.name, w.name), keras.ops.convert_to_numpy(w))
    assert sum(spec.params for spec in specs) == {"softmax": 60_850, "rbf": 60_840}[output]  # 840: the bitmaps
