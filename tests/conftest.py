"""Shared fixtures. The repository root is on sys.path by pytest's `pythonpath` setting (pyproject.toml)."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before anything imports TensorFlow


@pytest.fixture(scope="session")
def untrained_model_path(tmp_path_factory) -> Path:
    """A seeded, untrained softmax LeNet-5 saved as .keras (enough to exercise loading and the CLI)."""
    import keras

    from lenet import build_lenet5

    keras.utils.set_random_seed(0)
    path = tmp_path_factory.mktemp("models") / "untrained.keras"
    build_lenet5().save(path)
    return path
