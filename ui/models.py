"""The model selector and the cached loading of the chosen LeNet-5."""

import os
from pathlib import Path

import streamlit as st

import lenet

# Selector label -> the shipped model file.
MODELS = {
    "Default (softmax)": lenet.DEFAULT_MODEL_PATH,
    "Classic (RBF, 1998)": lenet.CLASSIC_MODEL_PATH,
}
MODEL_DIR_ENV = "LENET_MODEL_DIR"  # tests and demos may point the app at another folder of models


def model_path(key: str) -> Path:
    """The file for selector label `key`, inside $LENET_MODEL_DIR when that is set."""
    path = MODELS[key]
    folder = os.environ.get(MODEL_DIR_ENV)
    return Path(folder) / path.name if folder else path


@st.cache_resource(show_spinner="Loading LeNet-5…", max_entries=4)
def _load(path: str, mtime: float) -> lenet.Network:
    # mtime is part of the cache key: a retrained file replaces the cached network.
    return lenet.Network(lenet.load_model(path))


def load_network(key: str) -> lenet.Network:
    """The network for selector label `key`; raises lenet.ModelLoadError with the fix in its message."""
    path = model_path(key)
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _load(str(path), mtime)


def model_ui() -> str:
    """The model selector; returns the chosen label."""
    return st.radio(
        "Model",
        list(MODELS),
        key="model",
        horizontal=True,
        help="Default: a modern softmax output. Classic: the paper's RBF output units (Fig. 3 bitmaps).",
    )
