"""Euclidean radial basis function units, the paper's "Gaussian connections" OUTPUT layer."""

import keras
import numpy as np
from keras import ops

from lenet.paper import RBF_BITMAPS


@keras.saving.register_keras_serializable(package="lenet")
class RBFOutput(keras.layers.Layer):
    """Score each class by the squared distance between the input and that class's fixed centre.

    Paper, eq. (7):  y_i = sum_j (x_j - w_ij)^2

    The centres w_i are the stylised 7x12 bitmaps of Fig. 3 (+1 / -1), fixed, not trained:
    840 non-trainable weights for 10 classes of 84 inputs. A *smaller* y_i means a better match,
    so `-y` acts as the logits of a softmax (see `lenet.model.scores_to_probabilities`).

    Args:
        centres: (units, input_dim) array of centres; defaults to the paper's digit bitmaps.

    Input shape: (batch, input_dim), input_dim = 84 for the paper's centres.
    Output shape: (batch, units) penalties, >= 0.
    """

    def __init__(self, centres=None, **kwargs):
        super().__init__(**kwargs)
        if centres is None:
            centres = RBF_BITMAPS.reshape(len(RBF_BITMAPS), -1)
        self.initial_centres = np.asarray(centres, dtype="float32")

    def build(self, input_shape):
        units, dim = self.initial_centres.shape
        if input_shape[-1] != dim:
            raise ValueError(f"RBFOutput centres have {dim} inputs but the layer gets {input_shape[-1]}.")
        self.centres = self.add_weight(
            shape=(units, dim),
            initializer=keras.initializers.Constant(self.initial_centres),
            trainable=False,
            name="centres",
        )

    def call(self, inputs):
        # |x - w|^2 = |x|^2 - 2 x.w + |w|^2, one matmul instead of a (B, units, dim) tensor.
        x_sq = ops.sum(ops.square(inputs), axis=-1, keepdims=True)  # (B, 1)
        w_sq = ops.sum(ops.square(self.centres), axis=-1)  # (units,)
        cross = ops.matmul(inputs, ops.transpose(self.centres))  # (B, units)
        return ops.maximum(x_sq - 2.0 * cross + w_sq, 0.0)  # (B, units)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.initial_centres.shape[0])

    def get_config(self):
        config = super().get_config()
        config.update(centres=self.initial_centres.tolist())
        return config
