"""The Keras process (lenet/lab/keras_process.py): answers, its errors in words, a child that died is
started again, an idle child exits, and the server side never imports TensorFlow."""

import subprocess
import sys
import threading
from multiprocessing.connection import Pipe

import numpy as np
import pytest

from lenet.lab import keras_process
from testkit import ROOT


def test_only_the_lab_s_functions_are_asked_for():
    with pytest.raises(ValueError, match="computes"):
        keras_process.call("eval", "1 + 1")


def test_a_failed_request_says_why_and_the_process_goes_on():
    with pytest.raises(keras_process.KerasProcessError, match="ValueError: Unknown output 'square'"):
        keras_process.call("untrained_weights", "square", 0)
    weights = keras_process.call("untrained_weights", "rbf", 1)
    assert [w.shape for w in weights][-1] == (10, 84)  # the RBF centres


def test_a_child_that_died_is_started_again():
    keras_process.call("untrained_weights", "softmax", 0)
    first = keras_process._child.process
    assert first is not None and first.poll() is None
    first.kill()
    first.wait()
    weights = keras_process.call("untrained_weights", "softmax", 0)
    assert keras_process._child.process is not first and len(weights) == 14


def test_an_idle_child_exits_and_a_closed_server_ends_it():
    """serve() returns after idle_s without a request, and as soon as the server's end closes."""
    for idle_s, close in ((0.2, False), (60.0, True)):
        server, child = Pipe()
        thread = threading.Thread(target=keras_process.serve, args=(child, idle_s), daemon=True)
        thread.start()
        server.send(("untrained_weights", ("softmax", 3)))
        ok, weights = server.recv()
        assert ok and len(weights) == 14
        if close:
            server.close()
        thread.join(10)
        assert not thread.is_alive(), (idle_s, close)


def test_the_server_side_imports_no_tensorflow():
    code = (
        "import sys\nfrom lenet.lab import keras_process, saliency, untrained, unit, lesion\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_the_gradient_of_a_network_with_mixed_activations_is_refused_in_words():
    from lenet import DEFAULT_MODEL_PATH, engine
    from lenet.engine.network import HIDDEN

    net = engine.load_model(DEFAULT_MODEL_PATH)
    mixed = engine.Engine(
        {n: net.weights[n] for n in net.weights}, {**dict.fromkeys(HIDDEN, "relu"), "C1": "sigmoid"}, net.output
    )
    with pytest.raises(keras_process.KerasProcessError, match="one activation"):
        keras_process.call("gradient", mixed.get_weights(), mixed.activations, mixed.output, np.zeros((32, 32, 1)), 0)
