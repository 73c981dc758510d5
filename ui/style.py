"""Projector-friendly sizes the theme cannot set, and a first screen that fits a projector and a phone.

At 1366×768 and 1280×720 the canvas, the answer and the network at a glance must show without
scrolling; on a 390×844 phone the canvas and the answer. So: a compact title, less empty space above
it, and a smaller answer on narrow screens.
"""

import streamlit as st

from lenet.viz import BARS, BOX_COLOUR, HIGHLIGHT, hex_colour

CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.4rem; padding-bottom: 3rem; }
[data-testid="stHeader"] { background: transparent; }  /* it only holds the menu, at the right: let the title show */
/* The header is an invisible full-width strip, 3.75rem high, over the page's top, and it took the pointer: a
   stroke started there, on a canvas scrolled up under it, never reached the canvas (6-9 of 12 strokes in the
   canvas' top band, issue 21). Let the pointer through (Streamlit sets it back on the toolbar: so on all
   the header holds), except on the menu, at the right, clear of the canvas. */
[data-testid="stHeader"], [data-testid="stHeader"] * { pointer-events: none; }
[data-testid="stMainMenu"], [data-testid="stMainMenu"] * { pointer-events: auto; }
@media (min-width: 641px) {  /* a running script's Stop; on a phone it sits over the canvas' top right */
  [data-testid="stStatusWidget"], [data-testid="stStatusWidget"] * { pointer-events: auto; }
}
h1#lenet-title { font-size: 1.9rem; padding: 0 0 0.1rem 0; }
[data-testid="stMetricValue"] { font-size: 2.75rem; font-weight: 700; line-height: 1.1; }
.st-key-answer [data-testid="stMetricValue"] { font-size: 4.5rem; }  /* the answer, on the first screen */
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
/* A metric's label wraps rather than end in "…" (issue 21); values are sized and formatted to fit */
[data-testid="stMetricLabel"] :is([data-testid="stMarkdownContainer"], p) { white-space: normal; }
/* Every tab in view on a projector and a phone (issue 21): the tab bar wraps onto more rows, never scrolls sideways */
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow: visible; column-gap: 1.2rem; row-gap: 0; }
[data-testid="stTab"] p { font-size: 1rem; font-weight: 600; }
[data-testid="stCaptionContainer"] { font-size: 1rem; }
/* A formula's box spans its column (not just the formula): FIT_FORMULAS below scales only what is wider */
[data-testid="stMarkdown"] > div:has(> [data-testid="stMarkdownContainer"] > .katex-display) { width: 100%; margin: 0; }
[data-testid="stImage"] img { image-rendering: pixelated; }  /* units stay sharp squares when scaled */
/* Pictures at their own size, enlarged by the page with square pixels: ui.charts.inline_figures' five stages
   laid out as columns, and ui.glance's strip, one square tile per stage (pictures centred, OUTPUT's ten cells) */
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
/* Small text in the theme's orange (3.1:1 on white) in a darker orange (5.2:1): WCAG AA wants 4.5:1 */
[data-testid="stSliderThumbValue"] p, [data-testid^="stSliderTickBar"] { color: #c2410c; }
[data-baseweb="tag"] { background-color: #c2410c; }  /* white text on a chosen option: 5.2:1 */
/* Class mode: app.py puts the student's panel first in the open tab; the answer, where the tab has one, goes
   above it. The answer's horizontal container is wrapped in a layout wrapper, a flex item of the tab's block. */
[data-testid="stLayoutWrapper"]:has(> .st-key-answer) { order: -1; }
/* A script-only st.html (FIT_FORMULAS below, the canvas' TOOLBAR_OFF) takes no place in the layout */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
@media (min-width: 641px) {  /* the input column (it holds the source selector) just fits the 280 px canvas */
  [data-testid="stColumn"]:has(.st-key-source) { flex: 0 0 300px; width: 300px; min-width: 300px; }
}
@media (max-width: 640px) {  /* columns stack: bring the answer up to just under the canvas */
  [data-testid="stHorizontalBlock"]:has(.st-key-source) { row-gap: 0.5rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.9rem; }  /* clear of the fixed header */
  h1#lenet-title { font-size: 1.2rem; }
  .st-key-lead { display: none; }  /* the citation: on a phone the canvas and the answer come first */
  [data-testid="stMetricValue"], .st-key-answer [data-testid="stMetricValue"] { font-size: 2.6rem; }
  .st-key-answer { flex-wrap: nowrap; }  /* answer and confidence side by side */
  /* the twelve tabs in three short rows, so the answer still shows under them on the first screen */
  [data-testid="stTabs"] [role="tablist"] { column-gap: 0.75rem; }
  [data-testid="stTab"] { height: 1.6rem; }
  [data-testid="stTab"] p { font-size: 0.8rem; }
  [data-testid="stTabPanel"] { padding-top: 0.5rem; }
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
</style>
""".replace("HIGHLIGHT", hex_colour(HIGHLIGHT)).replace("BARS", hex_colour(BARS))


# A formula wider than its column is scaled down to fit it, whole (issue 21: scrolling sideways hid its end on
# a projector and a phone); long formulas are written on several lines so the scale stays readable. One that
# still overflows can be reached by keyboard (axe: scrollable-region-focusable). Runs once per page, then
# again whenever the page changes or the window is resized.
FIT_FORMULAS = """<script>
(() => {
  if (window.lenetFitFormulas) return;
  window.lenetFitFormulas = true;
  let fitted = new WeakMap();  // formula -> its width and text when last fitted
  const fit = (formula) => {
    const katex = formula.querySelector(".katex");
    const key = `${formula.clientWidth}:${katex?.textContent}`;
    if (!katex || fitted.get(formula) === key) return;
    katex.style.fontSize = "";
    for (let tries = 0; tries < 3 && formula.scrollWidth > formula.clientWidth + 1; tries++) {
      const size = parseFloat(getComputedStyle(katex).fontSize);
      katex.style.fontSize = `${(size * formula.clientWidth) / formula.scrollWidth - 0.2}px`;
    }
    fitted.set(formula, key);
    if (formula.scrollWidth <= formula.clientWidth + 1 || formula.hasAttribute("tabindex")) return;
    formula.tabIndex = 0;
    formula.setAttribute("role", "region");
    formula.setAttribute("aria-label", "Formula");
  };
  const fitAll = () => document.querySelectorAll(".katex-display").forEach(fit);
  let queued = false;
  const later = () => queued || ((queued = true), requestAnimationFrame(() => ((queued = false), fitAll())));
  new MutationObserver(later).observe(document.body, {childList: true, characterData: true, subtree: true});
  addEventListener("resize", later);
  document.fonts?.addEventListener("loadingdone", () => ((fitted = new WeakMap()), later()));  // KaTeX's fonts
  later();
})();
</script>"""


def apply() -> None:
    """Add the app's CSS and the FIT_FORMULAS script to the page (once per run)."""
    st.html(CSS + BARS_CSS)
    st.html(FIT_FORMULAS, unsafe_allow_javascript=True)
