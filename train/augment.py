"""Random distortions in the spirit of the paper's (Section III-C): translation, scaling,
squeezing, shearing and rotation, as Keras preprocessing layers run inside tf.data."""

import keras

# Ranges are fractions of the 32x32 image (translation, zoom) or of a full turn (rotation).
TRANSLATE = 2.0 / 32  # +-2 pixels
ZOOM = 0.10  # +-10 %, drawn separately for height and width: scale and squeeze
SHEAR = 0.15
ROTATE = 10.0 / 360  # +-10 degrees


def distortions(seed: int, fill_value: float) -> keras.Sequential:
    """Layers that distort a (B, 32, 32, 1) batch; uncovered pixels get the background `fill_value`."""
    fill = {"fill_mode": "constant", "fill_value": fill_value}
    return keras.Sequential(
        [
            keras.layers.RandomRotation(ROTATE, seed=seed, **fill),
            keras.layers.RandomShear(x_factor=SHEAR, y_factor=SHEAR, seed=seed + 1, **fill),
            keras.layers.RandomZoom(ZOOM, ZOOM, seed=seed + 2, **fill),
            keras.layers.RandomTranslation(TRANSLATE, TRANSLATE, seed=seed + 3, **fill),
        ],
        name="distortions",
    )
