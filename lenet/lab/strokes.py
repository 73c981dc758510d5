"""Which C1 map answers a stroke (issue 25's question "Which C1 map lights up on horizontal strokes?"): a bar of
ink in the paper's input range, through the network, and the C1 map whose strongest response beats the others'.
The answer is the model's own, so the class's tally can count it right for whichever network is shown.
"""

import numpy as np

from lenet.architecture import INPUT_SHAPE
from lenet.paper import INPUT_BACKGROUND, INPUT_FOREGROUND

SIDE = INPUT_SHAPE[0]  # the input field
BAR = (4, 20)  # a stroke's thickness and length in pixels: an MNIST pen stroke, centred


def bar(orientation: str) -> np.ndarray:
    """A centred "horizontal" or "vertical" bar of ink on the background, (1, 32, 32, 1) as the network reads it."""
    if orientation not in ("horizontal", "vertical"):
        raise ValueError(f"A bar is horizontal or vertical, not {orientation!r}.")
    thick, long = BAR
    rows, cols = (thick, long) if orientation == "horizontal" else (long, thick)
    image = np.full((SIDE, SIDE), INPUT_BACKGROUND, dtype=np.float32)
    top, left = (SIDE - rows) // 2, (SIDE - cols) // 2
    image[top : top + rows, left : left + cols] = INPUT_FOREGROUND
    return image[None, :, :, None]


def c1_responses(network, orientation: str) -> np.ndarray:
    """(6,) each C1 map's strongest response to the bar (its brightest pixel on the Layers tab)."""
    c1 = network.layer_outputs(bar(orientation))["C1"][0]  # (28, 28, 6)
    return c1.max(axis=(0, 1))


def strongest_c1_map(network, orientation: str = "horizontal") -> int:
    """The C1 map (0-5, as Layers numbers them) that lights up most on a bar of `orientation`."""
    return int(np.argmax(c1_responses(network, orientation)))
