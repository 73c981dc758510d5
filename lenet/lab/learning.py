"""Pictures of a network while it learns: the six C1 kernels at successive training steps."""

import numpy as np

from lenet import viz

KERNEL_TILE = 56  # px per 5x5 kernel in the history (enlarged ~11x)


def kernel_history(snapshots: list[dict], rows: int = 6, tile: int = KERNEL_TILE) -> tuple[np.ndarray, float]:
    """Up to `rows` snapshots [{"step", "c1": (5, 5, 6)}], first to last, evenly spread, as small multiples:
    one row per step (labelled on its first tile), one column per C1 kernel (C1·0 to C1·5), ONE symmetric
    scale for all, so growing weights look stronger. -> (RGB, the scale's bound)."""
    picks = np.unique(np.linspace(0, len(snapshots) - 1, min(rows, len(snapshots))).round().astype(int))
    shown = [snapshots[i] for i in picks]
    kernels = [np.asarray(s["c1"], dtype=np.float64) for s in shown]  # each (5, 5, 6)
    vmin, vmax = viz.value_range(kernels, symmetric=True)
    tiles, labels = [], []
    for snapshot, maps in zip(shown, kernels):
        for i in range(maps.shape[-1]):
            tiles.append(viz.upscale_to(viz.colorize(maps[..., i], vmin, vmax, viz.WEIGHTS_CMAP), tile))
            labels.append(f"step {snapshot['step']}" if i == 0 else "")
    return viz.grid(tiles, cols=kernels[0].shape[-1], labels=labels, font_size=14), vmax
