"""app.py in Streamlit's AppTest: the canvas replaced by a fixed drawing, a link's query parameters set."""

import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from testkit import APP
from testkit.digits import draw_digit

TIMEOUT_S = 120  # a first run imports the engine and loads the models on a busy machine


def canvas_drawing(digit: int) -> np.ndarray:
    """What the 280x280 canvas returns for `digit`: RGBA, white ink, MNIST-thick strokes."""
    import ui.canvas

    return draw_digit(digit, size=ui.canvas.CANVAS_SIZE, thickness=ui.canvas.STROKE_WIDTH, mode="RGBA")


def app_test(monkeypatch: pytest.MonkeyPatch | None = None, drawing: np.ndarray | None = None, **query: str) -> AppTest:
    """app.py in an AppTest, not run yet; with `monkeypatch`, its canvas returns `drawing` (None: nothing drawn);
    `query` as the URL's query parameters, as a link to ?tab=... opens that tab."""
    if monkeypatch is not None:
        import ui.canvas

        monkeypatch.setattr(ui.canvas, "canvas_ui", lambda: drawing)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def run_app_test(
    monkeypatch: pytest.MonkeyPatch | None = None, drawing: np.ndarray | None = None, **query: str
) -> AppTest:
    """app_test(...), run once: the page as it first shows."""
    return app_test(monkeypatch, drawing, **query).run()


def words(at: AppTest) -> str:
    """The messages' text (success, info, warning) as a reader sees it: Markdown's backslash escapes
    (ui/plain.py) removed."""
    text = " ".join(str(e.value) for kind in (at.success, at.info, at.warning) for e in kind)
    return re.sub(r"\\(.)", r"\1", text)
