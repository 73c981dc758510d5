"""Lean serving (issue 23): a student's stroke never needs TensorFlow. A fresh `streamlit run app.py`, a class
made with the CLI, a student over Streamlit's websocket (bench/load/protocol.py) who joins with ?class=CODE, draws
and sends: the server process has no TensorFlow mapped. Then a "Why this answer?" page computes its gradient
in the Keras process, a child of the server: TensorFlow is mapped there, still not in the server."""

import json
from pathlib import Path

import pytest

from bench.harness.server import children, rss_mb, streamlit_server
from bench.load.protocol import Session, load_drawings
from testkit.procs import python_m

TENSORFLOW = "tensorflow"  # in the path of every shared object TensorFlow loads (libtensorflow*, _pywrap_...)


def mapped_tensorflow(pid: int) -> list[str]:
    """The TensorFlow files mapped into process `pid`: what importing tensorflow (or keras) leaves there."""
    maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return sorted({line.split()[-1] for line in maps if TENSORFLOW in line.split()[-1]})


def keras_processes(pid: int) -> list[int]:
    return [kid for kid in children(pid) if b"lenet.lab.keras_process" in Path(f"/proc/{kid}/cmdline").read_bytes()]


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
        assert mapped_tensorflow(server.pid) == [] and keras_processes(server.pid) == []
        idle_mb = rss_mb(server.pid)

        why = Session(server.url, query="tab=Why+this+answer%3F")  # the one tab that asks TensorFlow, in a child
        try:
            why.rerun()
            run = why.draw(drawings[0])
            assert not run.exceptions and run.prediction is None  # the Why tab, not Prediction, ran
            assert not [alert for alert in run.alerts if "could not be computed" in alert], run.alerts
        finally:
            why.close()
        (child,) = keras_processes(server.pid)
        assert mapped_tensorflow(child) != [], "the gradient came from somewhere else"
        assert mapped_tensorflow(server.pid) == []
    store = ClassStore(database_url())
    try:
        assert len(store.drawings(class_code)) == 1
    finally:
        store.close()
    print(f"server RSS after the class's strokes: {idle_mb} MiB")
