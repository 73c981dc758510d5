"""How robust is the answer? Transform the student's digit and watch the probabilities.

Every transform works on the ink field in [0, 1] (background 0), padded from 28x28 to 32x32 so that
shifted or enlarged ink is not cut off early; geometric ones turn about the field's centre (16, 16),
where MNIST puts the centre of mass. `to_input` then maps it to the model's range [-0.1, 1.175].
"""

from dataclasses import dataclass

import numpy as np

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
    """(..., 32, 32) ink in [0, 1] -> (..., 32, 32, 1) float32 model input."""
    return to_model_range(np.clip(field32, 0.0, 1.0))[..., None].astype(np.float32)


def inverse_maps(dx, dy, sx, sy, degrees) -> np.ndarray:
    """Per variation (arrays of N): scale by (sx, sy), rotate anticlockwise by `degrees` about the centre, then
    shift by (dx, dy) -> (N, 6) inverse maps (a, b, c, d, e, f): the output pixel centre (x, y) reads the input
    at (ax + by + c, dx + ey + f), Pillow's AFFINE data.

    The forward map is R S, R = [[cos, sin], [-sin, cos]] (y points down), S = diag(sx, sy); its inverse is
    S^-1 R^T = [[cos/sx, -sin/sx], [sin/sy, cos/sy]], and the centre + shift must land on the centre.
    """
    t = np.deg2rad(degrees)
    a, b, d, e = np.cos(t) / sx, -np.sin(t) / sx, np.sin(t) / sy, np.cos(t) / sy
    c = CENTRE - (a * (CENTRE + dx) + b * (CENTRE + dy))
    f = CENTRE - (d * (CENTRE + dx) + e * (CENTRE + dy))
    return np.stack([a, b, c, d, e, f], axis=-1)


def bilinear_warp(fields: np.ndarray, maps: np.ndarray) -> np.ndarray:
    """(N, S, S) fields, (N, 6) inverse maps -> (N, S, S): each field resampled bilinearly, 0 outside.

    Pillow's `Image.transform(AFFINE, BILINEAR)` on a mode "F" image, for a whole batch in a few array
    operations (Pillow's is a call per image; with Invariance's 147 variations of a digit, transform_fields took
    4-5 ms this way, 7-16 ms with a Pillow call each, on this project's 2-core machine, 2026-12-07). As in
    Pillow (libImaging/Geometry.c): a pixel whose source point (its centre x + 0.5, y + 0.5, mapped) falls
    outside the field is 0; inside, it blends the four pixels around it (centres at integer + 0.5), reading
    the edge pixel for a neighbour beyond the edge (here: the field padded by a copy of its edge); float32
    values, float64 arithmetic. tests/test_invariance.py compares the two on random fields and maps.
    """
    n, side = fields.shape[0], fields.shape[-1]
    ys, xs = (np.mgrid[0:side, 0:side] + 0.5).reshape(2, -1)  # (S * S,): output pixel centres, row by row
    # Each coefficient (N, 1) against rows of S * S: as (N, 1, 1) against (S, S), NumPy's inner loop would run
    # over rows of only S values, ~5x slower.
    a, b, c, d, e, f = (maps[:, i, None] for i in range(6))
    x_in, y_in = a * xs + b * ys + c, d * xs + e * ys + f  # (N, S * S) source points
    inside = (x_in >= 0) & (x_in < side) & (y_in >= 0) & (y_in < side)
    x_in, y_in = x_in - 0.5, y_in - 0.5  # pixel-centre coordinates: inside, in [-0.5, S - 0.5)
    x0, y0 = np.floor(x_in), np.floor(y_in)  # the upper-left neighbour, -1 .. S - 1 inside
    wx, wy = x_in - x0, y_in - y0  # weights of the right / lower neighbours
    wide = side + 2
    padded = np.pad(fields.astype(np.float32), ((0, 0), (1, 1), (1, 1)), mode="edge").astype(np.float64)
    # flat index of each upper-left neighbour in `padded` (N, S+2, S+2); points outside read anything, masked below
    at = (np.arange(n)[:, None] * wide + (y0 + 1).astype(np.intp)) * wide + (x0 + 1).astype(np.intp)
    flat = padded.ravel()
    upper = _lerp(flat.take(at, mode="clip"), flat.take(at + 1, mode="clip"), wx)
    lower = _lerp(flat.take(at + wide, mode="clip"), flat.take(at + wide + 1, mode="clip"), wx)
    warped = np.where(inside, _lerp(upper, lower, wy), 0.0).astype(np.float32).astype(np.float64)
    return warped.reshape(n, side, side)


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Pillow's BILINEAR(a, b, t) = a + (b - a) * t, in this order (the same rounding)."""
    return a + (b - a) * t


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
    return morphs(field, [amount])[amount]


def morphs(field: np.ndarray, amounts) -> dict[float, np.ndarray]:
    """{amount: morph(field, amount)} for several amounts, each whole step computed once (the thickness sweep's 21
    amounts share 3 dilations and 1 erosion)."""
    chains: dict[bool, list[np.ndarray]] = {True: [field], False: [field]}  # grow? -> field after 0, 1, ... steps

    def after(steps: int, grow: bool) -> np.ndarray:
        chain = chains[grow]
        while len(chain) <= steps:
            chain.append(_morph_step(chain[-1], grow))
        return chain[steps]

    out = {}
    for amount in amounts:
        steps = int(np.floor(abs(amount)))
        frac, grow = abs(amount) - steps, amount > 0
        whole = after(steps, grow)
        out[amount] = whole.copy() if frac == 0 else (1 - frac) * whole + frac * after(steps + 1, grow)
    return out


def noise_pattern(seed: int = 0) -> np.ndarray:
    """The seeded (32, 32) Gaussian noise pattern (same seed = same pattern, so only the slider's sd changes)."""
    return np.random.default_rng(seed).standard_normal((SIDE, SIDE))


def transform_fields(field32: np.ndarray, settings: list[dict[str, float]], seed: int = 0) -> np.ndarray:
    """(32, 32) ink, one params dict per variation -> (N, 32, 32): all transforms of each, in a fixed order:
    thickness, squeeze/scale/rotate/shift (one bilinear resampling, batched), noise."""
    p = [{**IDENTITY, **params} for params in settings]
    unknown = set().union(*settings) - set(IDENTITY)
    if unknown:
        raise ValueError(f"Unknown transforms {sorted(unknown)}; choose from {sorted(IDENTITY)}.")
    morphed = morphs(field32, {q["thickness"] for q in p})  # a sweep's variations share one or a few
    out = np.stack([morphed[q["thickness"]] for q in p])  # (N, 32, 32)
    # squeeze = width / height at the same area: sx = scale * sqrt(q), sy = scale / sqrt(q).
    dx, dy, scale, squeeze, degrees = (
        np.array([q[k] for q in p]) for k in ("shift_x", "shift_y", "scale", "squeeze", "rotate")
    )
    sx, sy = scale * np.sqrt(squeeze), scale / np.sqrt(squeeze)
    moved = (dx != 0) | (dy != 0) | (sx != 1) | (sy != 1) | (degrees != 0)  # the identity keeps its field as it is
    if moved.any():
        maps = inverse_maps(dx[moved], dy[moved], sx[moved], sy[moved], degrees[moved])
        out[moved] = bilinear_warp(out[moved], maps)
    sd = np.array([q["noise"] for q in p])[:, None, None]  # (N, 1, 1)
    return np.where(sd > 0, np.clip(out + sd * noise_pattern(seed), 0.0, 1.0), out)


def transform_field(field32: np.ndarray, params: dict[str, float], seed: int = 0) -> np.ndarray:
    """One variation of `transform_fields`: (32, 32) -> (32, 32)."""
    return transform_fields(field32, [params], seed)[0]


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
    settings = [{**base, name: float(v)} for name, vs in values.items() for v in vs]
    probs = network.probabilities(to_input(transform_fields(field32, settings, seed)))  # (sum of the lengths, 10)
    ends = np.cumsum([len(vs) for vs in values.values()])
    return dict(zip(values, np.split(probs, ends[:-1])))
