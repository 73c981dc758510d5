"""What the lab still computes with Keras: gradient x input, and the untrained network's random weights.

Imported by the Keras process only (lenet/lab/keras_process.py), never by the app's server: there a
network is a NumPy `lenet.engine.Engine`, and these functions take its facts (weights in Keras' order, the
activation names, the output kind) and build the Keras LeNet-5 that has them.
"""

import hashlib
from collections import OrderedDict

import keras
import numpy as np
import tensorflow as tf

from lenet.inference import Network
from lenet.model import build_lenet5
from lenet.paper import INPUT_BACKGROUND

TWINS = 4  # Keras twins kept (the shipped models, the class's, one more); each ~1 MB and a traced graph
_twins: OrderedDict[str, Network] = OrderedDict()


def twin(weights: list[np.ndarray], activations: dict[str, str], output: str) -> Network:
    """The Keras Network with these weights, activations and output, built once per distinct set (LRU)."""
    kinds = set(activations.values())
    if len(kinds) != 1:
        raise ValueError(f"build_lenet5 gives every layer one activation; this network has {sorted(kinds)}.")
    digest = hashlib.blake2b(repr((sorted(activations.items()), output)).encode(), digest_size=16)
    for array in weights:
        digest.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
    key = digest.hexdigest()
    if key not in _twins:
        model = build_lenet5(kinds.pop(), output)
        model.set_weights(weights)
        _twins[key] = Network(model)
        while len(_twins) > TWINS:
            _twins.popitem(last=False)
    _twins.move_to_end(key)
    return _twins[key]


def class_scores(network: Network, x: tf.Tensor) -> tf.Tensor:
    """(B, 32, 32, 1) -> (B, 10) differentiable scores: logits, or -penalty for the RBF output."""
    model = network.model
    if network.rbf:
        return -model(x, training=False)
    f6 = keras.Model(model.inputs, model.get_layer("F6").output)(x, training=False)  # (B, 84)
    kernel, bias = model.get_layer("OUTPUT").kernel, model.get_layer("OUTPUT").bias
    return tf.matmul(f6, kernel) + bias  # (B, 10) logits, before the softmax


def gradient_x_input(network: Network, x: np.ndarray, label: int) -> np.ndarray:
    """(32, 32, 1) input -> (32, 32) d score_label / d x times (x - background); see lenet.lab.saliency."""
    batch = tf.convert_to_tensor(np.asarray(x, dtype=np.float32).reshape(1, 32, 32, 1))
    with tf.GradientTape() as tape:
        tape.watch(batch)
        score = class_scores(network, batch)[0, label]
    grad = tape.gradient(score, batch).numpy()[0, :, :, 0]  # (32, 32)
    return grad * (batch.numpy()[0, :, :, 0] - INPUT_BACKGROUND)


def gradient(
    weights: list[np.ndarray], activations: dict[str, str], output: str, x: np.ndarray, label: int
) -> np.ndarray:
    """gradient_x_input for the network with these facts (what the server sends for an engine)."""
    return gradient_x_input(twin(weights, activations, output), x, label)


def untrained_weights(output: str, seed: int) -> list[np.ndarray]:
    """The initial weights of a LeNet-5 with this output, seeded (reseeds Keras' global RNGs), Keras' order.
    The same as a seeded `keras.models.clone_model` of any trained LeNet-5 gives (the activation draws none)."""
    keras.utils.set_random_seed(seed)
    return build_lenet5(output=output).get_weights()
