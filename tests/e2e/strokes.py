"""Multi-stroke digits as people draw them, in canvas units ((x, y) in [0, 1], y down), for browser tests.

Each first stroke starts near the canvas' top right, where streamlit-drawable-canvas 0.13's hidden toolbar
used to swallow strokes (issue 10): a 4 drawn "diagonal and bar, then the down stroke" kept only the
down stroke and was read as 1.
"""

import numpy as np

Point = tuple[float, float]


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, stop: float, n: int = 16) -> list[Point]:
    t = np.radians(np.linspace(start, stop, n))
    return [(float(cx + rx * np.cos(a)), float(cy + ry * np.sin(a))) for a in t]


MULTI_STROKE: dict[int, list[list[Point]]] = {
    4: [[(0.6, 0.08), (0.22, 0.62), (0.8, 0.62)], [(0.62, 0.08), (0.62, 0.92)]],
    5: [[(0.76, 0.07), (0.36, 0.08), (0.33, 0.45)], _arc(0.5, 0.64, 0.22, 0.24, -130, 150)],
    7: [[(0.78, 0.08), (0.44, 0.92)], [(0.24, 0.08), (0.78, 0.08)]],
}


def straight_stroke(x: float, y: float, length: float = 0.3) -> list[Point]:
    """A straight stroke from (x, y) towards the canvas' centre."""
    dx, dy = (0.5 - x, 0.5 - y) if (x, y) != (0.5, 0.5) else (0.0, 1.0)  # from the centre itself: downwards
    norm = (dx * dx + dy * dy) ** 0.5
    end = (x + dx / norm * length, y + dy / norm * length)
    return [(x, y), ((x + end[0]) / 2, (y + end[1]) / 2), end]
