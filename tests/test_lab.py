"""The classroom lab's numbers (lenet/lab) on the NumPy engine, checked against the network's own values
(tests/test_lab_engine.py holds them to what the lab computed with Keras). No Streamlit."""

import keras
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lenet
from lenet import activations, engine, viz
from lenet.engine.network import HIDDEN, by_layer
from lenet.lab import invariance, latex, lesion, pictures, saliency, unit, untrained
from lenet.paper import C3_CONNECTIONS, INPUT_BACKGROUND
from lenet.preprocess import centre_of_mass
from testkit.digits import draw_digit


def _network(seed: int, activation: str = "scaled_tanh", output: str = "softmax") -> engine.Engine:
    """An untrained LeNet-5 whose trainable weights (biases and betas too) are all non-trivial."""
    keras.utils.set_random_seed(seed)
    model = lenet.build_lenet5(activation, output)
    rng = np.random.default_rng(seed)
    for weight in model.trainable_weights:
        weight.assign(weight.numpy() + rng.normal(0.0, 0.1, weight.shape).astype("float32"))
    return engine.Engine(by_layer(model.get_weights(), output), dict.fromkeys(HIDDEN, activation), output)


@pytest.fixture(scope="module")
def net() -> engine.Engine:
    return _network(3)


@pytest.fixture(
    scope="module",
    params=[{}, {"activation": "relu", "output": "rbf"}, {"activation": "sigmoid"}],
    ids=["tanh-softmax", "relu-rbf", "sigmoid"],
)
def any_net(request) -> engine.Engine:
    return _network(7, **request.param)


@pytest.fixture(scope="module")
def prep() -> lenet.Preprocessed:
    return lenet.preprocess(draw_digit(3))


UNITS = [
    ("C1", (0, 0, 0)),
    ("C1", (5, 27, 27)),
    ("C1", (2, 12, 9)),
    ("S2", (1, 6, 7)),
    ("S2", (5, 13, 0)),
    ("C3", (0, 4, 4)),
    ("C3", (12, 3, 6)),
    ("C3", (15, 9, 9)),
    ("S4", (7, 2, 2)),
    ("S4", (15, 4, 0)),
    ("C5", (0,)),
    ("C5", (119,)),
    ("F6", (0,)),
    ("F6", (83,)),
]


@pytest.mark.parametrize("layer, index", UNITS)
def test_unit_maths_equals_the_feature_map(any_net, prep, layer, index):
    forward = any_net.forward(prep.x)
    m = unit.explain_unit(any_net, prep.x, forward.activations, layer, index)
    assert abs(m.activation - m.feature_value) <= 1e-5 and m.matches
    assert m.window.shape == m.weights.shape == m.products.shape
    if layer == "C3":
        assert m.input_maps == C3_CONNECTIONS[index[0]] and m.window.shape == (len(C3_CONNECTIONS[index[0]]), 5, 5)
    assert latex.num(m.activation) in latex.unit_latex(m)
    lines = latex.unit_latex(m).split(r"\\")  # a long sum is broken: it fits a projector and a phone (issue 21)
    assert all(line.count(r"\underbrace") + line.count(")(") <= latex.PER_LINE for line in lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_unit_of_any_layer_matches(net, prep, data):
    forward = net.forward(prep.x)
    layer = data.draw(st.sampled_from(unit.UNIT_LAYERS))
    shape = unit.unit_shape(layer, forward.activations)
    index = tuple(data.draw(st.integers(0, n - 1)) for n in shape)
    assert unit.explain_unit(net, prep.x, forward.activations, layer, index).matches


@pytest.mark.parametrize("layer, side", [("C1", 5), ("S2", 6), ("C3", 14), ("S4", 16), ("C5", 32), ("F6", 32)])
def test_receptive_field_on_the_input(layer, side):
    top, left, bottom, right = unit.input_extent(layer)
    assert (bottom - top, right - left) == (side, side)
    assert unit.input_extent("C3", 9, 9) == (18, 18, 32, 32)  # the last C3 unit reaches the corner
    assert unit.input_extent("S4", 4, 4) == (16, 16, 32, 32)


def test_unknown_layer_is_refused(net, prep):
    with pytest.raises(ValueError):
        unit.explain_unit(net, prep.x, net.forward(prep.x).activations, "OUTPUT", (0,))


def _changed_c3_maps(before: lenet.Forward, after: lenet.Forward) -> list[int]:
    return [
        i for i in range(16) if not np.array_equal(before.activations["C3"][..., i], after.activations["C3"][..., i])
    ]


@pytest.mark.parametrize("s2_map", range(6))
def test_silencing_a_c1_map_changes_c3_exactly_where_table_i_says(net, prep, s2_map):
    before = net.forward(prep.x)
    after = lesion.lesioned_forward(net, prep.x, lesion.Lesion(c1_maps={s2_map}))
    assert np.all(after.activations["C1"][..., s2_map] == 0) and np.all(after.activations["S2"][..., s2_map] == 0)
    assert _changed_c3_maps(before, after) == lesion.c3_reading(s2_map)
    assert lesion.c3_reading(s2_map) == [i for i, maps in enumerate(C3_CONNECTIONS) if s2_map in maps]


@pytest.mark.parametrize("connection", [(0, 0), (2, 7), (5, 13), (3, 15)])
def test_cutting_a_connection_changes_only_that_c3_map(net, prep, connection):
    before = net.forward(prep.x)
    after = lesion.lesioned_forward(net, prep.x, lesion.Lesion(connections={connection}))
    assert _changed_c3_maps(before, after) == [connection[1]]
    np.testing.assert_array_equal(after.activations["S2"], before.activations["S2"])


def test_silencing_c3_maps_and_the_callers_network_is_untouched(net, prep):
    weights = [w.copy() for w in net.get_weights()]
    before = net.forward(prep.x)
    after = lesion.lesioned_forward(net, prep.x, lesion.Lesion(c1_maps={1}, c3_maps={4, 15}))
    assert np.all(after.activations["C3"][..., [4, 15]] == 0) and np.all(after.activations["S4"][..., [4, 15]] == 0)
    assert after.probabilities.shape == (10,) and abs(after.probabilities.sum() - 1) < 1e-5
    for original, now in zip(weights, net.get_weights()):
        np.testing.assert_array_equal(original, now)
    intact = lesion.lesioned_forward(net, prep.x, lesion.Lesion())
    np.testing.assert_allclose(intact.probabilities, before.probabilities, atol=1e-6)
    assert lesion.lesioned(net, lesion.Lesion()) is net


def test_kernel_positions_follow_sparse_conv2d():
    index = lenet.build_lenet5().get_layer("C3").gather_index  # (6, 16): position of K_ij in the kernel
    for j, i in lesion.all_connections():
        assert index[j, i] == lesion.kernel_position(j, i)
    assert lesion.kernel_position(1, 1) == 3 and lesion.kernel_position(0, 15) == 54


def test_table_i_picture_marks_exactly_the_connections():
    cell, margin = 20, 36  # connection_table's margin is cell + 16
    image = pictures.connection_table(chosen=12, cut=frozenset({(0, 0)}), cell=cell)
    for i, maps in enumerate(C3_CONNECTIONS):
        for j in range(6):
            colour = tuple(image[margin + j * cell + cell // 2, margin + i * cell + cell // 2])
            expected = (
                pictures.EMPTY
                if j not in maps
                else pictures.CUT
                if (j, i) == (0, 0)
                else viz.HIGHLIGHT
                if i == 12
                else pictures.CONNECTED
            )
            assert colour == expected, (j, i)


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
def test_every_activation_has_its_name_and_formula(name):
    function = activations.get_activation(name)
    assert activations.activation_name(function) == name
    assert latex.activation_latex(name) == f"f(a) = {activations.ACTIVATIONS[name].formula}"


def test_connections_outside_table_i_are_refused():
    with pytest.raises(ValueError):
        lesion.Lesion(connections={(3, 0)})  # C3 map 0 reads S2 maps 0, 1, 2 only
    with pytest.raises(ValueError):
        lesion.Lesion(c1_maps={6})
    assert len(lesion.all_connections()) == 60


@pytest.mark.parametrize("name", sorted(invariance.IDENTITY))
def test_each_transform_at_its_identity_is_the_input(prep, name):
    x = invariance.transformed_input(prep.field28, {name: invariance.SLIDERS[name].identity})
    np.testing.assert_allclose(x, prep.x, atol=1e-6)


@pytest.mark.parametrize("name", sorted(invariance.IDENTITY))
def test_transforms_give_valid_inputs(prep, name):
    slider = invariance.SLIDERS[name]
    for value in (slider.low, slider.high):
        x = invariance.transformed_input(prep.field28, {name: value})
        assert x.shape == (32, 32, 1) and x.dtype == np.float32
        assert np.all(x >= INPUT_BACKGROUND - 1e-6) and np.all(x <= lenet.paper.INPUT_FOREGROUND + 1e-6)
        assert np.allclose(x, prep.x) == (value == slider.identity)


def test_transforms_do_what_they_say(prep):
    field = invariance.pad_field(prep.field28)
    shifted = invariance.transform_field(field, {"shift_x": 3, "shift_y": -2})
    (r0, c0), (r1, c1) = centre_of_mass(field), centre_of_mass(shifted)
    assert abs(c1 - c0 - 3) < 0.05 and abs(r1 - r0 + 2) < 0.05
    assert (
        invariance.morph(field, 1).sum()
        > invariance.morph(field, 0.5).sum()
        > field.sum()
        > invariance.morph(field, -0.5).sum()
    )
    bigger = invariance.transform_field(field, {"scale": 1.4})
    assert bigger.sum() > 1.5 * field.sum()
    noisy = [invariance.transform_field(field, {"noise": 0.2}, seed=1) for _ in range(2)]
    np.testing.assert_array_equal(noisy[0], noisy[1])
    with pytest.raises(ValueError):
        invariance.transform_field(field, {"blur": 1})


@pytest.mark.parametrize("name", ["rotate", "scale", "noise"])
def test_sweep_has_one_row_per_value(net, prep, name):
    values = invariance.SLIDERS[name].values(9)
    probs = invariance.sweep(net, prep.field28, name, values, params={"shift_x": 1})
    assert probs.shape == (9, 10)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    single = net.probabilities(invariance.transformed_input(prep.field28, {"shift_x": 1, name: values[4]})[None])
    np.testing.assert_allclose(probs[4], single[0], atol=1e-5)


def test_saliency_maps_are_finite(any_net, prep):
    label = any_net.forward(prep.x).label
    grads = saliency.gradient_x_input(any_net, prep.x, label)
    assert grads.shape == (32, 32) and np.all(np.isfinite(grads)) and np.any(grads != 0)
    assert np.all(grads[prep.input32 == INPUT_BACKGROUND] == 0)  # the blank page gets no credit
    occ = saliency.occlusion(any_net, prep.x, label)
    assert occ.shape == (32, 32) and np.all(np.isfinite(occ))


def test_occluding_blank_paper_changes_nothing(net, prep):
    label = net.forward(prep.x).label
    occ = saliency.occlusion(net, prep.x, label)
    _images, corners = saliency.occluded_batch(prep.x)
    blank = np.ones((32, 32), dtype=bool)  # pixels whose every covering patch holds no ink
    for t, l in corners:
        if np.any(prep.input32[t : t + saliency.PATCH, l : l + saliency.PATCH] != INPUT_BACKGROUND):
            blank[t : t + saliency.PATCH, l : l + saliency.PATCH] = False
    assert blank.sum() > 50
    assert np.max(np.abs(occ[blank])) < 1e-5
    assert np.max(np.abs(occ)) > 1e-4  # hiding ink does change the answer


def test_runner_up():
    assert saliency.runner_up(np.array([0.1, 0.6, 0.3])) == (2, pytest.approx(0.3))


def test_untrained_twin_is_cached_seeded_and_different(any_net, prep):
    """Its weights are drawn once per output and seed (lenet.engine.init); its forward pass is the engine's."""
    twin = untrained.untrained_network(any_net)
    assert untrained.untrained_weights(any_net.output) is untrained.untrained_weights(any_net.output)
    assert (twin.rbf, twin.activations) == (any_net.rbf, any_net.activations)
    np.testing.assert_array_equal(twin.weights["C1"][0], untrained.untrained_weights(any_net.output)[0])
    assert not np.allclose(twin.weights["C1"][0], any_net.weights["C1"][0])
    a, b = twin.forward(prep.x), any_net.forward(prep.x)
    assert not np.allclose(a.activations["C1"], b.activations["C1"])
    assert abs(a.probabilities.sum() - 1) < 1e-5


def test_all_sweeps_in_one_pass_equal_each_sweep_alone(net, prep):
    """Invariance's curves come from invariance.sweeps (one padded field, one forward pass for the seven sweeps):
    the same probabilities as each transformed input built on its own (transformed_input) and read alone."""
    values = {name: s.values(9) for name, s in invariance.SLIDERS.items()}
    params = {"rotate": 10.0, "noise": 0.1}
    together = invariance.sweeps(net, prep.field28, values, params)
    assert list(together) == list(values)
    for name, vs in values.items():
        inputs = [invariance.transformed_input(prep.field28, {**params, name: float(v)}) for v in vs]
        alone = net.probabilities(np.stack(inputs))
        assert together[name].shape == (9, 10)
        np.testing.assert_allclose(together[name], alone, atol=1e-6, err_msg=name)
