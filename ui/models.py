"""The model selector and the cached loading of the chosen LeNet-5.

One `lenet.Network` per model file is shared by every session (st.cache_resource). That is safe:
`Network.forward` runs a `tf.function` with a fixed input signature, traced once here before anyone
uses it, and a traced tf.function may be called from many threads at once (it keeps no per-call
Python state); the Keras model itself is only read.
"""

import functools
import logging
import os
import sys
import threading
from pathlib import Path

import numpy as np
import streamlit as st

# No TensorFlow in these two: the page draws first.
from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH, IN_CLASS_MODEL_PATH
from train import live
from ui.texts import explained

# Selector label -> the shipped model file.
MODELS = {
    "Default (softmax)": DEFAULT_MODEL_PATH,
    "Classic (RBF, 1998)": CLASSIC_MODEL_PATH,
    "Trained in class": IN_CLASS_MODEL_PATH,  # written by "Watch it learn"; listed once it exists
}
IN_CLASS = "Trained in class"
MODEL_DIR_ENV = "LENET_MODEL_DIR"  # tests and demos may point the app at another folder of models
_RESET = "_clean_problem_modules"  # Streamlit's private per-run reset, in streamlit.runtime.scriptrunner.script_runner
_log = logging.getLogger(__name__)
_preloading = threading.Lock()
_preloaded: set[tuple[str, float]] = set()


def model_path(key: str) -> Path:
    """The file for selector label `key`, inside $LENET_MODEL_DIR when that is set."""
    if key == IN_CLASS:
        return live.model_path()  # the trainer's run folder ($LENET_LIVE_DIR)
    path = MODELS[key]
    folder = os.environ.get(MODEL_DIR_ENV)
    return Path(folder) / path.name if folder else path


def model_id(key: str) -> tuple[str, float]:
    """(path, mtime) of the file for `key`: the cache key, so a retrained file replaces the cached one."""
    path = model_path(key)
    return str(path), path.stat().st_mtime if path.is_file() else 0.0


@st.cache_resource(show_spinner="Loading LeNet-5…", max_entries=4)
def _load(path: str, mtime: float):
    import lenet  # the first model names import TensorFlow (~6 s): not before the page is drawn

    network = lenet.Network(lenet.load_model(path))
    network.forward(np.zeros((32, 32), np.float32))  # trace the tf.function now, not on the first drawing
    return network


def load_network(key: str):
    """The lenet.Network for selector label `key`; raises lenet.ModelLoadError with the fix in its message."""
    return _load(*model_id(key))


def preload(key: str) -> None:
    """Start loading `key`'s model in a background thread (once per file), so TensorFlow's import
    overlaps the first page and the first stroke. A session that needs the model waits for the
    same computation (st.cache_resource computes each key once)."""
    ident = model_id(key)
    with _preloading:
        if ident in _preloaded:
            return
        _preloaded.add(ident)
    threading.Thread(target=_quiet_load, args=ident, name="lenet-preload", daemon=True).start()


def _quiet_load(path: str, mtime: float) -> None:
    try:
        _load(path, mtime)
    except Exception:  # noqa: BLE001  (a bad file is reported to the session that opens it)
        _log.debug("background load of %s failed; the session that opens it shows why", path, exc_info=True)


@functools.cache  # once per process: every session's run would otherwise patch it again
def keep_keras_between_runs() -> None:
    """Stop Streamlit from resetting Keras after every script run.

    Streamlit 1.67 calls `keras.backend.clear_session()` after each run once Keras is imported
    (`script_runner._clean_problem_modules`), for apps that build a model per run. Here the models are
    loaded once and shared, so that reset only costs: it clears TensorFlow's kernel cache (the next
    forward pass took 40-120 ms instead of 3 ms) and runs a full garbage collection, on every stroke of
    every student, while other sessions may be mid-forward. Matplotlib's figures are still closed.
    If a Streamlit upgrade renames the function, the app still works (only slower): a warning says so,
    and tests/test_app.py fails.
    """
    from streamlit.runtime.scriptrunner import script_runner

    if not hasattr(script_runner, _RESET):
        _log.warning(
            "streamlit.runtime.scriptrunner.script_runner.%s is gone (Streamlit upgraded?): Streamlit may "
            "reset Keras after every run again, 40-140 ms more per stroke. See ui/models.py.",
            _RESET,
        )
        return
    setattr(script_runner, _RESET, _close_pyplot_figures)


def _close_pyplot_figures() -> None:
    """What Streamlit's reset does, less Keras: close pyplot's figures. Streamlit calls it inside its own
    error guard (`_log_if_error`), which logs a failure instead of breaking the session."""
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def model_ui() -> str:
    """The model selector; returns the chosen label."""
    return st.radio(
        "Model",
        [key for key in MODELS if key != IN_CLASS or model_path(key).is_file()],
        key="model",
        horizontal=True,
        help=f"Default: a modern {explained('softmax')} output. Classic: the paper's RBF output units (Fig. 3 bitmaps). "
        "Trained in class: the network trained in the *Watch it learn* tab, as it is now.",
    )
