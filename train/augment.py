"""Random distortions in the spirit of the paper's (Section III-C): one random planar affine map per
image (translation, scaling, squeezing, shearing, rotation), applied in a single resampling step.

One resampling matters: chaining Keras' RandomRotation/Shear/Zoom/Translation layers resamples four
times, and the blur that piles up makes training images unlike the sharp test digits.
"""

import math

import tensorflow as tf
from keras import ops

ROTATE = math.radians(10)  # +-10 degrees
SHEAR = 0.15  # horizontal shear, +-tan(angle)
SCALE = math.log(1.1)  # each axis scaled by 1/1.1 .. 1.1, independently: scale and squeeze
TRANSLATE = 2.0  # +-2 pixels


def affine_params(n: int, seed: tf.Tensor, size: int) -> tf.Tensor:
    """(n, 8) output->input maps in the layout of keras.ops.image.affine_transform, about the centre."""
    u = tf.random.stateless_uniform((n, 6), seed=seed, minval=-1.0, maxval=1.0)  # (n, 6)
    angle, shear = u[:, 0] * ROTATE, u[:, 1] * SHEAR
    sx, sy = tf.exp(u[:, 2] * SCALE), tf.exp(u[:, 3] * SCALE)
    cos, sin = tf.cos(angle), tf.sin(angle)
    # A = rotation @ shear @ diag(1/sx, 1/sy): the input point each output point samples from.
    a00, a01 = cos / sx, (cos * shear - sin) / sy
    a10, a11 = sin / sx, (sin * shear + cos) / sy
    c = (size - 1) / 2.0
    a02 = c - a00 * c - a01 * c + u[:, 4] * TRANSLATE
    a12 = c - a10 * c - a11 * c + u[:, 5] * TRANSLATE
    zeros = tf.zeros_like(a00)
    return tf.stack([a00, a01, a02, a10, a11, a12, zeros, zeros], axis=1)


def distort(images: tf.Tensor, seed: tf.Tensor, fill_value: float) -> tf.Tensor:
    """(B, H, W, 1) batch -> the same batch, each image through its own random affine map.

    `seed` is a (2,) int tensor (stateless randomness: the same seed gives the same distortions).
    """
    params = affine_params(tf.shape(images)[0], seed, images.shape[1])
    return ops.image.affine_transform(
        images, params, interpolation="bilinear", fill_mode="constant", fill_value=fill_value
    )
