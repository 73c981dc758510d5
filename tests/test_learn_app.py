"""The "Watch it learn" tab in AppTest: start a real (background) run, see its progress, cancel it,
then the "Trained in class" model answers in the selector. The canvas returns a fixed drawing."""

import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from testkit.apptest import app_test, canvas_drawing
from train import live

TAB = "Watch it learn"
WAIT_S = 180  # the worker imports TensorFlow and traces its first step on a busy machine


@pytest.fixture
def app(monkeypatch, tmp_path):
    """An AppTest on the Watch it learn tab, with its own run folder and a drawn 7; any run is cancelled after."""
    monkeypatch.setenv(live.RUN_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("LENET_CLASS_DB", f"sqlite:///{tmp_path / 'classes.db'}")  # no class here: anyone may start
    monkeypatch.delenv("LENET_MODEL_DIR", raising=False)
    at = app_test(monkeypatch, canvas_drawing(7), tab=TAB)
    yield at
    live.cancel()
    deadline = time.monotonic() + WAIT_S
    while live.is_running() and time.monotonic() < deadline:
        time.sleep(0.5)


def progress_text(at: AppTest) -> str:
    return " ".join(p.proto.text for p in at.get("progress"))


def rerun_until(at: AppTest, predicate) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate(at):
        assert time.monotonic() < deadline, f"not within {WAIT_S} s; progress: {progress_text(at)!r}"
        time.sleep(1.0)
        at.run()
        assert not at.exception, at.exception


def test_start_watch_cancel_then_use_the_model(app):
    at = app.run()
    assert not at.exception
    assert "No training run yet" in " ".join(i.value for i in at.info)
    assert "Trained in class" not in at.radio(key="model").options  # nothing trained yet
    at.slider(key="learn_epochs").set_value(30)  # longer than the test waits
    at.button(key="learn_start").click().run()
    assert at.button(key="learn_start").disabled and not at.button(key="learn_cancel").disabled
    rerun_until(at, lambda a: "Step" in progress_text(a) and "Step 0 " not in progress_text(a))
    assert "The six C1 kernels as they learn" in [h.value for h in at.subheader]
    assert any(m.label == "The network in training says" for m in at.metric)
    at.button(key="learn_cancel").click().run()
    rerun_until(at, lambda a: "Cancelled at step" in progress_text(a))
    assert "Trained in class" in at.radio(key="model").options
    at.radio(key="model").set_value("Trained in class").run()
    assert not at.exception and at.radio(key="model").value == "Trained in class"


def test_the_trained_in_class_model_gives_a_prediction(app, tmp_path):
    """After a run, "Trained in class" is a model like the others: the Prediction tab answers with it."""
    from lenet import build_lenet5

    build_lenet5().save(live.model_path())  # what a run leaves behind (the run itself is tested above)
    app.query_params["tab"] = "Prediction"
    at = app.run()
    at.radio(key="model").set_value("Trained in class").run()
    assert not at.exception
    prediction = next(m for m in at.metric if m.label == "Prediction")
    assert prediction.value in {str(d) for d in range(10)}


def curves_script() -> None:
    """The tab's learning curves alone, for a run three steps in."""
    from train.live import Progress
    from ui import lab_learn

    curve = {"step": [1, 2, 3], "loss": [2.3, 1.1, 0.6], "accuracy": [0.1, 0.6, 0.8]}
    raw = {"status": "running", "curve": curve, "held_out": {"step": [3], "accuracy": [0.75]}}
    lab_learn.curves_ui(Progress.parse(raw))


def test_the_learning_curves_text_reads_from_the_back_row():
    """Issue 21: the curves' tick labels, axis titles and legend at least 14 px, in the text's dark colour
    (Streamlit's default is small and grey). The Vega-Lite spec says so: no run needed to draw them."""
    from lenet import viz

    at = AppTest.from_function(curves_script, default_timeout=60).run()
    assert not at.exception, at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 2  # loss, accuracy
    for spec in specs:
        for part in ("axis", "legend"):
            config = spec.get("config", {}).get(part, {})
            assert min(config.get("labelFontSize", 0), config.get("titleFontSize", 0)) >= 14, (part, config)
            assert config.get("labelColor") == config.get("titleColor") == viz.hex_colour(viz.TEXT), (part, config)


def test_the_drawing_is_read_by_the_run_s_own_architecture(app):
    """The tab reads the run's saved .keras with the engine: a run from the classic (RBF) model shows too
    (it used to copy the weights into a softmax build_lenet5, which could not take them)."""
    from lenet import build_lenet5

    build_lenet5(output="rbf").save(live.model_path())
    live.write_json(live.run_dir() / live.PROGRESS, {"status": "done", "step": 10, "total_steps": 10, "saved_step": 10})
    at = app.run()
    assert not at.exception
    said = next(m for m in at.metric if m.label == "The network in training says")
    assert said.value in {str(d) for d in range(10)}
