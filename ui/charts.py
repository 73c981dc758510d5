"""Small shared pieces: bar charts of ten class values, line charts, a table as Markdown, an image with a PNG download button,
pictures carried in the page itself."""

import base64
import html as html_text
from collections.abc import Callable

import numpy as np
import streamlit as st

from lenet import viz
from ui.i18n import _, decimal, percent
from ui.runtime import html

_SIZE, _DARK = viz.CHART_FONT_PX, viz.hex_colour(viz.TEXT)
_TEXT = {"labelFontSize": _SIZE, "titleFontSize": _SIZE, "labelColor": _DARK, "titleColor": _DARK}
CHART_CONFIG = {"axis": _TEXT, "legend": _TEXT}  # every Vega-Lite chart's: large dark text, not Vega's small grey


def class_bars(values: np.ndarray, label: int, title: str, percent: bool = True) -> None:
    """Ten bars, digits 0-9 on the x axis, the predicted digit in orange."""
    data = [{"digit": str(d), "value": float(v), "chosen": d == label} for d, v in enumerate(values)]
    spec = {
        "data": {"values": data},
        "height": 260,
        "config": CHART_CONFIG,
        "mark": {"type": "bar", "cornerRadiusEnd": 3},
        "encoding": {
            "x": {"field": "digit", "type": "ordinal", "sort": None, "axis": {"labelAngle": 0}},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": title,
                "axis": {"format": ".0%" if percent else ".2f"},
                "scale": {"domain": [0, 1]} if percent else {},
            },
            "color": {
                "condition": {"test": "datum.chosen", "value": viz.hex_colour(viz.HIGHLIGHT)},
                "value": viz.hex_colour(viz.BARS),
            },
            "tooltip": [{"field": "digit"}, {"field": "value", "format": ".3f"}],
        },
    }
    st.vega_lite_chart(spec=spec, width="stretch")


def line_chart(rows: list[dict], x_title: str, y_title: str, height: int = 240) -> None:
    """A line per series; rows are {"x", "y", "series"}. The legend sits under the chart, one series a line."""
    spec = {
        "data": {"values": rows},
        "height": height,
        "config": CHART_CONFIG,
        "mark": {"type": "line", "point": {"size": 40}},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": x_title, "axis": {"tickMinStep": 1}},
            "y": {"field": "y", "type": "quantitative", "title": y_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "legend": {"orient": "bottom", "columns": 1},
            },
            "tooltip": [{"field": "x", "title": x_title}, {"field": "y", "title": y_title, "format": ".3~f"}],
        },
    }
    st.vega_lite_chart(spec=spec, width="stretch")


def probability_bars(probabilities: np.ndarray, label: int) -> None:
    """class_bars' picture for ten probabilities as plain HTML, drawn by the page's CSS (ui/style.py, .lenet-bars):
    each digit's bar with its percentage written above it, the predicted digit in orange. Per stroke it costs the
    server a string, where a Vega-Lite chart costs a pandas -> Arrow conversion (issue 13)."""
    texts = [percent(float(p)) for p in probabilities]
    _bars(probabilities, texts, label, _("Probability of each digit"))


def penalty_bars(penalties: np.ndarray, label: int, title: str) -> None:
    """The classic model's ten RBF penalties as `probability_bars` draws probabilities: each bar as tall as its
    share of the largest, its value written above it (two decimals), the answer (the smallest) in orange."""
    largest = max(float(np.max(penalties)), 1e-12)  # all zero: flat bars, not a division by zero
    _bars(np.asarray(penalties) / largest, [decimal(float(v), 2) for v in penalties], label, title, "long")


def _bars(heights: np.ndarray, texts: list[str], label: int, title: str, kind: str = "") -> None:
    """Ten bars of `heights` in [0, 1], `texts` over them, digit `label`'s in orange, under `title`; kind "long":
    texts too wide for ten columns on a phone (ui/style.py writes them upright there)."""
    chosen = ' class="chosen"'
    bars = "".join(
        f'<li{chosen if d == label else ""}><span class="digit">{d}</span><span class="track">'
        f'<span class="fill" style="height:{100 * float(h):.1f}%"></span><span class="value">{text}</span>'
        "</span></li>"
        for d, (h, text) in enumerate(zip(heights, texts))
    )
    html(f'<div class="lenet-bars {kind}"><p>{html_text.escape(title)}</p><ol>{bars}</ol></div>')


def markdown_table(rows: list[dict], digits: int = 4) -> None:
    """`rows` (dicts with the same keys) as one Markdown table, numbers with `digits` decimals: a real HTML
    table for screen readers, and far cheaper per rerun than st.dataframe's Arrow conversion."""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + " --- |" * len(keys)]
    lines += [
        "| " + " | ".join(decimal(v, digits) if isinstance(v, float) else str(v) for v in row.values()) + " |"
        for row in rows
    ]
    st.markdown("\n".join(lines))


def figure(rgb: np.ndarray | bytes, caption: str, file_name: str, alt: str | None = None) -> None:
    """Show an RGB image (or its PNG bytes) with its caption and a button to download it as a PNG.
    The PNG is encoded once and sent as is: st.image does not re-encode PNG bytes (as JPEG).
    `alt` (for screen readers) defaults to the caption, which says what the picture shows."""
    png = rgb if isinstance(rgb, bytes) else viz.to_png_bytes(rgb)
    st.image(png, caption=caption, output_format="PNG", alt=alt or caption)
    download(png, file_name)


def inline_figures(figures: list[tuple[bytes, str, str, str]], css_class: str) -> None:
    """(PNG, caption, alt text, overlay HTML) pictures as one st.html element of <figure>s, each PNG inside its
    <img> as a data: URL, the overlay (or "") over it; ui/style.py lays out `css_class`. For the pictures redrawn
    on every stroke: an st.image costs the server a media file and the page's request for it (~1.3 ms of server
    CPU each, 6 per stroke; issue 13), while here the pictures ride in the element's own message."""
    body = "".join(
        f'<figure><div class="frame">{img(png, alt)}{overlay}</div><figcaption>{html_text.escape(caption)}</figcaption>'
        "</figure>"
        for png, caption, alt, overlay in figures
    )
    html(f'<div class="{css_class}">{body}</div>')


def img(png: bytes, alt: str) -> str:
    """An <img> tag that carries its PNG in the page (a data: URL), with its alt text."""
    return f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{html_text.escape(alt)}">'


def download(data: bytes | Callable[[], bytes], file_name: str, label: str | None = None) -> None:
    """A PNG download button; `data` may be a function, then it runs only when the button is clicked."""
    st.download_button(
        label or _("Download PNG"),
        data,
        file_name=file_name,
        mime="image/png",
        key=f"download_{file_name}",
        on_click="ignore",
        icon=":material/download:",
    )


def probability_plot(series: dict[str, np.ndarray], width_px: int | None = None) -> np.ndarray:
    """lenet.lab.plots.probability_bars with its axes labelled in the session's language, (H, W, 3) uint8."""
    from lenet.lab import plots  # here: Matplotlib only once a lab draws a chart, not on the first screen

    return plots.probability_bars(
        series, width_px=width_px or plots.WIDTH_PX, x_label=_("digit"), y_label=_("probability")
    )


def intro(heading: str, text: str, **fields: object) -> None:
    """A lab's heading and the paragraph that says what it shows (English, marked N_), in the session's language;
    `fields` fill the paragraph's {named} numbers."""
    st.header(_(heading))
    st.markdown(_(text).format(**fields))
