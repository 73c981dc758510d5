"""Record real drawings for the protocol-level load: Chromium draws digits on the app's canvas and the
websocket frames it sends are kept (the last `rerun_script` of each digit), with the digit the app showed.

    python -m bench.load.record [--digits 0,1,4,7] [--out bench/load/drawings.json]
"""

import asyncio
import json

from google.protobuf import json_format
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.harness.browser import clear, draw_and_time, launch, open_app, shown_prediction
from bench.harness.common import log, parser
from bench.harness.server import streamlit_server
from bench.load.protocol import DRAWINGS_PATH, key_of


def widget_states(frame: bytes) -> list[dict] | None:
    """A rerun_script frame's widget states, each with "key" instead of the session's "id"; None otherwise.
    Trigger values (a button press) are left out: they are not part of a stroke."""
    msg = BackMsg()
    msg.ParseFromString(frame)
    if msg.WhichOneof("type") != "rerun_script":
        return None
    states = []
    for state in msg.rerun_script.widget_states.widgets:
        if state.WhichOneof("value") in ("trigger_value", "string_trigger_value", "json_trigger_value"):
            continue
        as_dict = json_format.MessageToDict(state)
        as_dict["key"] = key_of(as_dict.pop("id"))
        states.append(as_dict)
    return states


async def record(url: str, digits: list[int]) -> list[dict]:
    """Draw each digit in one Chromium page; return its last stroke's widget states and the shown answer."""
    from playwright.async_api import async_playwright

    frames: list[bytes] = []
    drawings = []
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        context = await browser.new_context(viewport={"width": 1600, "height": 1000})
        context.on("page", lambda page: page.on("websocket", lambda ws: ws.on("framesent", lambda f: frames.append(f))))
        page = await open_app(browser, url, context)
        for digit in digits:
            await draw_and_time(page, digit)
            shown = await shown_prediction(page, digit)
            sent = [s for s in map(widget_states, frames) if s and any(w["key"].startswith("canvas") for w in s)]
            drawings.append({"digit": digit, "shown": shown, "widgets": sent[-1]})
            log(f"record: drew {digit}, the app showed {shown}")
            await clear(page)
        await browser.close()
    return drawings


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--digits", default="0,1,4,7", help="digits to draw (testkit/digits.py strokes)")
    p.add_argument("--out", default=str(DRAWINGS_PATH))
    args = p.parse_args(argv)
    with streamlit_server("app.py") as server:
        drawings = asyncio.run(record(server.url, [int(d) for d in args.digits.split(",")]))
    wrong = [d for d in drawings if d["shown"] != str(d["digit"])]
    note = "drawn by bench/load/record.py in Chromium on app.py; widget ids stored as keys"
    with open(args.out, "w") as out:
        json.dump({"note": note, "drawings": [d for d in drawings if d not in wrong]}, out, indent=1)
    print(
        f"{len(drawings) - len(wrong)} drawings written to {args.out}; misread (not kept): "
        f"{[(d['digit'], d['shown']) for d in wrong]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
