"""Elastic distortions (Simard, Steinkraus & Platt 2003, "Best practices for convolutional neural
networks applied to visual document analysis", Section 2), joined to train/augment.py's affine map so
each training image is still resampled once.

A displacement field: every pixel gets a random offset (dx, dy), each uniform in [-1, 1]; the field is
smoothed by a Gaussian of standard deviation `sigma` pixels (a normalised kernel) and scaled by `alpha`.
Simard's MNIST values are sigma = 4, alpha = 34: a mean displacement of about 1.4 px that varies
smoothly, like the wobble of a hand rather than the noise of a scanner.
"""

import math
from dataclasses import dataclass

import tensorflow as tf

from train.augment import affine_params


@dataclass(frozen=True)
class Elastic:
    sigma: float = 4.0  # px: smoothness of the field (Simard 2003's MNIST value)
    alpha: float = 34.0  # px: its strength (Simard 2003's MNIST value)


def gaussian_kernel(sigma: float) -> tf.Tensor:
    """(2r+1,) float32, a normalised 1-D Gaussian truncated at r = ceil(3 sigma)."""
    radius = max(1, math.ceil(3 * sigma))
    x = tf.range(-radius, radius + 1, dtype=tf.float32)
    kernel = tf.exp(-0.5 * tf.square(x / sigma))
    return kernel / tf.reduce_sum(kernel)


def displacement(n: int, size: int, seed: tf.Tensor, elastic: Elastic) -> tf.Tensor:
    """(n, size, size, 2) smoothed random offsets (dx, dy) in pixels."""
    field = tf.random.stateless_uniform((n, size, size, 2), seed=seed, minval=-1.0, maxval=1.0)
    kernel = gaussian_kernel(elastic.sigma)
    k = tf.shape(kernel)[0]
    along_x = tf.tile(tf.reshape(kernel, (1, k, 1, 1)), (1, 1, 2, 1))  # depthwise: dx and dy apart
    along_y = tf.tile(tf.reshape(kernel, (k, 1, 1, 1)), (1, 1, 2, 1))
    field = tf.nn.depthwise_conv2d(field, along_x, strides=(1, 1, 1, 1), padding="SAME")
    field = tf.nn.depthwise_conv2d(field, along_y, strides=(1, 1, 1, 1), padding="SAME")
    return elastic.alpha * field


def bilinear(images: tf.Tensor, xs: tf.Tensor, ys: tf.Tensor, fill_value: float) -> tf.Tensor:
    """Sample (B, H, W, 1) images at input points (xs, ys), each (B, H, W), with bilinear weights;
    points outside the image read `fill_value` (as keras.ops.image.affine_transform's "constant" mode)."""
    b, h, w = tf.shape(images)[0], tf.shape(images)[1], tf.shape(images)[2]
    # A one-pixel frame of fill_value: every neighbour outside the image is clipped onto the frame.
    padded = tf.pad(images[..., 0], ((0, 0), (1, 1), (1, 1)), constant_values=fill_value)
    flat = tf.reshape(padded, (b, -1))  # (B, (H+2)(W+2))
    x0, y0 = tf.floor(xs), tf.floor(ys)
    wx, wy = xs - x0, ys - y0

    def at(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        col = tf.clip_by_value(tf.cast(x, tf.int32) + 1, 0, w + 1)
        row = tf.clip_by_value(tf.cast(y, tf.int32) + 1, 0, h + 1)
        return tf.gather(flat, tf.reshape(row * (w + 2) + col, (b, -1)), batch_dims=1)

    top = at(x0, y0) * tf.reshape(1 - wx, (b, -1)) + at(x0 + 1, y0) * tf.reshape(wx, (b, -1))
    bottom = at(x0, y0 + 1) * tf.reshape(1 - wx, (b, -1)) + at(x0 + 1, y0 + 1) * tf.reshape(wx, (b, -1))
    out = top * tf.reshape(1 - wy, (b, -1)) + bottom * tf.reshape(wy, (b, -1))
    return tf.reshape(out, (b, h, w, 1))


IDENTITY = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0)  # keras.ops.image.affine_transform's layout


def distort_elastic(
    images: tf.Tensor, seed: tf.Tensor, fill_value: float, elastic: Elastic, affine: bool = True
) -> tf.Tensor:
    """(B, H, W, 1) -> the same batch, each image through its own affine map (train/augment.py's; none
    without `affine`) plus an elastic displacement, in one bilinear resampling. `seed`: (2,) int (stateless)."""
    n, size = tf.shape(images)[0], images.shape[1]
    if affine:
        params = affine_params(n, seed, size)  # (n, 8): output point -> input point
    else:
        params = tf.tile(tf.constant([IDENTITY]), (n, 1))
    offsets = displacement(n, size, tf.random.experimental.stateless_fold_in(seed, 1), elastic)
    grid = tf.range(size, dtype=tf.float32)
    gx, gy = tf.meshgrid(grid, grid)  # (H, W): column and row of each output pixel
    a = [tf.reshape(params[:, i], (-1, 1, 1)) for i in range(6)]
    xs = a[0] * gx + a[1] * gy + a[2] + offsets[..., 0]
    ys = a[3] * gx + a[4] * gy + a[5] + offsets[..., 1]
    return bilinear(images, xs, ys, fill_value)
