"""tf.data input pipelines: MNIST uint8 -> shuffled, distorted, batched model inputs."""

import numpy as np
import tensorflow as tf

from lenet.paper import INPUT_BACKGROUND
from lenet.preprocess import mnist_to_input
from train.augment import distort
from train.elastic import Elastic, distort_elastic


def make_dataset(
    x: np.ndarray,
    y: np.ndarray,
    batch_size: int,
    seed: int,
    train: bool,
    augment: bool,
    elastic: Elastic | None = None,
) -> tf.data.Dataset:
    """(N, 28, 28) uint8 images and labels -> batches of ((B, 32, 32, 1) float32, (B,) int64).

    `augment`: train/augment.py's affine distortions; `elastic`: Simard's elastic field, added to them
    in the same resampling (train/elastic.py), or alone without `augment`."""
    ds = tf.data.Dataset.from_tensor_slices((mnist_to_input(x), y))
    if train:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size)
    if train and (augment or elastic):
        # A fresh seed per batch and per epoch, drawn from a seeded stream: reproducible, never repeated.
        seeds = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(2)

        def warp(images: tf.Tensor, pair: tf.Tensor) -> tf.Tensor:
            if elastic is None:
                return distort(images, pair, INPUT_BACKGROUND)
            return distort_elastic(images, pair, INPUT_BACKGROUND, elastic, affine=augment)

        ds = tf.data.Dataset.zip(ds, seeds).map(
            lambda batch, pair: (warp(batch[0], pair), batch[1]), num_parallel_calls=tf.data.AUTOTUNE
        )
    return ds.prefetch(tf.data.AUTOTUNE)
