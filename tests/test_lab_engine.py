"""The lab on the NumPy engine against the lab as it ran on Keras before (testkit/keras_lab.py, Keras' forward
passes; testkit/keras_gradient.py, its gradients): Inside one unit, Lesion, Invariance, occlusion, gradient x
input, the untrained twin and the parameter table; a few digits, shipped and random models."""

import keras
import numpy as np
import pytest

import lenet
from lenet import architecture, engine
from lenet.inference import Network
from lenet.lab import invariance, lesion, saliency, unit, untrained
from lenet.model import build_lenet5, load_model, parameter_table
from lenet.paper import INPUT_BACKGROUND
from lenet.preprocess import from_mnist
from testkit import keras_lab
from testkit.digits import draw_digit
from testkit.keras_gradient import score_function, tape_gradient

TOL = {"rtol": 1e-5, "atol": 1e-5}
NETS = ["default", "classic", "relu-rbf", "sigmoid-softmax"]
LESIONS = [
    lesion.Lesion(c1_maps={2}),
    lesion.Lesion(c3_maps={0, 13, 15}),
    lesion.Lesion(connections={(0, 0), (4, 13), (5, 15)}),
    lesion.Lesion(c1_maps={1, 5}, c3_maps={7}, connections={(2, 7), (3, 12)}),
]
UNITS = [(0, 0, 0), "middle", (-1, -1, -1)]  # each layer's first unit, its middle one, its last one


@pytest.fixture(scope="module", params=NETS)
def pair(request, tmp_path_factory) -> tuple[Network, engine.Engine]:
    """(Keras' Network, the engine) of one model, both read from the same .keras file."""
    if request.param in ("default", "classic"):
        path = lenet.DEFAULT_MODEL_PATH if request.param == "default" else lenet.CLASSIC_MODEL_PATH
    else:
        activation, output = request.param.split("-")
        keras.utils.set_random_seed(9)
        model = build_lenet5(activation, output)
        rng = np.random.default_rng(9)  # biases and betas random too (zero and one initially), as tests/test_engine.py
        model.set_weights(
            [w if w.ndim > 1 else rng.normal(0, 0.5, w.shape).astype(np.float32) for w in model.get_weights()]
        )
        path = tmp_path_factory.mktemp("models") / f"{request.param}.keras"
        model.save(path)
    return Network(load_model(path)), engine.load_model(path)


@pytest.fixture(scope="module")
def preps() -> list[lenet.Preprocessed]:
    """Two drawn digits and two gallery (MNIST) digits."""
    with np.load(lenet.assets.SAMPLES_PATH) as samples:
        gallery = [from_mnist(samples["x"][i]) for i in (0, 5)]
    return [lenet.preprocess(draw_digit(d)) for d in (3, 7)] + gallery


def close(got, want, what: str = "") -> None:
    np.testing.assert_allclose(np.asarray(got, np.float64), np.asarray(want, np.float64), **TOL, err_msg=what)


def unit_index(layer: str, which, acts: dict) -> tuple[int, ...]:
    shape = unit.unit_shape(layer, acts)
    if which == "middle":
        return tuple(n // 2 for n in shape)
    return tuple(i % n for i, n in zip(which, shape))


def test_inside_one_unit(pair, preps):
    keras_net, net = pair
    for prep in preps:
        old_acts, new_acts = keras_net.forward(prep.x).activations, net.forward(prep.x).activations
        for layer in unit.UNIT_LAYERS:
            for which in UNITS:
                index = unit_index(layer, which, new_acts)
                old = keras_lab.explain_unit(keras_net.model, prep.x, old_acts, layer, index)
                new = unit.explain_unit(net, prep.x, new_acts, layer, index)
                what = f"{layer}{index}"
                assert (new.input_maps, new.extent, new.activation_name) == (
                    old.input_maps,
                    old.extent,
                    old.activation_name,
                ), what
                for field in ("window", "weights", "scale", "bias", "activation", "feature_value", "pre_activation"):
                    close(getattr(new, field), getattr(old, field), f"{what} {field}")
                assert new.matches and old.matches, what


def test_lesion(pair, preps):
    keras_net, net = pair
    x = np.stack([p.x for p in preps])
    for damage in LESIONS:
        reference = keras_lab.lesioned_network(keras_net, damage)
        old, new = reference.layer_outputs(x), lesion.lesioned(net, damage).layer_outputs(x)
        for name in lenet.LAYER_NAMES:
            close(new[name], old[name], f"{damage} {name}")
        for prep in preps:  # what the tab shows: one drawing's answer and probabilities
            got, want = lesion.lesioned_forward(net, prep.x, damage), reference.forward(prep.x)
            assert got.label == want.label
            close(got.probabilities, want.probabilities, str(damage))


def test_invariance(pair, preps):
    keras_net, net = pair
    params = {"shift_x": 1.0, "rotate": 10.0, "thickness": 0.5}
    for prep in preps:
        x = invariance.transformed_input(prep.field28, params)[None]
        close(net.probabilities(x), keras_net.probabilities(x))
        for name, slider in invariance.SLIDERS.items():
            values = slider.values(21)  # as the tab's curves
            old = invariance.sweep(keras_net, prep.field28, name, values, params)
            close(invariance.sweep(net, prep.field28, name, values, params), old, name)


def test_occlusion(pair, preps):
    keras_net, net = pair
    for prep in preps:
        label = net.forward(prep.x).label
        close(saliency.occlusion(net, prep.x, label), saliency.occlusion(keras_net, prep.x, label))


def test_gradient_x_input(pair, preps):
    """The engine's backward pass against GradientTape on the Keras model, as the tab computed it before."""
    keras_net, net = pair
    scores = score_function(keras_net.model)
    for prep in preps:
        label = net.forward(prep.x).label
        for c in (label, (label + 1) % 10):
            old = tape_gradient(scores, prep.x[None], c)[0, :, :, 0] * (prep.x[:, :, 0] - INPUT_BACKGROUND)
            close(saliency.gradient_x_input(net, prep.x, c), old, f"class {c}")


def test_the_untrained_twin(pair, preps):
    """Its weights are the engine's seeded initial ones (drawn as Keras draws them: tests/test_engine_init.py);
    its forward pass is what Keras computes with them."""
    keras_net, net = pair
    old = keras.models.clone_model(keras_net.model)
    old.set_weights(engine.initial_weights(net.output, untrained.SEED))
    for got, want in zip(untrained.untrained_weights(net.output), old.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    twin, reference = untrained.untrained_network(net), Network(old)
    x = np.stack([p.x for p in preps])
    close(twin.probabilities(x), reference.probabilities(x))
    assert twin.activations == net.activations and twin.output == net.output


def test_the_parameter_table(pair):
    keras_net, net = pair
    assert architecture.parameter_table(net.output, net.frozen) == parameter_table(keras_net.model)


def test_the_parameter_table_of_a_fine_tuned_model(tmp_path):
    """Fine-tuning freezes layers, and the saved model says so: the Lesson's "fixed" column shows them."""
    from train.finetune import set_trainable

    model = build_lenet5()
    set_trainable(model, "F6 + OUTPUT")
    model.save(tmp_path / "tuned.keras")
    net, reloaded = engine.load_model(tmp_path / "tuned.keras"), load_model(tmp_path / "tuned.keras")
    assert net.frozen == {"C1", "S2", "C3", "S4", "C5"}
    assert architecture.parameter_table(net.output, net.frozen) == parameter_table(reloaded)
    assert lesion.lesioned(net, LESIONS[0]).frozen == net.frozen  # with_weights keeps it
