"""A Streamlit client without a browser: Streamlit 1.67's own websocket protocol, as the page speaks it.

The page opens `ws://HOST/_stcore/stream` (subprotocol "streamlit"), sends a BackMsg `rerun_script` with
no widget states, and the server streams ForwardMsgs (new_session, deltas, ..., script_finished). A stroke
is another `rerun_script` carrying every widget's value; the canvas (a Components v2 "bidi" component)
sends its drawing as a `json_value` (Fabric's objects plus a PNG data URL), recorded from Chromium in
bench/load/drawings.json. Widget ids are `$$ID-<hash>-<key>`: the recording stores keys, and each session maps
them to the ids its own first page shows, so a changed app gets fresh ids rather than stale ones.
"""

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import websocket  # websocket-client (cooperative under Locust's gevent patching)
from google.protobuf import json_format
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DRAWINGS_PATH = Path(__file__).with_name("drawings.json")
WIDGET_ID = re.compile(rb"\$\$ID-[0-9a-f]{32}-[A-Za-z0-9_\-]+")
MEDIA_URL = re.compile(rb"/media/[0-9a-f]+\.[a-z]+")  # pictures: the page fetches them over HTTP after the delta
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
RUN_TIMEOUT_S = 120.0  # one run, however busy the machine: then the stroke counts as lost
SEND = "Send to class"  # the class student's button (ui/class_student.py)
CONTEXT = {"timezone": "UTC", "timezoneOffset": 0, "locale": "en-US", "isEmbedded": False, "colorScheme": "light"}


class RunLost(Exception):
    """No script_finished within the time limit, the run failed, or the connection closed."""


def load_drawings(path: Path = DRAWINGS_PATH) -> list[dict]:
    """[{"digit": 7, "widgets": [WidgetState as dict, "id" replaced by "key"]}, ...] recorded from Chromium."""
    return json.loads(path.read_text())["drawings"]


def key_of(widget_id: str) -> str:
    """`$$ID-<32 hex>-canvas-0` -> `canvas-0`."""
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id


@dataclass
class Run:
    """What one script run sent: its deltas' widget ids and fragment ids, the Prediction metric, errors."""

    status: int | None = None
    prediction: str | None = None
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.info, st.warning, st.error, st.success texts
    widget_ids: dict[str, str] = field(default_factory=dict)  # key -> id
    fragments: dict[str, str] = field(default_factory=dict)  # widget key -> fragment id it lives in
    fragment_ids: set[str] = field(default_factory=set)  # every fragment a delta came from (e.g. a wall)
    buttons: dict[str, str] = field(default_factory=dict)  # label -> id: key-less buttons share the key "None"
    media: set[str] = field(default_factory=set)  # /media/... URLs the deltas point at
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragment id -> seconds: st.fragment(run_every)
    messages: int = 0
    bytes: int = 0

    def read(self, raw: bytes, msg: ForwardMsg) -> None:
        self.messages, self.bytes = self.messages + 1, self.bytes + len(raw)
        if msg.WhichOneof("type") == "script_finished":
            self.status = msg.script_finished
        if msg.WhichOneof("type") == "auto_rerun":  # the page re-runs this fragment on a timer (no delta says so)
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        if msg.WhichOneof("type") != "delta":
            return
        delta = msg.delta
        ids = {key_of(m.decode()): m.decode() for m in WIDGET_ID.findall(raw)}
        self.widget_ids.update(ids)
        self.media.update(m.decode() for m in MEDIA_URL.findall(raw))
        if delta.fragment_id:
            self.fragment_ids.add(delta.fragment_id)
            self.fragments.update(dict.fromkeys(ids, delta.fragment_id))
        element = delta.new_element
        kind = element.WhichOneof("type") if delta.WhichOneof("type") == "new_element" else None
        if kind == "metric" and element.metric.label == "Prediction":
            self.prediction = element.metric.body
        elif kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind == "exception":
            self.exceptions.append(element.exception.message)
        elif kind == "alert":
            self.alerts.append(element.alert.body)


class Session:
    """One browser tab's worth of Streamlit session over one websocket."""

    def __init__(self, base_url: str, timeout: float = RUN_TIMEOUT_S, query: str = ""):
        ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.url, self.timeout, self.query = base_url, timeout, query  # query: the link's ?... (class=CODE)
        self.http = requests.Session()  # keep-alive, like the page's own fetches of /media/ pictures
        self.http.get(base_url, timeout=timeout).raise_for_status()  # the page itself (and nginx's sticky cookie)
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self.ws = websocket.create_connection(ws_url, subprotocols=["streamlit"], timeout=timeout, cookie=cookie)
        self.fetched: set[str] = set()  # a browser's cache: a picture's URL is its content hash
        self.widget_ids: dict[str, str] = {}
        self.fragments: dict[str, str] = {}
        self.buttons: dict[str, str] = {}  # label -> id of the buttons the page showed

    def close(self) -> None:
        self.ws.close()
        self.http.close()

    def fetch_media(self, run: Run) -> int:
        """GET every new picture the run's deltas point at, as the page does; returns the bytes read."""
        size = 0
        for url in sorted(run.media - self.fetched):
            self.fetched.add(url)
            try:
                response = self.http.get(self.url.rstrip("/") + url, timeout=self.timeout)
            except requests.ConnectionError:  # the server closed an idle keep-alive connection: a browser
                response = self.http.get(self.url.rstrip("/") + url, timeout=self.timeout)  # retries once too
            response.raise_for_status()
            size += len(response.content)
        return size

    def rerun(self, widgets: list[dict] | None = None, fragment_id: str = "") -> Run:
        """Send rerun_script with these widget states ("key" or "id" each) and read until the run ends."""
        self.send_rerun(widgets, fragment_id)
        return self.read_run()

    def send_rerun(self, widgets: list[dict] | None = None, fragment_id: str = "") -> None:
        """Send rerun_script, as `rerun`, without reading: for a client whose reading is done by another thread
        (the server may also start runs of its own, bench/follow.py)."""
        msg = BackMsg()
        rerun = msg.rerun_script
        json_format.ParseDict(
            {**CONTEXT, "url": self.url + "/" + (f"?{self.query}" if self.query else "")}, rerun.context_info
        )
        rerun.query_string = self.query
        for state in widgets or []:
            state = dict(state)
            key = state.pop("key", None)
            state["id"] = state.get("id") or self.widget_ids.get(key, key)
            json_format.ParseDict(state, rerun.widget_states.widgets.add())
        rerun.fragment_id = fragment_id
        self.ws.send(msg.SerializeToString(), opcode=websocket.ABNF.OPCODE_BINARY)

    def read_run(self) -> Run:
        """ForwardMsgs until script_finished (a run interrupted by a newer rerun keeps reading)."""
        run, deadline = Run(), time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                raw = self.ws.recv()
            except (websocket.WebSocketException, OSError) as err:
                raise RunLost(f"connection: {type(err).__name__}: {err}") from err
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            run.read(raw, msg)
            if run.status is not None:
                if run.status in FINISHED:
                    self.widget_ids.update(run.widget_ids)
                    self.fragments.update(run.fragments)
                    self.buttons.update(run.buttons)
                    return run
                if run.status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    raise RunLost(f"script_finished status {ForwardMsg.ScriptFinishedStatus.Name(run.status)}")
                run.status = None
        raise RunLost(f"no script_finished within {self.timeout:.0f} s")

    def draw(self, drawing: dict) -> Run:
        """Send a recorded drawing's widget states, as the page does when the pen lifts."""
        self.send_draw(drawing)
        return self.read_run()

    def send_draw(self, drawing: dict) -> None:
        """Send a recorded drawing, as `draw`, without reading (`send_rerun`)."""
        canvas = next(w["key"] for w in drawing["widgets"] if w["key"].startswith("canvas"))
        # The app's canvas key now ("canvas"; older apps bumped "canvas-N" on Clear); not its Undo/Clear buttons.
        current = next((k for k in self.widget_ids if k == "canvas" or k.startswith("canvas-")), canvas)
        widgets = [{**w, "key": current if w["key"] == canvas else w["key"]} for w in drawing["widgets"]]
        # A student's strokes are never drawn twice, so every picture a stroke makes is new to the page (its URL
        # is its content's hash). The recorded drawings repeat: forget what they fetched, or the replays would
        # skip the pictures a real stroke costs the server (~8 ms of its CPU for the six of 2026-11-28).
        self.fetched.clear()
        self.send_rerun(widgets, self.fragments.get(current, ""))

    def send_widgets(self, drawing: dict) -> list[dict]:
        """Class mode (?class=CODE): the drawing still on the canvas, its digit as "I meant" and a click on
        Send to class, as widget states for `rerun` (the click is left out if the page showed no such button)."""
        canvas = next((k for k in self.widget_ids if k.startswith("canvas")), None)
        widgets = [{**w, "key": canvas or w["key"]} if w["key"].startswith("canvas") else w for w in drawing["widgets"]]
        widgets.append({"key": "class_meant", "string_value": str(drawing["digit"])})
        if SEND in self.buttons:
            widgets.append({"id": self.buttons[SEND], "trigger_value": True})
        return widgets
