"""Strokes as people draw them, in canvas units ((x, y) in [0, 1], y down), and a pen that draws them in
Chromium by mouse or by finger (`stroke`) and reads the canvas' ink (`ink`): the browser tests of drawing.

Each first stroke starts near the canvas' top right, where streamlit-drawable-canvas 0.13's hidden toolbar
used to swallow strokes (issue 10): a 4 drawn "diagonal and bar, then the down stroke" kept only the
down stroke and was read as 1.
"""

from itertools import pairwise

import numpy as np
from playwright.sync_api import Page, expect

from testkit.chromium import FIRST_LOAD_MS, settled

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


def _canvas_rect(page: Page) -> dict:
    """The canvas' box now, unpadded (chromium.canvas_box also waits for the layout to stop: 0.5 s a stroke)."""
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(page)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None, "the canvas is not on the page"
    return dict(box)


def stroke(page: Page, points, touch: bool) -> None:
    """One pen stroke through `points` in canvas units, by mouse or by finger (DevTools touch events)."""
    box = _canvas_rect(page)
    screen = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in points]
    if touch:  # a finger sends many touchmove events: 8 per segment, like the mouse's steps
        cdp = page.context.new_cdp_session(page)
        steps = [screen[0]] + [
            (x0 + (x1 - x0) * k / 8, y0 + (y1 - y0) * k / 8)
            for (x0, y0), (x1, y1) in pairwise(screen)
            for k in range(1, 9)
        ]
        for i, (x, y) in enumerate(steps):
            kind = "touchStart" if i == 0 else "touchMove"
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        cdp.detach()
        return
    page.mouse.move(*screen[0])
    page.mouse.down()
    for x, y in screen[1:]:
        page.mouse.move(x, y, steps=8)
    page.mouse.up()


def ink(page: Page) -> int:
    """The brightest red value on the drawing surface (0: no ink)."""
    return page.locator("canvas.dc-canvas.lower-canvas").evaluate(
        "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0)"
        ".reduce((a, b) => Math.max(a, b), 0)"
    )
