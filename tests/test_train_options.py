"""`python -m train`'s recipe options (issue 27): elastic distortions, label smoothing, weight averaging."""

import json

import keras
import numpy as np
import pytest
import tensorflow as tf

from lenet.engine import files
from lenet.losses import SmoothedCrossentropy, compile_args
from testkit.digits import write_digits_npz
from train.augment import distort
from train.cli import main, parse_args
from train.elastic import Elastic, bilinear, displacement, distort_elastic, gaussian_kernel

FILL = -0.1
SEED = tf.constant([3, 4], tf.int64)


def images(n: int = 16) -> tf.Tensor:
    return tf.constant(np.random.default_rng(0).uniform(FILL, 1.175, (n, 32, 32, 1)).astype("float32"))


def test_elastic_of_strength_zero_is_exactly_the_affine_distortion():
    """The affine part of the one resampling is train/augment.py's map, sampled as Keras samples it."""
    x = images()
    np.testing.assert_allclose(distort_elastic(x, SEED, FILL, Elastic(4, 0)), distort(x, SEED, FILL), atol=1e-5)


def test_bilinear_reads_a_pixel_its_neighbours_mean_and_fill_outside():
    image = tf.reshape(tf.range(16, dtype=tf.float32), (1, 4, 4, 1))  # value = 4 * row + column
    # bilinear() samples an output grid of the image's own size: the points under test fill its first row.
    xs, ys = np.zeros((1, 4, 4), np.float32), np.zeros((1, 4, 4), np.float32)
    xs[0, 0], ys[0, 0] = (1.0, 1.5, -3.0, 3.5), (2.0, 0.5, 0.0, 0.0)  # a pixel, a midpoint, outside, half out
    got = bilinear(image, tf.constant(xs), tf.constant(ys), FILL).numpy()[0, 0, :, 0]
    assert got.tolist() == pytest.approx([9.0, (1 + 2 + 5 + 6) / 4, FILL, (3 + FILL) / 2])


def test_the_field_is_smooth_seeded_and_of_simards_size():
    field = displacement(64, 32, SEED, Elastic()).numpy()  # (64, 32, 32, 2)
    np.testing.assert_array_equal(field, displacement(64, 32, SEED, Elastic()).numpy())
    assert not np.allclose(field, displacement(64, 32, SEED + 1, Elastic()).numpy())
    centre = field[:, 8:24, 8:24]  # away from the zero padding of the smoothing
    # Uniform(-1, 1) has variance 1/3; a normalised 2-D Gaussian of sigma s keeps 1/(4 pi s^2) of it.
    expected = 34 * np.sqrt(1 / 3 / (4 * np.pi * 4**2))
    assert centre.std() == pytest.approx(expected, rel=0.15)
    neighbours = np.corrcoef(centre[:, :, :-1].ravel(), centre[:, :, 1:].ravel())[0, 1]
    assert neighbours > 0.9  # smooth: a pixel moves with its neighbours
    assert gaussian_kernel(4.0).numpy().sum() == pytest.approx(1.0)


def test_elastic_alone_is_the_field_alone():
    """Without the affine map, strength 0 leaves every image as it was."""
    x = images()
    np.testing.assert_allclose(distort_elastic(x, SEED, FILL, Elastic(4, 0), affine=False), x, atol=1e-6)
    assert np.abs(distort_elastic(x, SEED, FILL, Elastic(), affine=False) - x).mean() > 0.05


def test_elastic_moves_ink_but_keeps_it():
    x = images()
    warped = distort_elastic(x, SEED, FILL, Elastic()).numpy()
    affine = distort(x, SEED, FILL).numpy()
    assert np.abs(warped - affine).mean() > 0.05
    assert warped.min() >= FILL - 1e-6 and warped.max() <= 1.175 + 1e-6  # bilinear never overshoots


def test_smoothed_crossentropy_is_the_formula_and_round_trips():
    y = np.array([0, 3])
    p = keras.ops.softmax(np.random.default_rng(1).normal(size=(2, 10)).astype("float32"))
    eps = 0.1
    targets = (1 - eps) * np.eye(10)[y] + eps / 10
    expected = -(targets * np.log(np.asarray(p))).sum(axis=1).mean()
    loss = SmoothedCrossentropy(eps)
    assert float(loss(y, p)) == pytest.approx(expected, rel=1e-5)
    rbf = SmoothedCrossentropy(eps, rbf=True)
    assert float(rbf(y, -np.log(np.asarray(p)))) == pytest.approx(expected, rel=1e-4)  # penalties -log p
    again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(rbf))
    assert (again.smoothing, again.rbf) == (eps, True)
    with pytest.raises(ValueError, match="cross-entropy"):
        compile_args("mse", False, 0.1)


@pytest.mark.parametrize(
    "argv",
    [
        ["--elastic-sigma", "0"],
        ["--elastic-alpha", "-1"],
        ["--label-smoothing", "1"],
        ["--label-smoothing", "0.1", "--loss", "mse"],
        ["--ema", "1"],
        ["--ema", "-0.5"],
    ],
)
def test_bad_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2 and "error:" in capsys.readouterr().err


@pytest.mark.parametrize("output", ["softmax", "rbf"])
def test_a_quick_run_with_every_option(tmp_path, output):
    data = tmp_path / "digits.npz"
    write_digits_npz(data, per_digit=12)
    out = tmp_path / "m.keras"
    argv = ["--data", str(data), "--quick", "--out", str(out), "--workdir", str(tmp_path), "--output", output]
    assert main([*argv, "--elastic", "--label-smoothing", "0.1", "--ema", "0.9"]) == 0
    metrics = json.loads((tmp_path / "m.metrics.json").read_text())
    assert metrics["options"]["elastic"] and metrics["options"]["ema"] == 0.9
    engine = files.load_model(out)  # the NumPy engine serves it as any other LeNet-5
    assert engine.output == output
