"""TensorFlow's d score / d input of a LeNet-5: the reference that tests/test_engine_backward.py holds the NumPy
backward pass (lenet/engine/backward.py) to, and that bench/why.py times it against. It is what "Why this
answer?" computed with Keras before (lenet/lab/with_keras.py, until issue 23 took TensorFlow out of the app).
Imports TensorFlow: tests and benchmarks only, never the app."""

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from lenet.engine import Engine
from lenet.model import build_lenet5


def keras_twin(net: Engine) -> keras.Model:
    """The Keras LeNet-5 with the engine's weights, activation and output (one activation for every layer)."""
    (activation,) = set(net.activations.values())
    model = build_lenet5(activation, net.output)
    model.set_weights(net.get_weights())
    return model


def score_function(model: keras.Model) -> Callable[[tf.Tensor], tf.Tensor]:
    """(B, 32, 32, 1) -> (B, 10) differentiable class scores: logits (before the softmax), or -penalty (RBF)."""
    output = model.get_layer("OUTPUT")
    if not hasattr(output, "kernel"):  # the RBF output: its penalties, negated
        return lambda x: -model(x, training=False)
    f6 = keras.Model(model.inputs, model.get_layer("F6").output)  # (B, 84)
    return lambda x: tf.matmul(f6(x, training=False), output.kernel) + output.bias


def tape_gradient(scores: Callable[[tf.Tensor], tf.Tensor], x: np.ndarray, labels) -> np.ndarray:
    """GradientTape's d score_label / d x for each image: (B, 32, 32, 1), labels (B,) or one int."""
    batch = tf.convert_to_tensor(np.asarray(x, dtype=np.float32))
    labels = tf.convert_to_tensor(np.broadcast_to(np.asarray(labels, dtype=np.int32), batch.shape[:1]))
    with tf.GradientTape() as tape:
        tape.watch(batch)
        chosen = tf.gather(scores(batch), labels, batch_dims=1)  # (B,): image b's class labels[b]
    return tape.gradient(chosen, batch).numpy()  # each image's score depends on that image alone
