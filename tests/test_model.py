"""LeNet-5 as a whole: the paper's parameter counts, names, shapes, saving, loading and inference."""

import json
import subprocess
import sys

import keras
import numpy as np
import pytest

from lenet import Network, build_lenet5, is_rbf, load_model, parameter_table, scores_to_probabilities
from lenet.activations import ACTIVATIONS
from lenet.losses import LOSSES, compile_args
from lenet.model import OUTPUTS, ModelLoadError
from lenet.paper import LAYER_NAMES
from testkit import ROOT

RNG = np.random.default_rng(1)
PAPER_COUNTS = {"C1": 156, "S2": 12, "C3": 1516, "S4": 32, "C5": 48120, "F6": 10164}
SHAPES = {
    "C1": (28, 28, 6),
    "S2": (14, 14, 6),
    "C3": (10, 10, 16),
    "S4": (5, 5, 16),
    "C5": (1, 1, 120),
    "F6": (84,),
    "OUTPUT": (10,),
}


@pytest.fixture(scope="module", params=OUTPUTS)
def model(request) -> keras.Model:
    keras.utils.set_random_seed(0)
    return build_lenet5(output=request.param)


def inputs(n: int) -> np.ndarray:
    return RNG.uniform(-0.1, 1.175, size=(n, 32, 32, 1)).astype("float32")


def test_parameter_counts_match_the_paper(model):
    rows = {row["layer"]: row for row in parameter_table(model)}
    assert list(rows) == list(LAYER_NAMES)
    for name, count in PAPER_COUNTS.items():
        assert (rows[name]["trainable"], rows[name]["non_trainable"]) == (count, 0), name
    rbf = is_rbf(model)
    assert (rows["OUTPUT"]["trainable"], rows["OUTPUT"]["non_trainable"]) == ((0, 840) if rbf else (850, 0))
    trainable, frozen = (60000, 840) if rbf else (60850, 0)
    assert sum(r["trainable"] for r in rows.values()) == trainable
    assert sum(r["non_trainable"] for r in rows.values()) == frozen
    assert model.count_params() == trainable + frozen


def test_output_shapes_match_the_paper(model):
    assert {row["layer"]: row["output_shape"] for row in parameter_table(model)} == SHAPES


def test_the_layers_with_weights_are_named_as_in_the_paper(model):
    assert [layer.name for layer in model.layers if layer.weights] == list(LAYER_NAMES)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_every_activation_builds_and_is_used(activation, output):
    model = build_lenet5(activation, output)
    c1 = keras.Model(model.input, model.get_layer("C1").output)(inputs(2)).numpy()
    low, high = {"scaled_tanh": (-1.7159, 1.7159), "sigmoid": (0.0, 1.0), "relu": (0.0, np.inf)}[activation]
    assert low <= c1.min() and c1.max() <= high
    assert model.predict(inputs(2), verbose=0).shape == (2, 10)


@pytest.mark.parametrize("kwargs", [{"activation": "tanh"}, {"output": "gaussian"}])
def test_unknown_options_raise(kwargs):
    with pytest.raises(ValueError):
        build_lenet5(**kwargs)


FRESH_LOAD = """
import json, sys
import numpy as np
import lenet
assert "tensorflow" not in sys.modules, "import lenet must stay light (the app shows its page first)"
import keras
import lenet.layers  # Keras' convention: importing the module that defines the layers registers them
x = np.load(sys.argv[1])
for path in sys.argv[2:]:
    print(json.dumps(keras.saving.load_model(path)(x).numpy().tolist()))
"""


def test_save_and_load_round_trip(tmp_path):
    x = inputs(3)
    paths, expected = [], []
    for output in OUTPUTS:
        original = build_lenet5(output=output)
        original.get_layer("S2").set_weights([RNG.normal(size=6), RNG.normal(size=6)])  # not the initial values
        paths.append(tmp_path / f"{output}.keras")
        original.save(paths[-1])
        expected.append(original(x).numpy())
        np.testing.assert_array_equal(load_model(paths[-1])(x).numpy(), expected[-1])
    # A fresh process that imports lenet.layers loads them with Keras' own safe loader.
    np.save(tmp_path / "x.npy", x)
    run = subprocess.run(
        [sys.executable, "-c", FRESH_LOAD, tmp_path / "x.npy", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(run.stdout.splitlines()) == len(OUTPUTS)
    for line, want in zip(run.stdout.splitlines(), expected):
        np.testing.assert_allclose(np.array(json.loads(line)), want, rtol=1e-6, atol=1e-6)


def test_load_model_missing_file(tmp_path):
    with pytest.raises(ModelLoadError, match="python -m train"):
        load_model(tmp_path / "nothing.keras")


def test_load_model_corrupt_file(tmp_path):
    path = tmp_path / "corrupt.keras"
    path.write_bytes(RNG.bytes(4096))
    with pytest.raises(ModelLoadError, match="Could not read"):
        load_model(path)


def test_load_model_rejects_a_model_that_is_not_lenet(tmp_path):
    path = tmp_path / "other.keras"
    keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="OUTPUT")]).save(path)
    with pytest.raises(ModelLoadError, match="not a LeNet-5"):
        load_model(path)


def test_forward_returns_every_layer(model):
    x = inputs(1)
    result = Network(model).forward(x[0])
    expected_shapes = dict(SHAPES, C5=(120,))  # C5 flattened
    assert {name: a.shape for name, a in result.activations.items()} == expected_shapes
    assert result.probabilities.shape == (10,)
    np.testing.assert_allclose(result.probabilities.sum(), 1.0, rtol=1e-5)
    assert result.label == int(np.argmax(result.probabilities))
    assert result.confidence == pytest.approx(result.probabilities.max())
    np.testing.assert_allclose(result.activations["OUTPUT"], model(x).numpy()[0], rtol=1e-5, atol=1e-6)


def test_forward_and_batch_agree_with_the_model(model):
    net = Network(model)
    x = inputs(4)
    probabilities = net.probabilities(x)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(net.forward(x[2]).probabilities, probabilities[2], rtol=1e-5, atol=1e-6)
    scores = model(x).numpy()
    np.testing.assert_allclose(probabilities, scores_to_probabilities(scores, net.rbf), rtol=1e-5, atol=1e-6)


def test_rbf_probabilities_prefer_the_smallest_penalty():
    penalties = np.array([[5.0, 1.0, 3.0], [0.0, 10.0, 0.5]])
    probabilities = scores_to_probabilities(penalties, rbf=True)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    assert list(probabilities.argmax(axis=1)) == [1, 0]
    assert probabilities[0, 1] > probabilities[0, 2] > probabilities[0, 0]
    np.testing.assert_allclose(probabilities[0], np.exp(-penalties[0]) / np.exp(-penalties[0]).sum())


def test_softmax_scores_are_already_probabilities():
    scores = np.array([[0.1, 0.7, 0.2]])
    np.testing.assert_array_equal(scores_to_probabilities(scores, rbf=False), scores)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("output", OUTPUTS)
def test_compile_args_train_one_step(loss, output):
    keras.utils.set_random_seed(0)
    model = build_lenet5(output=output)
    model.compile(optimizer=keras.optimizers.SGD(0.01), **compile_args(loss, output == "rbf"))
    history = model.fit(inputs(8), RNG.integers(0, 10, size=8), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    assert 0.0 <= history.history["accuracy"][0] <= 1.0


def test_compile_args_rejects_unknown_loss():
    with pytest.raises(ValueError):
        compile_args("hinge", rbf=False)
