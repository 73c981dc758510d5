"""How robust is the answer? Transform the student's digit and watch the probabilities.

Every transform works on the ink field in [0, 1] (background 0), padded from 28x28 to 32x32 so that
shifted or enlarged ink is not cut off early; geometric ones turn about the field's centre (16, 16),
where MNIST puts the centre of mass. `to_input` then maps it to the model's range [-0.1, 1.175].
"""

from dataclasses import dataclass

import numpy as np
from PIL import Image

from lenet.preprocess import PAD, to_model_range
from lenet.text import N_

SIDE = 32
CENTRE = SIDE / 2  # pixel-edge coordinates: the centre of a 32-pixel field


@dataclass(frozen=True)
class Slider:
    """A transform's parameter: its label, range, identity value and step, for a UI slider."""

    label: str
    low: float
    high: float
    identity: float
    step: float
    unit: str = ""

    def values(self, n: int = 21) -> np.ndarray:
        """`n` evenly spaced values across the range, for a probability curve."""
        return np.linspace(self.low, self.high, n)


SLIDERS = {
    "shift_x": Slider(N_("Shift right"), -8, 8, 0, 1, N_("px")),
    "shift_y": Slider(N_("Shift down"), -8, 8, 0, 1, N_("px")),
    "scale": Slider(N_("Scale"), 0.5, 1.5, 1.0, 0.05, "x"),
    "rotate": Slider(N_("Rotate (anticlockwise)"), -60, 60, 0, 5, N_("deg")),
    "squeeze": Slider(N_("Squeeze (width / height)"), 0.5, 1.5, 1.0, 0.05, "x"),
    "thickness": Slider(N_("Thicken (+) / thin (-)"), -1, 2, 0, 0.25, N_("px")),
    "noise": Slider(N_("Noise"), 0.0, 0.5, 0.0, 0.05, N_("sd")),
}
IDENTITY = {name: s.identity for name, s in SLIDERS.items()}


def pad_field(field28: np.ndarray) -> np.ndarray:
    """(28, 28) ink -> (32, 32) ink, as the model's input is padded."""
    return np.pad(np.asarray(field28, dtype=np.float64), PAD)


def to_input(field32: np.ndarray) -> np.ndarray:
    """(32, 32) ink in [0, 1] -> (32, 32, 1) float32 model input."""
    return to_model_range(np.clip(field32, 0.0, 1.0))[..., None].astype(np.float32)


def affine(
    field: np.ndarray, dx: float = 0, dy: float = 0, sx: float = 1, sy: float = 1, degrees: float = 0
) -> np.ndarray:
    """Scale by (sx, sy), rotate anticlockwise by `degrees` about the centre, then shift by (dx, dy)."""
    if (dx, dy, sx, sy, degrees) == (0, 0, 1, 1, 0):
        return field.copy()
    t = np.deg2rad(degrees)
    forward = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]]) @ np.diag([sx, sy])  # y points down
    inverse = np.linalg.inv(forward)  # Pillow asks, for each output pixel, where to read the input
    centre = np.array([CENTRE, CENTRE])
    offset = centre - inverse @ (centre + np.array([dx, dy]))
    coeffs = (inverse[0, 0], inverse[0, 1], offset[0], inverse[1, 0], inverse[1, 1], offset[1])
    image = Image.fromarray(field.astype(np.float32))  # mode "F"
    out = image.transform(image.size, Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR, fillcolor=0.0)
    return np.asarray(out, dtype=np.float64)


def _morph_step(field: np.ndarray, grow: bool) -> np.ndarray:
    """One grey dilation (grow) or erosion with a 3x3 cross: each pixel and its 4 neighbours."""
    padded = np.pad(field, 1)
    shifted = np.stack([padded[1:-1, 1:-1], padded[:-2, 1:-1], padded[2:, 1:-1], padded[1:-1, :-2], padded[1:-1, 2:]])
    return shifted.max(axis=0) if grow else shifted.min(axis=0)  # (32, 32)


def morph(field: np.ndarray, amount: float) -> np.ndarray:
    """Thicken (amount > 0) or thin (amount < 0) strokes by |amount| px of grey dilation / erosion.

    Whole steps apply the cross-shaped filter that many times; a fractional step blends linearly
    between the two nearest whole steps, so a slider moves smoothly.
    """
    steps = int(np.floor(abs(amount)))
    frac = abs(amount) - steps
    out = field.copy()
    for _ in range(steps):
        out = _morph_step(out, amount > 0)
    return out if frac == 0 else (1 - frac) * out + frac * _morph_step(out, amount > 0)


def add_noise(field: np.ndarray, sd: float, seed: int = 0) -> np.ndarray:
    """Add seeded Gaussian noise (same seed = same noise pattern, so only `sd` changes)."""
    if sd == 0:
        return field.copy()
    noise = np.random.default_rng(seed).standard_normal(field.shape)
    return np.clip(field + sd * noise, 0.0, 1.0)


def transform_field(field32: np.ndarray, params: dict[str, float], seed: int = 0) -> np.ndarray:
    """All transforms at once, in a fixed order: thickness, squeeze/scale/rotate/shift, noise."""
    p = {**IDENTITY, **params}
    unknown = set(params) - set(IDENTITY)
    if unknown:
        raise ValueError(f"Unknown transforms {sorted(unknown)}; choose from {sorted(IDENTITY)}.")
    out = morph(field32, p["thickness"])
    # squeeze = width / height at the same area: sx = scale * sqrt(q), sy = scale / sqrt(q).
    q = np.sqrt(p["squeeze"])
    out = affine(out, p["shift_x"], p["shift_y"], p["scale"] * q, p["scale"] / q, p["rotate"])
    return add_noise(out, p["noise"], seed)


def transformed_input(field28: np.ndarray, params: dict[str, float], seed: int = 0) -> np.ndarray:
    """The student's (28, 28) field, transformed -> a (32, 32, 1) model input."""
    return to_input(transform_field(pad_field(field28), params, seed))


def sweep(
    network, field28: np.ndarray, transform: str, values, params: dict[str, float] | None = None, seed: int = 0
) -> np.ndarray:
    """(len(values), 10) probabilities with `transform` set to each value, the others held at
    `params`; one batched forward pass."""
    return sweeps(network, field28, {transform: values}, params, seed)[transform]


def sweeps(
    network, field28: np.ndarray, values: dict[str, np.ndarray], params: dict[str, float] | None = None, seed: int = 0
) -> dict[str, np.ndarray]:
    """{transform: (len(values[transform]), 10) probabilities}: each transform swept over its values, the others
    held at `params`. The field is padded once and all inputs go through one forward pass: Invariance's seven
    sweeps of 21 cost 28 ms as seven passes, each padding every input (bench.profile_stroke --tab Invariance)."""
    base, field32 = dict(params or {}), pad_field(field28)
    batch = [
        to_input(transform_field(field32, {**base, name: float(v)}, seed)) for name, vs in values.items() for v in vs
    ]
    probs = network.probabilities(np.stack(batch))  # (sum of the sweeps' lengths, 10)
    ends = np.cumsum([len(vs) for vs in values.values()])
    return dict(zip(values, np.split(probs, ends[:-1])))
