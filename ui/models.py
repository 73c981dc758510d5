"""The model selector and the cached loading of the chosen LeNet-5.

One `lenet.engine.Engine` per model file is shared by every session (`_load`, a process-wide cache): LeNet-5's
forward pass in NumPy, read from the same .keras files without TensorFlow or Keras (a few milliseconds; issue 23).
Sharing is safe: an engine's arrays are read-only and a pass keeps no state between calls. The lab's
gradient and untrained weights are the engine's too (lenet/engine/backward.py, init.py). So the server
never imports Keras, and Streamlit's reset after every run (`keras.backend.clear_session()` once Keras is
in sys.modules, which this module used to switch off) has nothing to reset.
"""

import functools
import os
from pathlib import Path

import streamlit as st

# Light: the page draws first.
from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH, IN_CLASS_MODEL_PATH
from train import live
from ui.i18n import N_, _, translator
from ui.texts import explained

# Selector label -> the shipped model file.
MODELS = {  # English labels: the keys (the cache, the class store); the selector shows _(label)
    N_("Default (softmax)"): DEFAULT_MODEL_PATH,
    N_("Classic (RBF, 1998)"): CLASSIC_MODEL_PATH,
    N_("Trained in class"): IN_CLASS_MODEL_PATH,  # written by "Watch it learn"; listed once it exists
}
IN_CLASS = "Trained in class"
_LOADED: set[tuple[str, float]] = set()  # model ids loaded in this process (then _load is a cache hit)
MODEL_DIR_ENV = "LENET_MODEL_DIR"  # tests and demos may point the app at another folder of models


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


# Not st.cache_resource: its lookup costs ~0.4 ms on every call (it inspects the function's signature and
# hashes the arguments), 3 % of a stroke's server CPU; loading an engine takes milliseconds.
@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float):
    from lenet import engine

    return engine.load_model(path)


def load_network(key: str):
    """The lenet.engine.Engine for selector label `key`; raises lenet.ModelLoadError with the fix in its message."""
    ident = model_id(key)
    if ident in _LOADED:  # a stroke: no spinner element to send
        return _load(*ident)
    with st.spinner(_("Loading LeNet-5…")):
        network = _load(*ident)
    _LOADED.add(ident)
    return network


def model_ui() -> str:
    """The model selector; returns the chosen label."""
    return st.radio(
        _("Model"),
        [key for key in MODELS if key != IN_CLASS or model_path(key).is_file()],
        key="model",
        format_func=translator(),
        horizontal=True,
        help=_(
            "Default: a modern {softmax} output. Classic: the paper's RBF output units (Fig. 3 bitmaps). "
            "Trained in class: the network trained in the *Watch it learn* tab, as it is now."
        ).format(softmax=explained("softmax")),
    )
