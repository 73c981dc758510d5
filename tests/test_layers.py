"""Each custom layer against a slow NumPy reference written from the seed's formulas."""

import math

import keras
import numpy as np
import pytest
import tensorflow as tf

from lenet.activations import scaled_tanh
from lenet.layers import RBFOutput, SparseConv2D, Subsampling2D
from lenet.paper import C3_CONNECTIONS, RBF_BITMAPS

RNG = np.random.default_rng(0)


def ref_scaled_tanh(x: np.ndarray) -> np.ndarray:
    """f(a) = 1.7159 tanh(2a/3), one element at a time."""
    out = np.empty_like(x, dtype=np.float64)
    for idx, a in np.ndenumerate(x):
        out[idx] = 1.7159 * math.tanh(2.0 * a / 3.0)
    return out


def ref_subsampling(x: np.ndarray, beta: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """S_i = beta_i * avgpool(x_i) + b_i with 2x2 windows, stride 2 (no activation)."""
    batch, height, width, maps = x.shape
    out = np.zeros((batch, height // 2, width // 2, maps))
    for b in range(batch):
        for m in range(height // 2):
            for n in range(width // 2):
                for i in range(maps):
                    window = sum(x[b, 2 * m + k, 2 * n + l, i] for k in (0, 1) for l in (0, 1))
                    out[b, m, n, i] = beta[i] * window / 4 + bias[i]
    return out


def ref_sparse_conv(x: np.ndarray, kernels: dict, bias: np.ndarray, size: int = 5) -> np.ndarray:
    """C3_i = sum_{j in M_i} x_j * K_ij + b_i, 'valid' cross-correlation; kernels[(i, j)] is K_ij."""
    batch, height, width, _ = x.shape
    out = np.zeros((batch, height - size + 1, width - size + 1, len(bias)))
    for (i, j), kernel in kernels.items():
        for b in range(batch):
            for m in range(height - size + 1):
                for n in range(width - size + 1):
                    out[b, m, n, i] += np.sum(x[b, m : m + size, n : n + size, j] * kernel)
    return out + bias


def ref_rbf(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """y_i = sum_j (x_j - w_ij)^2."""
    out = np.zeros((len(x), len(centres)))
    for b in range(len(x)):
        for i in range(len(centres)):
            out[b, i] = sum((x[b, j] - centres[i, j]) ** 2 for j in range(x.shape[1]))
    return out


def c3_layer(activation=None) -> SparseConv2D:
    layer = SparseConv2D(C3_CONNECTIONS, 5, activation)
    layer.build((None, 14, 14, 6))
    return layer


def c3_kernels(layer: SparseConv2D) -> dict:
    """{(i, j): K_ij} read from the layer's (5, 5, 60) kernel, stored map by map in Table I order."""
    kernel = layer.get_weights()[0]
    pairs = [(i, j) for i, maps in enumerate(C3_CONNECTIONS) for j in maps]
    return {pair: kernel[:, :, p] for p, pair in enumerate(pairs)}


def test_scaled_tanh_matches_formula():
    x = RNG.normal(scale=3.0, size=(4, 7)).astype("float32")
    np.testing.assert_allclose(np.asarray(scaled_tanh(x)), ref_scaled_tanh(x), rtol=1e-5, atol=1e-6)


def test_scaled_tanh_is_the_papers_choice_of_constants():
    # f(1) = 1 and f(-1) = -1 is why the paper picked A = 1.7159, S = 2/3.
    np.testing.assert_allclose(np.asarray(scaled_tanh(np.array([1.0, -1.0]))), [1.0, -1.0], atol=1e-4)


@pytest.mark.parametrize("activation", [None, scaled_tanh])
def test_subsampling_matches_reference(activation):
    layer = Subsampling2D(activation)
    x = RNG.normal(size=(2, 10, 8, 3)).astype("float32")
    layer.build(x.shape)
    beta, bias = RNG.normal(size=3).astype("float32"), RNG.normal(size=3).astype("float32")
    layer.set_weights([beta, bias])
    expected = ref_subsampling(x, beta, bias)
    if activation is not None:
        expected = ref_scaled_tanh(expected)
    np.testing.assert_allclose(np.asarray(layer(x)), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("activation", [None, scaled_tanh])
def test_sparse_conv_matches_reference(activation):
    layer = c3_layer(activation)
    layer.set_weights([RNG.normal(size=(5, 5, 60)).astype("float32"), RNG.normal(size=16).astype("float32")])
    x = RNG.normal(size=(2, 14, 14, 6)).astype("float32")
    expected = ref_sparse_conv(x, c3_kernels(layer), layer.get_weights()[1])
    if activation is not None:
        expected = ref_scaled_tanh(expected)
    np.testing.assert_allclose(np.asarray(layer(x)), expected, rtol=1e-5, atol=1e-4)


def test_sparse_conv_holds_one_kernel_per_connection():
    layer = c3_layer()
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(5, 5, 60), (16,)]
    assert layer.count_params() == 1516


def test_c3_map_ignores_exactly_the_s2_maps_table_i_leaves_out():
    layer = c3_layer(scaled_tanh)
    x = RNG.normal(size=(1, 14, 14, 6)).astype("float32")
    base = np.asarray(layer(x))
    for j in range(6):
        perturbed = x.copy()
        perturbed[..., j] += RNG.normal(size=(14, 14)).astype("float32")
        out = np.asarray(layer(perturbed))
        for i, maps in enumerate(C3_CONNECTIONS):
            if j in maps:
                assert not np.allclose(out[..., i], base[..., i]), f"C3 map {i} should read S2 map {j}"
            else:
                np.testing.assert_array_equal(out[..., i], base[..., i], err_msg=f"C3 map {i} reads S2 map {j}")


@pytest.mark.parametrize("i", [0, 6, 12, 15])
def test_gradients_reach_only_real_connections(i):
    layer = c3_layer(scaled_tanh)
    x = tf.constant(RNG.normal(size=(2, 14, 14, 6)).astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(layer(x)[..., i])
    grad_kernel, grad_x = tape.gradient(loss, [layer.kernel, x])
    pairs = [(o, j) for o, maps in enumerate(C3_CONNECTIONS) for j in maps]
    kernel_used = np.abs(np.asarray(grad_kernel)).sum(axis=(0, 1)) > 0  # (60,)
    np.testing.assert_array_equal(kernel_used, [o == i for o, _ in pairs])
    input_used = np.abs(np.asarray(grad_x)).sum(axis=(0, 1, 2)) > 0  # (6,)
    np.testing.assert_array_equal(input_used, [j in C3_CONNECTIONS[i] for j in range(6)])


def test_dense_kernel_is_zero_exactly_off_table_i():
    layer = c3_layer()
    dense = np.asarray(layer.dense_kernel())  # (5, 5, 6, 16)
    for (i, j), kernel in c3_kernels(layer).items():
        np.testing.assert_array_equal(dense[:, :, j, i], kernel)
    connected = np.array([[j in maps for maps in C3_CONNECTIONS] for j in range(6)])  # (6, 16)
    assert not np.any(dense[:, :, ~connected])


@pytest.mark.parametrize("centres", [None, RNG.normal(size=(3, 5))])
def test_rbf_matches_reference(centres):
    layer = RBFOutput(centres)
    dim = 84 if centres is None else 5
    x = RNG.normal(size=(4, dim)).astype("float32")
    expected_centres = RBF_BITMAPS.reshape(10, 84) if centres is None else centres
    np.testing.assert_allclose(ref_rbf(x, expected_centres), np.asarray(layer(x)), rtol=1e-5, atol=1e-4)


def test_rbf_centres_are_fixed_and_settable():
    layer = RBFOutput()
    layer.build((None, 84))
    assert layer.trainable_weights == [] and layer.count_params() == 840
    centres = RNG.normal(size=(10, 84)).astype("float32")
    layer.set_weights([centres])
    x = RNG.normal(size=(3, 84)).astype("float32")
    np.testing.assert_allclose(np.asarray(layer(x)), ref_rbf(x, centres), rtol=1e-5, atol=1e-4)


def test_rbf_scores_its_own_centre_zero():
    penalties = np.asarray(RBFOutput()(RBF_BITMAPS.reshape(10, 84)))  # (10, 10)
    np.testing.assert_allclose(np.diag(penalties), 0.0, atol=1e-4)
    assert np.all(penalties.argmin(axis=1) == np.arange(10))


@pytest.mark.parametrize(
    "make, shape",
    [
        (lambda: Subsampling2D(scaled_tanh, name="S2"), (2, 8, 8, 3)),
        (lambda: SparseConv2D(C3_CONNECTIONS, 5, scaled_tanh, name="C3"), (2, 14, 14, 6)),
        (lambda: SparseConv2D([(0,), (1, 0)], 3, "relu"), (2, 6, 6, 2)),
        (lambda: RBFOutput(RNG.normal(size=(4, 6)), name="OUTPUT"), (2, 6)),
    ],
)
def test_config_round_trip_gives_identical_outputs(make, shape):
    layer = make()
    x = RNG.normal(size=shape).astype("float32")
    layer.build(shape)
    layer.set_weights([RNG.normal(size=w.shape).astype("float32") for w in layer.get_weights()])
    config = layer.get_config()
    clone = type(layer).from_config(config)
    clone.build(shape)
    clone.set_weights(layer.get_weights())
    assert clone.get_config() == config
    np.testing.assert_array_equal(np.asarray(clone(x)), np.asarray(layer(x)))


def test_config_round_trip_through_keras_serialization():
    layer = SparseConv2D(C3_CONNECTIONS, 5, scaled_tanh, name="C3")
    clone = keras.layers.deserialize(keras.layers.serialize(layer))
    assert isinstance(clone, SparseConv2D) and clone.connections == layer.connections
    assert clone.activation is scaled_tanh


@pytest.mark.parametrize("connections", [[(0, 6)], [(-1, 0)], [(0, 0, 1)], [(0, 1), ()]])
def test_bad_connections_raise(connections):
    with pytest.raises(ValueError):
        SparseConv2D(connections, 5).build((None, 14, 14, 6))


def test_rbf_rejects_input_of_the_wrong_width():
    with pytest.raises(ValueError):
        RBFOutput().build((None, 80))
