"""lenet/lab/strokes.py: the C1 map that lights up most on a horizontal (or vertical) bar, held to a slow,
obviously correct reference (each C1 map's 5x5 convolution summed by hand over the bar), on the shipped models
and on a network whose C1 maps are planted stroke detectors."""

import numpy as np
import pytest

from lenet import engine
from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH
from lenet.lab import strokes
from lenet.paper import LAYER_NAMES


def reference_map(network, orientation: str) -> int:
    """argmax over C1 maps of the largest pre-activation (the activation is increasing: the same order)."""
    x = strokes.bar(orientation)[0, :, :, 0]
    kernel, bias = network.weight("C1", "kernel"), network.weight("C1", "bias")  # (5, 5, 1, 6), (6,)
    best = [
        max(float(np.sum(x[r : r + 5, c : c + 5] * kernel[:, :, 0, k]) + bias[k]) for r in range(28) for c in range(28))
        for k in range(6)
    ]
    return int(np.argmax(best))


@pytest.mark.parametrize("path", [DEFAULT_MODEL_PATH, CLASSIC_MODEL_PATH], ids=["default", "classic"])
@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_the_strongest_map_is_the_references(path, orientation):
    network = engine.load_model(str(path))
    assert strokes.strongest_c1_map(network, orientation) == reference_map(network, orientation)


def test_planted_stroke_detectors_are_found():
    network = engine.load_model(str(DEFAULT_MODEL_PATH))
    kernel = np.zeros((5, 5, 1, 6), np.float32)
    kernel[2, :, 0, 4] = 1.0  # map 4: a horizontal line detector
    kernel[:, 2, 0, 1] = 1.0  # map 1: a vertical one
    planted = {"C1": [kernel, np.zeros(6, np.float32)]}
    edited = network.with_weights([a for name in LAYER_NAMES for a in planted.get(name, network.weights[name])])
    # Along a 4-pixel-thick bar the detector of its direction covers 5 inked pixels, the other only 4.
    assert strokes.strongest_c1_map(edited, "horizontal") == 4
    assert strokes.strongest_c1_map(edited, "vertical") == 1


def test_a_bar_is_ink_on_the_background_and_nothing_else():
    horizontal, vertical = strokes.bar("horizontal"), strokes.bar("vertical")
    assert horizontal.shape == (1, 32, 32, 1) and np.array_equal(horizontal[0, :, :, 0].T, vertical[0, :, :, 0])
    with pytest.raises(ValueError):
        strokes.bar("diagonal")
