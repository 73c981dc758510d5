"""The model, inference and training tests again, under a second TensorFlow: opt-in, for the Intel Macs' 2.16.2
(requirements.txt), which CI does not install. Make that venv (docs/install.md, "Checking the Intel-Mac TensorFlow")
and name it:

    LENET_SECOND_VENV=/tmp/tf216 .venv/bin/python -m pytest tests/test_second_tensorflow.py   # ~4 min on 2 cores
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from launch.venv import python_in
from testkit import ROOT

SECOND_VENV = os.environ.get("LENET_SECOND_VENV", "")
# The model, its layers and inference, training and the live worker, the CLI, the app on the model (AppTest).
TESTS = [
    "tests/test_model.py",
    "tests/test_layers.py",
    "tests/test_train.py",
    "tests/test_cli.py",
    "tests/test_preprocess.py",
    "tests/test_live.py",
    "tests/test_finetune.py",
    "tests/test_glance.py",
    "tests/test_app.py",
    "tests/test_lab.py",
    "tests/test_lab_app.py",
    "tests/test_learn_app.py",
]
VERSIONS = "import tensorflow, keras, numpy; print(tensorflow.__version__, keras.__version__, numpy.__version__)"


@pytest.mark.skipif(not SECOND_VENV, reason="opt-in: LENET_SECOND_VENV names a venv with another TensorFlow")
def test_the_suite_passes_under_the_second_tensorflow():
    python = python_in(Path(SECOND_VENV), windows=sys.platform == "win32")
    versions = subprocess.run([python, "-c", VERSIONS], capture_output=True, text=True, check=True).stdout.split()
    print(f"second venv: TensorFlow {versions[0]}, Keras {versions[1]}, NumPy {versions[2]}")
    done = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=ROOT, timeout=3000, check=False
    )
    assert done.returncode == 0, f"the tests failed under TensorFlow {versions[0]} (output above)"
