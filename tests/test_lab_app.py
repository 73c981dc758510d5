"""AppTest checks of the lab views (ui/lab_*.py), each rendered alone on an untrained LeNet-5."""

import importlib

import keras
import pytest
from streamlit.testing.v1 import AppTest

import lenet
from lenet import engine
from lenet.engine.network import HIDDEN, by_layer
from lenet.lab import lesion, saliency, unit
from testkit.digits import draw_digit
from ui.context import Context
from ui.digit_source import DRAW
from ui.tabs import TABS

VIEWS = [tab.module for tab in TABS if tab.module.startswith("lab_")]
WITHOUT_DIGIT = [tab.module for tab in TABS if tab.module in VIEWS and not tab.needs_digit]
TIMEOUT = 180  # s; a lab view's first run (occlusion, sweeps) on a busy CPU


def view_script(module_name: str, ctx) -> None:
    """The whole page: one lab view rendering the given context."""
    import importlib

    importlib.import_module(f"ui.{module_name}").render(ctx)


def heading(name: str) -> str:
    """The heading a lab view shows first (ui/tabs.py's contract): the browser tests wait for it."""
    return importlib.import_module(f"ui.{name}").HEADING


@pytest.fixture(scope="module")
def network() -> engine.Engine:
    """An untrained LeNet-5, as the app serves it: the NumPy engine."""
    keras.utils.set_random_seed(11)
    weights = lenet.build_lenet5().get_weights()
    return engine.Engine(by_layer(weights, "softmax"), dict.fromkeys(HIDDEN, "scaled_tanh"), "softmax")


@pytest.fixture(scope="module")
def ctx(network) -> Context:
    prep = lenet.preprocess(draw_digit(4))
    return Context(network, "test", prep, network.forward(prep.x), DRAW)


def run_view(name: str, ctx: Context) -> AppTest:
    at = AppTest.from_function(view_script, args=(name, ctx), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_renders_with_a_digit(ctx, name):
    at = run_view(name, ctx)
    assert at.header and at.header[0].value == heading(name)
    assert len(at.get("download_button")) >= len(at.get("image"))  # every figure can be exported as a PNG


@pytest.mark.parametrize("name", WITHOUT_DIGIT)
def test_views_that_need_no_digit_render_without_one(ctx, name):
    """The others are never rendered without a digit: app.py shows their hint (tests/test_app.py)."""
    empty = Context(ctx.network, "test", None, None, DRAW)
    at = run_view(name, empty)
    assert at.header and at.header[0].value == heading(name)


def _shown_unit(at: AppTest) -> tuple[float, float]:
    metrics = {m.label: float(m.value) for m in at.metric}
    return metrics["Computed by hand"], next(v for k, v in metrics.items() if k.startswith("In the"))


@pytest.mark.parametrize("layer", unit.UNIT_LAYERS)
def test_unit_view_shows_the_feature_map_value(ctx, layer):
    at = run_view("lab_unit", ctx)
    at.radio(key="lab_unit_layer").set_value(layer).run()
    if layer == "C3":  # a map with non-consecutive inputs
        at.slider(key="lab_unit_C3_Map").set_value(13).run()
    assert not at.exception
    by_hand, in_map = _shown_unit(at)
    index = (
        (13, 5, 5)
        if layer == "C3"
        else tuple(s // 2 if n else 0 for n, s in enumerate(unit.unit_shape(layer, ctx.result.activations)))
    )
    index = index if layer in unit.SPATIAL else (0,)
    expected = unit.explain_unit(ctx.network, ctx.prep.x, ctx.result.activations, layer, index)
    assert by_hand == pytest.approx(expected.feature_value, abs=1e-5) and in_map == pytest.approx(by_hand, abs=2e-5)
    assert at.success and "equals" in at.success[0].value
    assert len(at.latex) >= 2


def test_c3_view_names_the_maps_that_feed_the_chosen_map(ctx):
    at = run_view("lab_c3", ctx)
    at.select_slider(key="lab_c3_map").set_value(12).run()
    assert "C3·12 reads S2 maps 0, 1, 3, 4" in _texts(at)
    assert any("symmetry" in i.value for i in at.info)


def test_lesion_view_changes_exactly_table_i_and_resets(ctx):
    at = run_view("lab_lesion", ctx)
    at.multiselect(key="lab_lesion_c1").set_value([2]).run()
    changed = ", ".join(f"C3·{i}" for i in lesion.c3_reading(2))
    assert f"C3 maps that changed: {changed}." in _texts(at)
    at.button(key="lab_lesion_reset").click().run()
    assert at.multiselect(key="lab_lesion_c1").value == []
    assert "C3 maps that changed: none." in _texts(at)
    at.multiselect(key="lab_lesion_wires").set_value([(4, 13)]).run()
    assert "C3 maps that changed: C3·13." in _texts(at)


def test_invariance_view_transforms_and_resets(ctx):
    at = run_view("lab_invariance", ctx)
    assert at.metric[0].value == str(ctx.result.label)  # nothing moved yet: the same answer
    at.slider(key="lab_inv_rotate").set_value(45.0).run()
    at.slider(key="lab_inv_shift_x").set_value(4.0).run()
    assert not at.exception
    answer = ctx.result.label
    assert at.subheader[0].value == f"Where does {answer} stop being the answer?"  # the original answer's curves
    if at.metric[0].value != str(answer):
        assert f"changed from **{answer}** (your drawing)" in at.warning[0].value
    at.button(key="lab_inv_reset").click().run()
    assert at.slider(key="lab_inv_rotate").value == 0.0 and at.metric[0].value == str(ctx.result.label)


def test_why_view_shows_the_answer_and_runner_up(ctx):
    at = run_view("lab_why", ctx)
    second, _ = saliency.runner_up(ctx.result.probabilities)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Answer": str(ctx.result.label), "Runner-up": str(second)}


@pytest.mark.parametrize(("p", "shown"), [(0.825, "82.5%"), (1.0, "100.0%"), (0.0005, "0.1%"), (2e-7, "< 0.1%")])
def test_why_view_never_shows_a_tiny_probability_as_zero(p, shown):
    from ui.lab_why import percent

    assert percent(p) == shown


def test_untrained_view_compares_two_networks(ctx):
    at = run_view("lab_untrained", ctx)
    labels = [m.label for m in at.metric]
    assert labels == ["Trained network says", "Untrained network says"]
    assert len(at.get("download_button")) == 5  # bars + C1 and C3, trained and untrained


def test_lesson_cites_the_paper_and_counts_parameters(ctx):
    at = run_view("lab_lesson", ctx)
    text = _texts(at)
    assert "86(11):2278–2324" in text and "MNIST" in text and "Cortes" in text
    assert "60,850 trainable parameters" in text
    assert len(at.latex) >= 8


def all_views_script(names: list, ctx) -> None:
    """Every lab view in its own tab on one page, as app.py lays tabs out."""
    import importlib

    import streamlit as st

    for tab, name in zip(st.tabs(names), names):
        with tab:
            importlib.import_module(f"ui.{name}").render(ctx)


def test_all_views_share_one_page_without_key_clashes(ctx):
    at = AppTest.from_function(all_views_script, args=(VIEWS, ctx), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.tabs) == len(VIEWS)
