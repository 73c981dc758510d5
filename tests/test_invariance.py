"""Invariance's batched transforms against slow references: Pillow's own affine resampling, one image at a
time (what lenet.lab.invariance called before it warped the whole batch at once), and the forward map's
inverse computed numerically."""

import numpy as np
import pytest
from PIL import Image

from lenet.lab import invariance

RNG = np.random.default_rng(25)
SIDE = invariance.SIDE


def pillow_warp(field: np.ndarray, coeffs) -> np.ndarray:
    """The slow reference: Pillow's AFFINE transform, BILINEAR, of a mode "F" image, 0 outside."""
    image = Image.fromarray(field.astype(np.float32))
    out = image.transform(image.size, Image.Transform.AFFINE, tuple(coeffs), Image.Resampling.BILINEAR, fillcolor=0.0)
    return np.asarray(out, dtype=np.float64)


def random_maps(n: int) -> np.ndarray:
    """(n, 6) maps across the sliders' ranges and beyond: shifts of up to half a field, so many points fall outside."""
    return invariance.inverse_maps(
        RNG.uniform(-SIDE / 2, SIDE / 2, n), RNG.uniform(-SIDE / 2, SIDE / 2, n), RNG.uniform(0.5, 2, n), RNG.uniform(0.5, 2, n),
        RNG.uniform(-180, 180, n),
    )  # fmt: skip


def test_bilinear_warp_is_pillows_affine_bilinear():
    fields = RNG.uniform(0, 1, (60, SIDE, SIDE))
    fields[:20] = np.round(fields[:20])  # hard edges, as ink on paper
    maps = random_maps(60)
    maps[-1] = (1, 0, 0.5, 0, 1, -0.25)  # half a pixel: every point between pixel centres, edges included
    got = invariance.bilinear_warp(fields, maps)
    want = np.stack([pillow_warp(f, m) for f, m in zip(fields, maps)])
    assert np.mean(want == 0) > 0.2 and np.mean(want > 0) > 0.3  # outside and inside points both tested
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)


def test_inverse_maps_undo_the_forward_map():
    """Each map sends the forward map's image of a point back to it (the centre turns, then shifts)."""
    dx, dy, sx, sy, degrees = 3.0, -2.0, 1.3, 0.8, 25.0
    a, b, c, d, e, f = invariance.inverse_maps(*(np.array([v]) for v in (dx, dy, sx, sy, degrees)))[0]
    t = np.deg2rad(degrees)
    forward = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]]) @ np.diag([sx, sy])  # y points down
    centre = np.array([invariance.CENTRE, invariance.CENTRE])
    for point in RNG.uniform(0, SIDE, (10, 2)):
        moved = forward @ (point - centre) + centre + (dx, dy)
        np.testing.assert_allclose((a * moved[0] + b * moved[1] + c, d * moved[0] + e * moved[1] + f), point)


def slow_transform(field32: np.ndarray, params: dict[str, float], seed: int) -> np.ndarray:
    """One variation the slow way: thicken/thin, then Pillow's warp on its own, then the noise."""
    p = {**invariance.IDENTITY, **params}
    out = invariance.morph(field32, p["thickness"])
    q = np.sqrt(p["squeeze"])
    move = (p["shift_x"], p["shift_y"], p["scale"] * q, p["scale"] / q, p["rotate"])
    if move != (0, 0, 1, 1, 0):
        out = pillow_warp(out, invariance.inverse_maps(*(np.array([v]) for v in move))[0])
    if p["noise"] > 0:
        out = np.clip(out + p["noise"] * np.random.default_rng(seed).standard_normal(out.shape), 0.0, 1.0)
    return out


@pytest.mark.parametrize("seed", [0, 3])
def test_a_batch_is_each_variation_done_slowly(seed):
    field = invariance.pad_field(RNG.uniform(0, 1, (28, 28)) * (RNG.uniform(0, 1, (28, 28)) > 0.7))
    settings = [
        {name: float(RNG.choice(s.values(21))) for name, s in invariance.SLIDERS.items() if RNG.uniform() < 0.5}
        for _ in range(30)
    ] + [{}]
    batch = invariance.transform_fields(field, settings, seed)
    assert batch.shape == (31, SIDE, SIDE)
    for params, got in zip(settings, batch):
        np.testing.assert_allclose(got, slow_transform(field, params, seed), rtol=0, atol=1e-6, err_msg=str(params))
    np.testing.assert_array_equal(batch[-1], field)  # no slider moved: the field itself, not resampled
