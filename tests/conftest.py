"""Shared fixtures. The repository root is on sys.path by pytest's `pythonpath` setting (pyproject.toml)."""

import os
import tempfile
from pathlib import Path

import pytest

# One PostgreSQL server for the whole session: a fixture imported into two modules would be two fixtures, each
# starting its own server (initdb and start: 5-15 s on a busy machine).
from testkit.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before anything imports TensorFlow
# The class store (data/classes.db) and Watch it learn's run folder (runs/in_class) of the developer's checkout
# are not the tests' business: a class left open there would lock the lab's Start button. The tests, and the
# app servers they start (which inherit this environment), get their own, unless a run sets them explicitly.
_SCRATCH = Path(tempfile.mkdtemp(prefix="lenet-tests-"))
os.environ.setdefault("LENET_DATA_DIR", str(_SCRATCH / "data"))
os.environ.setdefault("LENET_LIVE_DIR", str(_SCRATCH / "in_class"))


@pytest.fixture(autouse=True)
def on_this_computer(monkeypatch) -> None:
    """AppTest runs the app on a mocked Streamlit runtime, so st.context.ip_address is a MagicMock there.
    Give its sessions what Streamlit reports for a browser on this computer (None); the class tests'
    `remote` fixture makes them a student's device instead."""
    import streamlit as st

    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: None))


@pytest.fixture(scope="session")
def untrained_model_path(tmp_path_factory) -> Path:
    """A seeded, untrained softmax LeNet-5 saved as .keras (enough to exercise loading and the CLI)."""
    import keras

    from lenet import build_lenet5

    keras.utils.set_random_seed(0)
    path = tmp_path_factory.mktemp("models") / "untrained.keras"
    build_lenet5().save(path)
    return path


@pytest.fixture(scope="session")
def dev_models(tmp_path_factory) -> Path:
    """A folder with untrained softmax and RBF models (the app's logic does not need trained ones)."""
    import lenet

    folder = tmp_path_factory.mktemp("models")
    lenet.build_lenet5().save(folder / lenet.DEFAULT_MODEL_PATH.name)
    lenet.build_lenet5(output="rbf").save(folder / lenet.CLASSIC_MODEL_PATH.name)
    return folder


@pytest.fixture
def run_app(monkeypatch, dev_models):
    """run_app(drawing, model_dir=dev_models, tab=None) -> a finished AppTest whose canvas returns
    `drawing`, with the tab titled `tab` open (only the open tab runs). Shared by test_app and test_plain_words."""
    from testkit.apptest import run_app_test  # here: the environment above is set before Streamlit is imported

    def run(drawing=None, model_dir: Path | None = dev_models, tab: str | None = None):
        if model_dir is None:
            monkeypatch.delenv("LENET_MODEL_DIR", raising=False)  # the shipped assets/ models
        else:
            monkeypatch.setenv("LENET_MODEL_DIR", str(model_dir))
        return run_app_test(monkeypatch, drawing, **({} if tab is None else {"tab": tab}))

    return run
