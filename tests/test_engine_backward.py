"""The engine's input gradient (lenet/engine/backward.py) against TensorFlow's GradientTape on the shipped
models and on random ones of each activation x output, and against finite differences (no Keras at all)."""

import numpy as np
import pytest

import lenet
from lenet import engine
from lenet.activations import ACTIVATIONS
from lenet.architecture import OUTPUTS
from lenet.engine.network import CHUNK, HIDDEN, by_layer
from lenet.preprocess import from_mnist
from testkit.digits import draw_digit
from testkit.keras_gradient import keras_twin, score_function, tape_gradient

RTOL = 1e-5  # float32: |engine - TensorFlow| within 1e-5 of the image's largest |gradient|


@pytest.fixture(scope="module")
def images() -> np.ndarray:
    """Two drawn digits and two gallery (MNIST) digits, (4, 32, 32, 1)."""
    with np.load(lenet.assets.SAMPLES_PATH) as samples:
        gallery = [from_mnist(samples["x"][i]).x for i in (0, 5)]
    return np.stack([lenet.preprocess(draw_digit(d)).x for d in (3, 7)] + gallery).astype(np.float32)


def random_engine(activations: dict[str, str], output: str, seed: int) -> engine.Engine:
    """Freshly initialised weights, biases and S2/S4's beta random too (they start at 0 and 1)."""
    rng = np.random.default_rng(seed)
    weights = [
        w if w.ndim > 1 else rng.normal(0.0, 0.5, w.shape).astype(np.float32)
        for w in engine.initial_weights(output, seed)
    ]
    return engine.Engine(by_layer(weights, output), activations, output)


def assert_close(got: np.ndarray, want: np.ndarray) -> None:
    """Each image's gradient within RTOL of its own largest entry (entries near 0 differ by rounding alone)."""
    assert got.shape == want.shape and got.dtype == np.float32
    scale = np.abs(want).max(axis=(1, 2, 3), keepdims=True)
    assert np.all(scale > 0)
    worst = float((np.abs(got - want) / scale).max())
    assert worst <= RTOL, worst


def every_class(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each image once per class: (10 B, 32, 32, 1) and the classes (10 B,)."""
    return np.repeat(images, 10, axis=0), np.tile(np.arange(10), len(images))


@pytest.mark.parametrize("path", [lenet.DEFAULT_MODEL_PATH, lenet.CLASSIC_MODEL_PATH], ids=["default", "classic"])
def test_the_shipped_models_gradients_are_tensorflow_s(images, path):
    net = engine.load_model(path)
    x, labels = every_class(images)
    want = tape_gradient(score_function(keras_twin(net)), x, labels)
    assert_close(engine.input_gradient(net, x, labels), want)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_random_models_of_each_activation_and_output(images, activation, output):
    net = random_engine(dict.fromkeys(HIDDEN, activation), output, seed=len(activation) * 7 + len(output))
    x, labels = every_class(images[:2])
    assert_close(engine.input_gradient(net, x, labels), tape_gradient(score_function(keras_twin(net)), x, labels))


def score(net: engine.Engine, x: np.ndarray, label: int) -> float:
    """The class's logit (from F6, before the softmax) or its -penalty: what the gradient is of."""
    outputs = net.layer_outputs(x)
    if net.rbf:
        return -float(outputs["OUTPUT"][0, label])
    kernel, bias = net.weights["OUTPUT"]
    return float((outputs["F6"] @ kernel + bias)[0, label])


MIXED = dict(zip(HIDDEN, ["scaled_tanh", "relu", "scaled_tanh", "relu", "scaled_tanh", "relu"]))  # Keras can't


@pytest.mark.parametrize(
    ("path", "activations"),
    [(lenet.DEFAULT_MODEL_PATH, None), (lenet.CLASSIC_MODEL_PATH, None), (lenet.DEFAULT_MODEL_PATH, MIXED)],
    ids=["default", "classic", "mixed-activations"],
)
def test_finite_differences_on_a_few_pixels(images, path, activations):
    """Slow and obviously right: nudge one pixel up and down (trained weights: gradients large enough for
    float32 differences to resolve)."""
    net = engine.load_model(path)
    if activations:
        net = engine.Engine(net.weights, activations, net.output)
    x, label, eps = images[:1], 3, 0.01  # small: ReLU's kinks are near
    grad = engine.input_gradient(net, x, label)[0, :, :, 0]
    ink = np.argwhere(x[0, :, :, 0] > 0.5)
    for r, c in [tuple(ink[0]), tuple(ink[len(ink) // 2]), tuple(ink[-1]), (16, 16), (3, 28)]:
        up, down = x.copy(), x.copy()
        up[0, r, c] += eps
        down[0, r, c] -= eps
        slope = (score(net, up, label) - score(net, down, label)) / (2 * eps)
        assert abs(grad[r, c] - slope) <= 1e-3 * np.abs(grad).max(), (r, c, grad[r, c], slope)


def test_a_batch_is_its_images_one_by_one_and_chunks_change_nothing(images):
    net = engine.load_model(lenet.DEFAULT_MODEL_PATH)
    x = np.resize(images, (CHUNK + 9, 32, 32, 1))
    labels = np.arange(len(x)) % 10
    batch = engine.input_gradient(net, x, labels)
    for i in (0, 5, CHUNK + 3):
        one = engine.input_gradient(net, x[i : i + 1], labels[i])
        # float32 sums in another order: ~1e-6 of the largest value (a mixed-up image would differ by its whole size)
        np.testing.assert_allclose(batch[i : i + 1], one, rtol=1e-5, atol=1e-5 * np.abs(one).max())
    assert engine.input_gradient(net, x[:0], labels[:0]).shape == (0, 32, 32, 1)


@pytest.mark.parametrize(
    ("x", "labels", "message"),
    [
        (np.zeros((2, 28, 28, 1)), 0, "shape"),
        (np.zeros((2, 32, 32, 1)), 10, "0 to 9"),
        (np.zeros((2, 32, 32, 1)), [1, -1], "0 to 9"),
        (np.zeros((2, 32, 32, 1)), 1.5, "whole numbers"),
        (np.zeros((2, 32, 32, 1)), [1, 2, 3], "one for each of the 2 images"),
    ],
)
def test_bad_images_or_classes_are_refused_in_words(x, labels, message):
    with pytest.raises(ValueError, match=message):
        engine.input_gradient(engine.load_model(lenet.DEFAULT_MODEL_PATH), x, labels)
