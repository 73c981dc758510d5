"""One forward pass that returns the prediction and what every layer computed."""

import keras
import numpy as np
import tensorflow as tf

from lenet.architecture import INPUT_SHAPE
from lenet.forward import Forward, scores_to_probabilities
from lenet.model import is_rbf
from lenet.paper import LAYER_NAMES

__all__ = ["Forward", "Network"]  # Forward lives in lenet.forward (no Keras), shared with lenet.engine


class Network:
    """A loaded LeNet-5 and a compiled function that returns all seven layers' outputs at once.

    Thread-safe for inference: the compiled graph holds no per-call Python state.
    """

    def __init__(self, model: keras.Model):
        self.model = model
        self.rbf = is_rbf(model)
        outputs = [model.get_layer(name).output for name in LAYER_NAMES]
        self._probe = keras.Model(model.inputs, outputs, name=f"{model.name}_probe")
        # Traced once, here: calling the concrete function skips tf.function's per-call signature matching,
        # ~0.4 of the ~1.2 ms a one-image forward pass costs (issue 13).
        self._run = tf.function(
            lambda x: self._probe(x, training=False),
            input_signature=[tf.TensorSpec((None, *INPUT_SHAPE), tf.float32)],
        ).get_concrete_function()

    def layer_outputs(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """(B, 32, 32, 1) -> {layer name: (B, ...)} with C5 flattened to (B, 120)."""
        outputs = self._run(tf.convert_to_tensor(np.asarray(x, dtype=np.float32)))
        result = {name: out.numpy() for name, out in zip(LAYER_NAMES, outputs)}
        result["C5"] = result["C5"].reshape(len(result["C5"]), -1)  # (B, 1, 1, 120) -> (B, 120)
        return result

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(B, 32, 32, 1) -> (B, 10) class probabilities (softmax of -penalty for the RBF output)."""
        return scores_to_probabilities(self.layer_outputs(x)["OUTPUT"], self.rbf)

    def forward(self, x: np.ndarray) -> Forward:
        """One image, (32, 32) or (32, 32, 1) -> label, probabilities and every layer's maps."""
        batch = np.asarray(x, dtype=np.float32).reshape(1, *INPUT_SHAPE)
        outputs = {name: out[0] for name, out in self.layer_outputs(batch).items()}
        probs = scores_to_probabilities(outputs["OUTPUT"], self.rbf)
        return Forward(int(np.argmax(probs)), probs, outputs)
