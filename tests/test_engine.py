"""The NumPy engine against Keras' Network: every layer, every shipped model, random models of each
activation x output, real MNIST digits (the full test set where it is beside the clone, else the shipped
11,000); the files it reads and refuses; no TensorFlow."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest

from lenet import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH, ModelLoadError, engine
from lenet.activations import ACTIVATIONS
from lenet.assets import ASSETS_DIR, SAMPLES_PATH, TRAIN_SUBSET_PATH
from lenet.inference import Network
from lenet.model import OUTPUTS, build_lenet5, load_model
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES
from lenet.preprocess import mnist_to_input
from testkit import ROOT

RNG = np.random.default_rng(5)
TOL = {"rtol": 1e-5, "atol": 1e-5}  # float32; RBF penalties reach ~10^2, where 1e-5 is below one ulp
SHIPPED = sorted(ASSETS_DIR.glob("*.keras"))
MNIST = next((p / "shared/data/mnist.npz" for p in ROOT.parents if (p / "shared/data/mnist.npz").is_file()), None)


def digits(n: int = 64) -> np.ndarray:
    """The first n gallery digits and n uniform noise images, (2n, 32, 32, 1) float32."""
    with np.load(SAMPLES_PATH) as samples:
        x = mnist_to_input(samples["x"][:n])
    return np.concatenate([x, RNG.uniform(-0.1, 1.175, size=x.shape).astype(np.float32)])


def assert_same(net: engine.Engine, keras_net: Network, x: np.ndarray) -> None:
    """Every layer's output, shape and dtype; probabilities; the label of each image, batched and one by one."""
    got, want = net.layer_outputs(x), keras_net.layer_outputs(x)
    assert list(got) == list(want) == list(LAYER_NAMES)
    for name in LAYER_NAMES:
        assert (got[name].shape, got[name].dtype) == (want[name].shape, want[name].dtype), name
        np.testing.assert_allclose(got[name], want[name], **TOL, err_msg=name)
    np.testing.assert_allclose(net.probabilities(x), keras_net.probabilities(x), **TOL)
    np.testing.assert_array_equal(net.probabilities(x).argmax(1), keras_net.probabilities(x).argmax(1))
    for image in x[:3]:
        one, other = net.forward(image[..., 0]), keras_net.forward(image)
        assert one.label == other.label and one.probabilities.shape == (10,)
        assert {k: (v.shape, v.dtype) for k, v in one.activations.items()} == {
            k: (v.shape, v.dtype) for k, v in other.activations.items()
        }
        np.testing.assert_allclose(one.probabilities, other.probabilities, **TOL)


def test_importing_and_running_the_engine_imports_neither_tensorflow_nor_keras():
    code = (
        "import sys, numpy as np\nfrom lenet import engine, DEFAULT_MODEL_PATH\n"
        "net = engine.load_model(DEFAULT_MODEL_PATH)\nnet.forward(np.zeros((32, 32), np.float32))\n"
        "engine.input_gradient(net.with_weights(engine.initial_weights(net.output, 0)), np.zeros((1, 32, 32, 1)), 0)\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras')])"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_model_computes_what_keras_computes(path):
    net = engine.load_model(path)
    assert net.rbf == (path == CLASSIC_MODEL_PATH)
    assert_same(net, Network(load_model(path)), digits())


def randomised(activation: str, output: str) -> keras.Model:
    """A fresh LeNet-5 whose zero-initialised weights (biases, S2/S4's beta = 1, b = 0) are random too."""
    keras.utils.set_random_seed(len(activation) + len(output))
    model = build_lenet5(activation, output)
    model.set_weights(
        [w if w.ndim > 1 else RNG.normal(0, 0.5, w.shape).astype(np.float32) for w in model.get_weights()]
    )
    return model


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_random_models_of_each_activation_and_output_compute_what_keras_computes(activation, output, tmp_path):
    model = randomised(activation, output)
    model.save(tmp_path / "random.keras")
    net = engine.load_model(tmp_path / "random.keras")
    assert (net.output, set(net.activations.values())) == (output, {activation})
    assert_same(net, Network(model), digits(16))


def mnist_digits() -> tuple[np.ndarray, str]:
    """The full MNIST test set where the project's data is beside the clone, else the 11,000 real MNIST digits
    shipped in assets/ (Watch it learn's subset): a clean clone without ../shared still compares real digits."""
    if MNIST is not None:
        with np.load(MNIST) as data:
            return data["x_test"], "10,000 MNIST test digits"
    with np.load(TRAIN_SUBSET_PATH) as data:
        return np.concatenate([data["x_test"], data["x_train"]]), "11,000 shipped MNIST digits"


def test_mnist_digits_get_keras_labels_and_maps():
    digits28, what = mnist_digits()
    x = mnist_to_input(digits28)
    net, keras_net = engine.load_model(DEFAULT_MODEL_PATH), Network(load_model(DEFAULT_MODEL_PATH))
    worst = dict.fromkeys(LAYER_NAMES, 0.0)
    for start in range(0, len(x), 1000):
        got, want = net.layer_outputs(x[start : start + 1000]), keras_net.layer_outputs(x[start : start + 1000])
        for name in LAYER_NAMES:
            np.testing.assert_allclose(got[name], want[name], **TOL, err_msg=name)
            worst[name] = max(worst[name], float(np.abs(got[name] - want[name]).max()))
        np.testing.assert_array_equal(got["OUTPUT"].argmax(1), want["OUTPUT"].argmax(1))
    print(f"max |engine - keras| over {what}:", {k: f"{v:.1e}" for k, v in worst.items()})


def test_watch_it_learn_weights_file(tmp_path):
    from train.live import WEIGHTS
    from train.live_worker import save_model

    for output in OUTPUTS:
        model = randomised("scaled_tanh", output)
        save_model(model, tmp_path)  # what the worker writes: the .keras file and weights.npz
        net = engine.load_weights(tmp_path / WEIGHTS)
        assert net.output == output
        assert_same(net, Network(model), digits(8))
        assert_same(
            engine.load_model(tmp_path / "lenet5_in_class.keras").with_weights(net.get_weights()),
            Network(model),
            digits(8),
        )


def test_a_weights_file_that_is_not_lenet5_is_refused(tmp_path):
    weights = engine.load_model(DEFAULT_MODEL_PATH).get_weights()
    np.savez(tmp_path / "few.npz", *weights[:5])
    np.savez(tmp_path / "wide.npz", *[w[..., :100] if w.shape == (5, 5, 16, 120) else w for w in weights])
    np.save(tmp_path / "one.npy", weights[0])
    refusals = {
        "few.npz": "it holds 5 arrays, not 14 or 13",
        "wide.npz": "C5 has weights of shapes",
        "one.npy": "corrupt",
    }
    for name, message in refusals.items():
        with pytest.raises(ModelLoadError, match=message):
            engine.load_weights(tmp_path / name)


def test_with_weights_refuses_weights_of_another_architecture():
    net = engine.load_model(DEFAULT_MODEL_PATH)
    weights = net.get_weights()
    with pytest.raises(ValueError, match="14 weight arrays, not 13"):
        net.with_weights(weights[:-1])
    with pytest.raises(ValueError, match="C5 has weights of shapes"):
        net.with_weights([w[..., :100] if w.shape == (5, 5, 16, 120) else w for w in weights])


def test_batches_larger_than_a_chunk_and_empty_ones():
    net = engine.load_model(DEFAULT_MODEL_PATH)
    x = np.repeat(digits(4), 80, axis=0)  # 640 images: three chunks
    # Not bit for bit: BLAS sums in another order for another number of rows (Keras too).
    np.testing.assert_allclose(net.probabilities(x)[::80], net.probabilities(x[::80]), rtol=1e-5, atol=1e-7)
    assert {k: v.shape for k, v in net.layer_outputs(x[:0]).items()}["C3"] == (0, 10, 10, 16)
    with pytest.raises(ValueError, match="Expected images of shape"):
        net.layer_outputs(x[:, :28])


def test_an_engine_is_read_only():
    net = engine.load_model(DEFAULT_MODEL_PATH)
    with pytest.raises(ValueError):
        net.weights["C1"][0][0, 0, 0, 0] = 1.0  # shared by every session's thread: nobody may change it


def edited(path: Path, out: Path, edit) -> Path:
    """A copy of the .keras file `path` whose config.json `edit(layers by name)` has changed."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "config.json":
                config = json.loads(data)
                edit({layer["config"]["name"]: layer for layer in config["config"]["layers"]})
                data = json.dumps(config).encode()
            dst.writestr(item, data)
    return out


def _set(layer: str, key: str, value):
    return lambda layers: layers[layer]["config"].__setitem__(key, value)


def _rewire(layers):
    layers["C3"]["inbound_nodes"][0]["args"][0]["config"]["keras_history"][0] = "C1"


EDITS = {  # what is changed -> what the engine's message says
    "Table I": (
        _set("C3", "connections", [list(m) for m in (C3_CONNECTIONS[1], C3_CONNECTIONS[0], *C3_CONNECTIONS[2:])]),
        "C3's connections are not Table I's",
    ),
    "activation": (_set("C1", "activation", "tanh"), "C1's activation 'tanh' is not one of"),
    "strides": (_set("C1", "strides", [2, 2]), "C1 has strides [2, 2], not [1, 1]"),
    "OUTPUT": (_set("OUTPUT", "activation", "linear"), "OUTPUT's activation is 'linear', not softmax"),
    "dtype": (_set("F6", "dtype", "float16"), "F6 computes in float16, not float32"),
    "wiring": (_rewire, "C3 reads ['C1'], not S2"),
    "pool": (_set("S4", "pool_size", 1), "S4 has pool_size 1, not 2"),
}


@pytest.mark.parametrize("change", list(EDITS))
def test_the_engine_refuses_what_is_not_lenet5(change, tmp_path):
    edit, message = EDITS[change]
    path = edited(DEFAULT_MODEL_PATH, tmp_path / f"{change}.keras", edit)
    with pytest.raises(ModelLoadError, match="is not a LeNet-5 from this package") as caught:
        engine.load_model(path)
    assert message in str(caught.value) and "python -m train" in str(caught.value)


def test_the_engine_refuses_what_keras_refuses(tmp_path, untrained_model_path):
    with pytest.raises(ModelLoadError, match="No model file at"):
        engine.load_model(tmp_path / "nothing.keras")
    half = tmp_path / "half.keras"
    half.write_bytes(untrained_model_path.read_bytes()[: untrained_model_path.stat().st_size // 2])
    with pytest.raises(ModelLoadError, match="corrupt"):
        engine.load_model(half)
    keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="OUTPUT")]).save(tmp_path / "other.keras")
    with pytest.raises(ModelLoadError, match="not a LeNet-5"):
        engine.load_model(tmp_path / "other.keras")
    wide = keras.models.clone_model(
        build_lenet5(),
        clone_function=lambda layer: type(layer).from_config(
            layer.get_config() | ({"filters": 100} if layer.name == "C5" else {})
        ),
    )
    wide.save(tmp_path / "wide.keras")
    for load in (engine.load_model, load_model):
        with pytest.raises(ModelLoadError, match="C5 has"):
            load(tmp_path / "wide.keras")
