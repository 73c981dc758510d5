"""The Streamlit app, run in-process with AppTest; the canvas is replaced by a fixed drawing."""

import base64
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

import lenet
import lenet.glance
import ui.canvas
import ui.glance_strip
import ui.sources
from lenet import viz
from testkit import APP
from testkit.apptest import canvas_drawing
from testkit.digits import draw_digit
from ui.tabs import TABS, TITLES

PAPER_LAYERS = ("C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT")


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def headings(at: AppTest) -> list[str]:
    return [h.value.split(" ")[0] for h in at.subheader]


def test_empty_canvas_shows_a_hint_and_no_prediction(run_app):
    at = run_app(None)
    assert not at.exception
    assert "Draw a digit" in texts(at.info)
    assert [m.label for m in at.metric] == []
    assert [t.label for t in at.tabs] == list(TITLES)


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.module)
def test_every_tab_opens_from_its_link_without_a_digit(run_app, tab):
    """A tab that needs a digit shows its hint instead (never a half-drawn tab); the others render."""
    at = run_app(None, tab=tab.title)
    assert not at.exception, [e.value for e in at.exception]
    hints = [i.value for i in at.info]
    assert (tab.hint in hints) == tab.needs_digit, hints


def test_a_drawing_shows_the_prediction_and_only_the_open_tab_runs(run_app):
    at = run_app(canvas_drawing(7))
    assert not at.exception
    prediction = next(m for m in at.metric if m.label == "Prediction")
    assert prediction.value in {str(d) for d in range(10)}
    assert not set(PAPER_LAYERS) & set(headings(at))  # the Layers tab is closed: none of its work ran


def test_the_layers_tab_shows_every_layer(run_app):
    at = run_app(canvas_drawing(7), tab="Layers")
    assert not at.exception
    for name in PAPER_LAYERS:
        assert name in headings(at), name
    assert len(at.latex) >= len(PAPER_LAYERS)
    # OUTPUT's ten scores as the page's own bars, not Vega-Lite (whose first chart imports pandas and pyarrow)
    assert not at.get("vega_lite_chart")
    bars = next(h.proto.body for h in at.get("html") if "lenet-bars" in h.proto.body)
    assert bars.count("<li") == 10 and bars.count('class="chosen"') == 1
    shares = [int(v) for v in re.findall(r'<span class="value">(\d+)%</span>', bars)]
    chosen = int(re.search(r'<li class="chosen"><span class="digit">(\d)</span>', bars).group(1))
    assert len(shares) == 10 and shares[chosen] == max(shares)  # the answer, in orange


def test_the_classic_models_layers_tab_shows_its_penalties_as_bars(run_app):
    """The RBF output's ten penalties, each written with two decimals; the smallest is the answer, in orange."""
    at = run_app(canvas_drawing(1), tab="Layers")
    at.radio(key="model").set_value("Classic (RBF, 1998)").run()
    assert not at.exception and not at.get("vega_lite_chart")
    bars = next(h.proto.body for h in at.get("html") if "lenet-bars" in h.proto.body)
    values = [float(v) for v in re.findall(r'<span class="value">(\d+\.\d\d)</span>', bars)]
    heights = [float(h) for h in re.findall(r'style="height:([\d.]+)%"', bars)]
    assert len(values) == 10 and len(heights) == 10 and max(heights) == 100.0
    chosen = int(re.search(r'<li class="chosen"><span class="digit">(\d)</span>', bars).group(1))
    assert values[chosen] == min(values)


def test_a_run_on_the_same_drawing_does_not_preprocess_it_again(run_app, monkeypatch):
    """A run that changes no stroke (a pushed lesson step, a tab opened) reuses the drawing's preprocessing; a new
    drawing is preprocessed anew and answered."""
    import ui.canvas

    calls = []
    preprocess = lenet.preprocess
    monkeypatch.setattr(lenet, "preprocess", lambda image, drawn=False: calls.append(drawn) or preprocess(image, drawn))
    at = run_app(canvas_drawing(7), model_dir=None)
    assert calls == [True] and next(m for m in at.metric if m.label == "Prediction").value == "7"  # as a drawing
    at.run()
    assert len(calls) == 1
    monkeypatch.setattr(ui.canvas, "canvas_ui", lambda: canvas_drawing(3))  # a new stroke: a new image each run
    at.run()
    assert len(calls) == 2 and next(m for m in at.metric if m.label == "Prediction").value == "3"


@pytest.mark.parametrize("tab, where, words", [("Layers", "markdown", "bitmap"), ("Prediction", "caption", "penalty")])
def test_the_classic_model_explains_its_rbf_output(run_app, tab, where, words):
    at = run_app(canvas_drawing(1), tab=tab)
    at.radio(key="model").set_value("Classic (RBF, 1998)").run()
    assert not at.exception
    assert words in texts(getattr(at, where))


@pytest.mark.parametrize("digit", [0, 1, 7])
def test_the_shipped_model_reads_a_clear_digit(run_app, digit):
    assert lenet.DEFAULT_MODEL_PATH.is_file(), "train the default model first (python -m train)"
    at = run_app(canvas_drawing(digit), model_dir=None)
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Prediction").value == str(digit)


def test_a_missing_model_file_shows_the_train_command(run_app, tmp_path):
    at = run_app(canvas_drawing(7), model_dir=tmp_path)
    assert not at.exception
    assert "No model file" in texts(at.error) and "python -m train" in texts(at.error)
    assert [m.label for m in at.metric] == []


def test_a_corrupt_model_file_shows_a_friendly_error(run_app, tmp_path):
    (tmp_path / lenet.DEFAULT_MODEL_PATH.name).write_bytes(b"not a keras file")
    at = run_app(canvas_drawing(7), model_dir=tmp_path)
    assert not at.exception
    assert "Could not read" in texts(at.error)


def test_a_dot_is_not_a_digit(run_app):
    dot = np.zeros((280, 280, 4), np.uint8)
    dot[135:145, 135:145] = 255
    at = run_app(dot)
    assert not at.exception
    assert "dot" in texts(at.warning)
    assert [m.label for m in at.metric] == []


def test_a_canvas_full_of_ink_is_not_a_digit(run_app):
    scribble = np.zeros((280, 280, 4), np.uint8)
    scribble[10:-10, 10:-10] = 255  # everything painted but a thin black border
    at = run_app(scribble)
    assert not at.exception
    assert "mostly ink" in texts(at.warning)
    assert [m.label for m in at.metric] == []


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.radio(key="source").set_value("Upload").run()
    at.file_uploader(key="upload").set_value((name, content, "image/png")).run()
    return at


def test_uploading_a_non_image_shows_a_friendly_message(run_app):
    at = upload(run_app(None), "notes.png", b"these are my notes, not a picture")
    assert not at.exception
    assert "not an image" in texts(at.warning).lower()
    assert [m.label for m in at.metric] == []


def test_uploading_a_photo_of_a_digit_predicts_it(run_app):
    paper = draw_digit(3, size=200, thickness=14, polarity="dark_on_light")  # dark ink on white paper
    at = upload(run_app(None), "three.png", viz.to_png_bytes(paper))
    assert not at.exception
    assert any(m.label == "Prediction" for m in at.metric)
    assert "inverted" in texts(at.caption)


def samples_file(folder: Path) -> Path:
    """A small gallery: one synthetic digit per class, the 3 'mispredicted' as 8."""
    x = np.stack([np.asarray(Image.fromarray(draw_digit(d, size=280)).resize((28, 28), Image.BOX)) for d in range(10)])
    y = np.arange(10)
    pred = np.where(y == 3, 8, y)
    np.savez(folder / "samples.npz", x=x, y=y, pred=pred)
    return folder / "samples.npz"


def test_the_gallery_shows_a_digit_and_its_prediction(run_app, monkeypatch, tmp_path):
    monkeypatch.setenv("LENET_SAMPLES", str(samples_file(tmp_path)))
    at = run_app(None)
    at.radio(key="source").set_value("Gallery").run()
    at.selectbox(key="gallery_set").set_value("The model got these wrong").run()
    assert not at.exception
    assert any(m.label == "Prediction" for m in at.metric)


def test_a_missing_gallery_gets_a_note(run_app, monkeypatch, tmp_path):
    monkeypatch.setenv("LENET_SAMPLES", str(tmp_path / "absent.npz"))
    at = run_app(None)
    at.radio(key="source").set_value("Gallery").run()
    assert not at.exception
    assert "not installed" in texts(at.info)


def test_a_shipped_gallery_digit_gets_the_prediction_stored_with_it(run_app, monkeypatch):
    """Gallery digits go to the model exactly as in testing, so the app agrees with the stored `pred`."""
    monkeypatch.delenv("LENET_SAMPLES", raising=False)
    with np.load(ui.sources.SAMPLES_PATH) as samples:
        y, pred = samples["y"], samples["pred"]
    first_wrong = int(np.flatnonzero(y != pred)[0])
    at = run_app(None, model_dir=None)
    at.radio(key="source").set_value("Gallery").run()
    at.selectbox(key="gallery_set").set_value(ui.sources.WRONG).run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Prediction").value == str(pred[first_wrong])


def download_names(at: AppTest) -> list[str]:
    """The labels of the page's download buttons."""
    return [e.proto.label for e in at.get("download_button")]


@pytest.mark.parametrize("tab, expected", [("Prediction", 1), ("Layers", 6), ("Weights", 4)])
def test_every_figure_can_be_downloaded(run_app, tab, expected):
    at = run_app(canvas_drawing(7), tab=tab)
    assert not at.exception
    images = len(at.get("image")) + sum(h.proto.body.count("<img ") for h in at.get("html"))  # ui.charts.inline_figures
    assert len(download_names(at)) == expected, download_names(at)
    assert images >= expected  # and each button sits under a picture shown on the page


def test_the_weights_tab_needs_no_drawing_and_is_built_once_per_model_file(run_app, monkeypatch):
    at = run_app(None, tab="Weights")
    assert not at.exception
    assert {"C1", "C3", "S2"} <= set(headings(at))
    assert len(download_names(at)) == 4
    drawn, map_grid = [], viz.map_grid
    monkeypatch.setattr(viz, "map_grid", lambda *args, **kwargs: drawn.append(args[1]) or map_grid(*args, **kwargs))
    at.run()  # a rerun (a stroke) reuses the cached pictures
    assert not at.exception
    assert drawn == [] and len(download_names(at)) == 4


def test_no_tab_imports_tensorflow():
    """Every tab, run with a drawing in a fresh process (this one has Keras already), leaves no TensorFlow or
    Keras in sys.modules: the app computes on the NumPy engine, Why this answer?'s gradient and Trained vs
    untrained's weights included. tests/test_serving.py runs a server."""
    import subprocess
    import sys

    code = f"""
import sys
import ui.canvas
from streamlit.testing.v1 import AppTest
from testkit.digits import draw_digit
from ui.tabs import TITLES
drawing = draw_digit(7, size=ui.canvas.CANVAS_SIZE, thickness=ui.canvas.STROKE_WIDTH, mode="RGBA")
ui.canvas.canvas_ui = lambda: drawing
for title in TITLES:
    at = AppTest.from_file({str(APP)!r}, default_timeout=180)
    at.query_params["tab"] = title
    at.run()
    assert not at.exception, (title, [e.value for e in at.exception])
    assert not [w.value for w in at.warning if "could not be" in w.value], title
print(sorted(m for m in ("tensorflow", "keras") if m in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=APP.parent, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_lenet_registers_its_layers_on_first_use_of_a_model_name():
    import subprocess
    import sys

    code = (
        "import sys, lenet; assert 'keras' not in sys.modules; lenet.Network; "
        "import keras; print(keras.saving.get_registered_object('lenet>Subsampling2D') is lenet.Subsampling2D)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=APP.parent, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True"


def test_the_prediction_tab_writes_every_probability_as_text(run_app):
    """The bars (HTML, issue 13) and the glance's tables carry each digit's probability as numbers, not only
    as heights or colours; the predicted digit's bar is the highlighted one."""
    at = run_app(canvas_drawing(3), model_dir=None)
    assert not at.exception
    label = int(next(m for m in at.metric if m.label == "Prediction").value)
    bars = next(h.proto.body for h in at.get("html") if "lenet-bars" in h.proto.body)
    assert bars.count("<li") == 10 and bars.count('class="chosen"') == 1
    assert f'<li class="chosen"><span class="digit">{label}</span>' in bars
    assert len(re.findall(r'<span class="value">\d+%</span>', bars)) == 10
    assert "| digit | probability |" not in texts(at.markdown)  # the tables run only while "The numbers" is open
    at.session_state[ui.glance_strip.NUMBERS_KEY] = True  # as a click on the expander does
    at.run()
    assert not at.exception
    tables = texts(at.markdown)
    assert "| digit | probability |" in tables and "| C3 | 16@10×10 |" in tables
    assert len(re.findall(r"\| \d \| [01]\.\d{4} \|", tables)) == 10


def test_the_glance_strip_shows_every_stage_and_writes_the_ten_digits(run_app):
    """One element: the input and C1-F6 as pictures in the page (data: URLs, no media files), OUTPUT as ten
    cells with their digits written in, the answer's light; one image with a description for screen readers."""
    at = run_app(canvas_drawing(3), model_dir=None)
    assert not at.exception
    label = next(m for m in at.metric if m.label == "Prediction").value
    strip = next(h.proto.body for h in at.get("html") if "lenet-glance" in h.proto.body)
    assert strip.count('<img src="data:image/png;base64,') == 7
    assert re.findall(r'<div class="stage"><span>(\w+)</span>', strip) == list(lenet.glance.STAGES)
    cells = re.findall(r'<li class="(light|dark)" style="background:#[0-9a-f]{6}">(\d)</li>', strip)
    assert [int(digit) for _, digit in cells] == list(range(10))
    assert [digit for light, digit in cells if light == "light"] in ([label], [])  # bright only above 50 %
    assert 'role="img" aria-label="LeNet-5 at a glance:' in strip and f"where {label} is brightest" in strip


def test_the_five_stages_are_small_pictures_with_the_ink_box_drawn_by_the_page(run_app):
    """Each stage at its own size (the page enlarges it); stage 2 is the ink again with its box laid over it."""
    at = run_app(canvas_drawing(7), model_dir=None)
    assert not at.exception
    stages = next(h.proto.body for h in at.get("html") if "lenet-stages" in h.proto.body)
    sources = re.findall(r'<img src="data:image/png;base64,([^"]+)"', stages)
    assert len(sources) == 5 and sources[0] == sources[1]
    sizes = [Image.open(io.BytesIO(base64.b64decode(s))).size for s in sources]
    assert sizes == [(ui.canvas.CANVAS_SIZE,) * 2] * 2 + [(20, 20), (28, 28), (32, 32)]
    top, left, height, width = map(
        float,
        re.findall(
            r'class="box" style="top:([\d.]+)%;left:([\d.]+)%;'
            r'height:([\d.]+)%;width:([\d.]+)%"',
            stages,
        )[0],
    )
    assert 0 < top and 0 < left and 20 < height <= 100 - top and 5 < width <= 100 - left  # around a 7's ink


def _generated_html_app():
    from ui.runtime import html

    html("<div>\n    <p>kept as it is</p></div>")


def test_the_app_s_generated_html_skips_streamlit_s_dedent(monkeypatch):
    """ui.runtime.html hands st.html an object with _repr_html_, which st.html takes as it is: the dedent of
    the ~28 kB glance strip was ~0.7 ms per stroke (issue 13). If Streamlit stops honouring it, this fails."""
    import streamlit.elements.html as st_html

    dedented = []
    monkeypatch.setattr(st_html, "clean_text", lambda text: dedented.append(text) or str(text).strip())
    at = AppTest.from_function(_generated_html_app).run()
    assert not at.exception
    assert dedented == [] and at.get("html")[0].proto.body == "<div>\n    <p>kept as it is</p></div>"


def test_the_server_hands_the_interpreter_lock_on_every_millisecond(run_app, monkeypatch):
    """ui/runtime.py: with Python's 5 ms, 160 students' runs queued behind each other (issue 13)."""
    import sys

    import ui.runtime

    ui.runtime.share_the_lock_finely.cache_clear()
    monkeypatch.setattr(sys, "setswitchinterval", lambda seconds: calls.append(seconds))
    calls: list[float] = []
    at = run_app(canvas_drawing(1))
    assert not at.exception and calls == [ui.runtime.SWITCH_INTERVAL_S] == [0.001]
    ui.runtime.share_the_lock_finely.cache_clear()
