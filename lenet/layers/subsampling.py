"""Trainable subsampling, the S2 and S4 layers of LeNet-5."""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="lenet")
class Subsampling2D(keras.layers.Layer):
    """Average-pool each map 2x2, then scale and shift it by that map's own trainable coefficients.

    For each feature map i (seed, layer S2):

        S_i = sigma(beta_i * avgpool(x_i) + b_i),
        avgpool(x)_{m,n} = 1/4 * sum_{k,l in {0,1}} x_{2m+k, 2n+l}

    The paper sums the four inputs instead of averaging them; that is the same layer with beta 4x
    larger. Two parameters per map: 12 for S2 (6 maps), 32 for S4 (16 maps).

    Args:
        activation: the sigma applied after the affine map (a Keras activation or its name).
        pool_size: side of the non-overlapping pooling window (2 in LeNet-5).

    Input shape: (batch, height, width, channels), height and width divisible by pool_size.
    Output shape: (batch, height // pool_size, width // pool_size, channels).
    """

    def __init__(self, activation=None, pool_size: int = 2, **kwargs):
        super().__init__(**kwargs)
        self.activation = keras.activations.get(activation)
        self.pool_size = int(pool_size)

    def build(self, input_shape):
        channels = input_shape[-1]
        # beta = 1, b = 0 starts as plain average pooling.
        self.beta = self.add_weight(shape=(channels,), initializer="ones", name="beta")
        self.bias = self.add_weight(shape=(channels,), initializer="zeros", name="bias")

    def call(self, inputs):
        pooled = ops.average_pool(inputs, self.pool_size, strides=self.pool_size, padding="valid")
        return self.activation(pooled * self.beta + self.bias)  # (B, H/2, W/2, C)

    def compute_output_shape(self, input_shape):
        batch, height, width, channels = input_shape
        p = self.pool_size
        return (batch, None if height is None else height // p, None if width is None else width // p, channels)

    def get_config(self):
        config = super().get_config()
        config.update(activation=keras.activations.serialize(self.activation), pool_size=self.pool_size)
        return config
