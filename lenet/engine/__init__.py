"""LeNet-5 in NumPy: serve a student's stroke, and the lab's gradient and untrained twin, without TensorFlow (issue 23).

    from lenet import engine
    net = engine.load_model(lenet.DEFAULT_MODEL_PATH)   # the .keras file the app loads, read with h5py
    result = net.forward(prep.x)                         # a lenet.Forward, as lenet.Network.forward gives
    grads = engine.input_gradient(net, x, labels)        # d score_label / d x, (B, 32, 32, 1): backward.py
    fresh = net.with_weights(engine.initial_weights(net.output, seed))   # untrained, seeded: init.py

`Engine` has `lenet.inference.Network`'s forward, layer_outputs, probabilities and rbf, with the same
shapes and, to 1e-5, the same float32 values (tests/test_engine.py compares them layer by layer).
Importing this package imports neither TensorFlow nor Keras (tested in a fresh process).
"""

from lenet.engine.backward import input_gradient
from lenet.engine.files import load_model, load_weights
from lenet.engine.init import initial_weights
from lenet.engine.network import Engine

__all__ = ["Engine", "initial_weights", "input_gradient", "load_model", "load_weights"]
