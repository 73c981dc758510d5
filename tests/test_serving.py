"""Lean serving (issue 23): nothing the app does needs TensorFlow. A fresh `streamlit run app.py`, a class
made with the CLI, a student over Streamlit's websocket (bench/load/protocol.py) who joins with ?class=CODE, draws
and sends; then a "Why this answer?" page (its gradient) and a "Trained vs untrained" page (its random weights)
each draw: neither the server process nor any child of it has TensorFlow mapped."""

import json
from pathlib import Path

import pytest

from bench.harness.server import children, rss_mb, streamlit_server
from bench.load.protocol import Session, load_drawings
from testkit.procs import python_m

TENSORFLOW = "tensorflow"  # in the path of every shared object TensorFlow loads (libtensorflow*, _pywrap_...)
# Packages whose compiled modules a drawing page must not load: the class store's (~0.6 s of a cold start's first
# page when lead_ui imported it for every page), Matplotlib (~0.3 s, once for the glance strip's colours), pandas
# and pyarrow (~0.4 s, Streamlit's look for dataframes in the canvas' data: ui.runtime.skip_pandas_for_plain_dicts).
NOT_FOR_DRAWING = ("sqlalchemy", "matplotlib", "pandas", "pyarrow")


def mapped_tensorflow(pid: int) -> list[str]:
    """The TensorFlow files mapped into process `pid`: what importing tensorflow (or keras) leaves there."""
    maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return sorted({line.split()[-1] for line in maps if TENSORFLOW in line.split()[-1]})


def tensorflow_anywhere(pid: int) -> dict[int, list[str]]:
    """{process: its TensorFlow files} for `pid` and its children, those that have any mapped."""
    found = {kid: mapped_tensorflow(kid) for kid in [pid, *children(pid)]}
    return {kid: files for kid, files in found.items() if files}


def mapped_packages(pid: int, names: tuple[str, ...]) -> set[str]:
    """Which of the packages `names` have a compiled module mapped into process `pid` (imported there); other
    files count not (the pictures' font is mapped from Matplotlib's folder, Matplotlib not imported)."""
    paths = [line.split()[-1] for line in Path(f"/proc/{pid}/maps").read_text().splitlines()]
    modules = [path for path in paths if path.endswith(".so") or ".so." in path]
    return {name for name in names if any(f"/site-packages/{name}/" in path for path in modules)}


@pytest.fixture
def class_code(tmp_path, monkeypatch) -> str:
    """A class in a store of its own, which the server started next will use."""
    db = f"sqlite:///{tmp_path / 'classes.db'}"
    monkeypatch.setenv("LENET_CLASS_DB", db)
    made = python_m("lenet", "class", "new", "--json", env={"LENET_CLASS_DB": db})
    assert made.returncode == 0, made.stderr[-2000:]
    return json.loads(made.stdout)["code"]


def test_a_student_draws_and_sends_without_tensorflow_in_the_server(class_code):
    from classroom import ClassStore, database_url

    drawings = load_drawings()
    with streamlit_server("app.py") as server:
        student = Session(server.url, query=f"class={class_code}")
        try:
            first = student.rerun()
            assert not first.exceptions and "Send to class" in student.buttons
            for drawing in drawings[:3]:
                run = student.draw(drawing)
                assert run.prediction == str(drawing["digit"]) and not run.exceptions
            sent = student.rerun(student.send_widgets(drawings[0]))
            assert not sent.exceptions
        finally:
            student.close()
        assert tensorflow_anywhere(server.pid) == {}
        idle_mb = rss_mb(server.pid)

        for tab in ("Why+this+answer%3F", "Trained+vs+untrained"):  # the two that asked TensorFlow before
            page = Session(server.url, query=f"tab={tab}")
            try:
                page.rerun()
                run = page.draw(drawings[0])
                assert not run.exceptions and run.prediction is None, tab  # that tab, not Prediction, ran
                assert not run.alerts, (tab, run.alerts)
            finally:
                page.close()
        assert tensorflow_anywhere(server.pid) == {}
    store = ClassStore(database_url())
    try:
        assert len(store.drawings(class_code)) == 1
    finally:
        store.close()
    print(f"server RSS after the class's strokes: {idle_mb} MiB")


def test_a_page_that_only_draws_loads_no_class_store_matplotlib_or_pandas():
    with streamlit_server("app.py") as server:
        page = Session(server.url)
        try:
            assert not page.rerun().exceptions
            for drawing in load_drawings()[:3]:
                run = page.draw(drawing)
                assert run.prediction == str(drawing["digit"]) and not run.exceptions
        finally:
            page.close()
        assert mapped_packages(server.pid, NOT_FOR_DRAWING) == set()


LESSON_TABS = ("Layers", "Inside+one+unit", "C3+wiring", "Lesion", "Invariance")  # the lesson plan's lab tabs


def test_the_lessons_tabs_load_no_matplotlib_or_pandas():
    """Each tab a teacher-paced lesson walks through, with a drawing: no pandas and pyarrow (a Vega-Lite chart's
    first call imported them: ~0.5 s on a class's first Layers page, ~70 MB), no Matplotlib (the pictures' font
    is found without it, the weights' colour map is written out)."""
    with streamlit_server("app.py") as server:
        for tab in LESSON_TABS:
            page = Session(server.url, query=f"tab={tab}")
            try:
                assert not page.rerun().exceptions, tab
                assert not page.draw(load_drawings()[0]).exceptions, tab
            finally:
                page.close()
        assert mapped_packages(server.pid, ("matplotlib", "pandas", "pyarrow")) == set()
