"""Projector-friendly sizes the theme cannot set, and a first screen that fits a projector and a phone.

At 1366×768 and 1280×720 the canvas, the answer and the network at a glance must show without
scrolling; on a 390×844 phone the canvas and the answer. So: a compact title, less empty space above
it, and a smaller answer on narrow screens. The rules that select Streamlit's own elements (by its DOM test ids)
are in ui/runtime.py, with the other dependencies on Streamlit's internals.
"""

import streamlit as st

from lenet.viz import BARS, BOX_COLOUR, HIGHLIGHT, hex_colour

CSS = """
<style>
h1#lenet-title { font-size: 1.9rem; padding: 0 0 0.1rem 0; }
/* Pictures at their own size, enlarged by the page with square pixels: ui.charts.inline_figures' five stages
   laid out as columns, and ui.glance_strip's strip, one square tile per stage (pictures centred, OUTPUT's ten cells) */
.lenet-glance, .lenet-stages figure { margin: 0; }
.lenet-stages img { display: block; width: 100%; height: auto; image-rendering: pixelated; }
.lenet-glance figcaption, .lenet-stages figcaption { font-size: 1rem; color: rgba(49, 51, 63, 0.75);
  text-align: center; padding-top: 0.3rem; }
.lenet-stages .frame { position: relative; }
.lenet-stages .box { position: absolute; box-sizing: border-box; border: 3px solid BOX_COLOUR; }
.lenet-stages { display: grid; width: 100%; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); }
.lenet-glance .strip { display: grid; gap: 6px; grid-template-columns: repeat(auto-fit, minmax(64px, 1fr)); }
.lenet-glance .stage span { display: block; text-align: center; font-weight: 600; line-height: 1.6; }
.lenet-glance .stage img, .lenet-glance .output { display: block; width: 100%; aspect-ratio: 1; }
.lenet-glance .stage img { object-fit: contain; image-rendering: pixelated; }
.lenet-glance .output { display: grid; grid: repeat(5, minmax(0, 1fr)) / repeat(2, minmax(0, 1fr));
  grid-auto-flow: column; list-style: none; margin: 0; padding: 0; }
.lenet-glance .output li { display: flex; align-items: center; justify-content: center; margin: 0; min-height: 0;
  overflow: hidden; font-size: 0.85rem; line-height: 1; font-weight: 600; color: #fff; }
.lenet-glance .output li.light { color: #000; }
@media (max-width: 640px) {  /* columns stack: the canvas and the answer first */
  h1#lenet-title { font-size: 1.2rem; }
  .st-key-lead { display: none; }  /* the citation: on a phone the canvas and the answer come first */
  .st-key-answer { flex-wrap: nowrap; }  /* answer and confidence side by side */
}
</style>
""".replace("BOX_COLOUR", hex_colour(BOX_COLOUR))

# ui.charts.probability_bars: ten bars (digit under, percentage over each), the answer in orange, as class_bars'
BARS_CSS = """
<style>
.lenet-bars p { margin: 0 0 0.2rem 0; }
.lenet-bars ol { display: flex; gap: 0.5rem; height: 250px; list-style: none; margin: 0; padding: 0; }
.lenet-bars li { flex: 1; display: flex; flex-direction: column-reverse; align-items: center; margin: 0; padding: 0; }
.lenet-bars .digit { font-size: 18px; line-height: 1.8rem; border-top: 1px solid #888; align-self: stretch;
  text-align: center; }
.lenet-bars .track { flex: 1; display: flex; flex-direction: column-reverse; align-items: center;
  align-self: stretch; padding-top: 1.6rem; }
.lenet-bars .fill { width: 70%; min-height: 1px; border-radius: 3px 3px 0 0; background: BARS; }
.lenet-bars .value { font-size: 0.9rem; line-height: 1.5rem; }
.lenet-bars .chosen .fill { background: HIGHLIGHT; }
.lenet-bars .chosen .digit, .lenet-bars .chosen .value { font-weight: 700; }
/* Penalties ("257.94") side by side need ~520 px: in a narrower chart each is written upright over its bar. */
.lenet-bars.long { container-type: inline-size; }
@container (max-width: 600px) {
  .lenet-bars.long li { min-width: 0; }
  .lenet-bars.long .track { padding-top: 3.6rem; }
  .lenet-bars.long .value { writing-mode: vertical-rl; transform: rotate(180deg); }
}
</style>
""".replace("HIGHLIGHT", hex_colour(HIGHLIGHT)).replace("BARS", hex_colour(BARS))


def apply() -> None:
    """Add the app's own CSS to the page (once per run); the rules on Streamlit's DOM are ui.runtime's."""
    st.html(CSS + BARS_CSS)
