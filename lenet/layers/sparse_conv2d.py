"""Sparsely connected convolution, the C3 layer of LeNet-5."""

import keras
from keras import ops

from lenet.connections import gather_index


@keras.saving.register_keras_serializable(package="lenet")
class SparseConv2D(keras.layers.Layer):
    """A 'valid' 2-D convolution where output map i reads only the input maps listed in connections[i].

    For each output map i (seed, layer C3), with M_i = connections[i]:

        C3_i = sigma(sum_{j in M_i} x_j * K_ij + b_i)

    Only the kernels K_ij of real connections are weights: C3 with Table I holds
    60 kernels x 25 + 16 biases = 1,516 parameters. `call` scatters them into a dense
    (k, k, in, out) kernel whose missing connections are constant zeros, so one fast conv
    computes the layer and no gradient ever reaches a missing connection.

    Args:
        connections: one tuple of input-map indices per output map (Table I for C3).
        kernel_size: side of the square kernels (5 in LeNet-5).
        activation: the sigma applied after the sum (a Keras activation or its name).

    Input shape: (batch, height, width, in_maps), in_maps > every index in `connections`.
    Output shape: (batch, height - kernel_size + 1, width - kernel_size + 1, len(connections)).
    """

    def __init__(self, connections, kernel_size: int = 5, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.connections = tuple(tuple(int(j) for j in maps) for maps in connections)
        self.kernel_size = int(kernel_size)
        self.activation = keras.activations.get(activation)
        self.filters = len(self.connections)
        self.n_kernels = sum(len(maps) for maps in self.connections)

    def build(self, input_shape):
        in_maps = input_shape[-1]
        # Each output map reads a non-empty set of distinct maps 0..in_maps-1 (a negative index would
        # silently wrap around, a repeated one would leave a kernel that nothing ever trains).
        valid = set(range(in_maps))
        if not all(maps and len(set(maps)) == len(maps) and set(maps) <= valid for maps in self.connections):
            raise ValueError(f"Each output map must read distinct input maps 0-{in_maps - 1}; got {self.connections}.")
        # gather_index[j, i] = position of kernel K_ij in self.kernel, or n_kernels (a zero) if absent.
        self.gather_index = gather_index(self.connections, in_maps)
        k = self.kernel_size
        # Each kernel sees k*k*|M_i| inputs; Glorot over the average fan-in keeps activations in range.
        self.kernel = self.add_weight(shape=(k, k, self.n_kernels), initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")

    def dense_kernel(self):
        """The equivalent dense kernel, (k, k, in_maps, filters), zero where there is no connection."""
        zero = ops.zeros((self.kernel_size, self.kernel_size, 1), dtype=self.kernel.dtype)
        padded = ops.concatenate([self.kernel, zero], axis=-1)  # (k, k, n_kernels + 1)
        return ops.take(padded, self.gather_index, axis=-1)  # (k, k, in_maps, filters)

    def call(self, inputs):
        outputs = ops.conv(inputs, self.dense_kernel(), strides=1, padding="valid")
        return self.activation(outputs + self.bias)  # (B, H-k+1, W-k+1, filters)

    def compute_output_shape(self, input_shape):
        batch, height, width, _ = input_shape
        shrink = self.kernel_size - 1
        return (
            batch,
            None if height is None else height - shrink,
            None if width is None else width - shrink,
            self.filters,
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            connections=[list(maps) for maps in self.connections],
            kernel_size=self.kernel_size,
            activation=keras.activations.serialize(self.activation),
        )
        return config
