"""The engine's initial weights (lenet/engine/init.py) against what Keras gives a freshly built LeNet-5: the same
weights by name and shape, the same fixed values, the same distributions (bounds, spread, a two-sample
Kolmogorov-Smirnov test against Keras' own draws), seeded; and an untrained engine guesses as Keras' does."""

import keras
import numpy as np
import pytest
from keras.src.initializers.random_initializers import compute_fans

import lenet
from lenet import engine
from lenet.architecture import OUTPUTS, layer_specs
from lenet.engine.init import fans, glorot_limit, initial_weights
from lenet.engine.network import HIDDEN, by_layer
from lenet.inference import Network
from lenet.model import build_lenet5
from lenet.preprocess import mnist_to_input

SEEDS = range(5)  # Keras' and ours, each pooled over these seeds


def keras_weights(output: str, seed: int) -> list[np.ndarray]:
    keras.utils.set_random_seed(seed)
    return build_lenet5(output=output).get_weights()


@pytest.fixture(scope="module", params=OUTPUTS)
def drawn(request) -> tuple[str, list[list[np.ndarray]], list[list[np.ndarray]]]:
    """(output, Keras' weights per seed, ours per seed)."""
    output = request.param
    return output, [keras_weights(output, s) for s in SEEDS], [initial_weights(output, s) for s in SEEDS]


def names(output: str) -> list[str]:
    return [f"{spec.name}/{name}" for spec in layer_specs(output) for name in spec.weight_names]


def ks_statistic(a: np.ndarray, b: np.ndarray) -> float:
    """The largest gap between the two samples' empirical distribution functions."""
    a, b = np.sort(a), np.sort(b)
    grid = np.concatenate([a, b])
    return float(np.abs(np.searchsorted(a, grid, "right") / a.size - np.searchsorted(b, grid, "right") / b.size).max())


def test_the_weights_are_keras_by_name_shape_and_dtype(drawn):
    output, theirs, ours = drawn
    model = build_lenet5(output=output)
    assert [w.path for w in model.weights] == names(output)
    assert [(w.shape, w.dtype) for w in ours[0]] == [(w.shape, w.dtype) for w in theirs[0]]


def test_fans_are_counted_as_keras_counts_them(drawn):
    output, theirs, _ours = drawn
    for name, weight in zip(names(output), theirs[0], strict=True):
        assert fans(weight.shape) == compute_fans(weight.shape), name
    assert fans((5, 5, 60)) == (25, 300)  # C3's packed kernel: Keras' count, not its 5x5 kernels' own


def test_fixed_weights_are_keras_exactly(drawn):
    """Biases 0, S2/S4's beta 1, the RBF centres the paper's bitmaps: the same numbers, whatever the seed."""
    output, theirs, ours = drawn
    for name, want, got in zip(names(output), theirs[0], ours[0], strict=True):
        if not name.endswith("/kernel"):
            np.testing.assert_array_equal(got, want, err_msg=name)


def test_kernels_are_drawn_as_keras_draws_them(drawn):
    """Glorot-uniform on Keras' fans: inside the bound and reaching it, the uniform's spread, and Keras' own
    draws (pooled over seeds) not told apart by a two-sample KS test at the 0.1 % level."""
    output, theirs, ours = drawn
    for i, name in enumerate(names(output)):
        if not name.endswith("/kernel"):
            continue
        limit = glorot_limit(theirs[0][i].shape)
        a, b = (np.concatenate([w[i].ravel() for w in sample]) for sample in (theirs, ours))
        for sample in (a, b):
            assert np.abs(sample).max() <= limit and np.abs(sample).max() > 0.98 * limit, name
            assert abs(sample.std() - limit / np.sqrt(3)) < 0.05 * limit, name
        critical = 1.95 * np.sqrt((a.size + b.size) / (a.size * b.size))  # alpha = 0.001
        assert ks_statistic(a, b) < critical, name


def test_the_same_seed_gives_the_same_weights_and_another_seed_others():
    for output in OUTPUTS:
        one, again, other = initial_weights(output, 3), initial_weights(output, 3), initial_weights(output, 4)
        for a, b in zip(one, again, strict=True):
            np.testing.assert_array_equal(a, b)
        assert not np.allclose(one[0], other[0])
    with pytest.raises(ValueError, match="Unknown output"):
        initial_weights("square", 0)


@pytest.mark.parametrize("output", OUTPUTS)
def test_an_untrained_engine_guesses_as_an_untrained_keras_model(output):
    """Over the gallery: the mean of the top probability lies where Keras' seeds put it (20 % either side)."""
    with np.load(lenet.assets.SAMPLES_PATH) as samples:
        x = mnist_to_input(samples["x"])
    top = {"keras": [], "engine": []}
    for seed in SEEDS:
        keras.utils.set_random_seed(seed)
        top["keras"].append(Network(build_lenet5(output=output)).probabilities(x).max(axis=1).mean())
        net = engine.Engine(
            by_layer(initial_weights(output, seed), output), dict.fromkeys(HIDDEN, "scaled_tanh"), output
        )
        top["engine"].append(net.probabilities(x).max(axis=1).mean())
    low, high = 0.8 * min(top["keras"]), 1.2 * max(top["keras"])
    assert low <= np.mean(top["engine"]) <= high, top
    if output == "softmax":  # the README's "about 10 % for every digit"
        assert max(top["engine"]) < 0.25, top
