"""Every dependency on Streamlit's internals, in one room: the next Streamlit upgrade is this file to read.

"Internal" means a private module or attribute, a DOM test id (`data-testid`, Streamlit's own, not a
documented interface), or a behaviour we rely on that Streamlit does not document. Each is listed here with
the test that fails when an upgrade breaks it:

| internal | what we rely on | guard |
| --- | --- | --- |
| `html()` / `_Ready._repr_html_` | st.html takes an object with `_repr_html_` as it is, skipping `streamlit.elements.html.clean_text` (a dedent, ~0.7 ms per stroke; issue 13) | tests/test_app.py::test_the_app_s_generated_html_skips_streamlit_s_dedent |
| `batch_handovers()` | AppSession hands each ScriptRunner event to the event loop through `_on_scriptrunner_event` (connected per run by a weak reference), `_call_soon_on_event_loop` and `_handle_scriptrunner_event_on_event_loop(sender, event, ...)`, and ScriptRunner sends keywords only | tests/test_runtime_patches.py |
| `flush_in_few_turns()` | `Runtime._loop_coroutine` writes the sessions' queued messages with `await asyncio.sleep(0)` after each, through the module's name `asyncio` (`streamlit.runtime.runtime.asyncio`), looked up at every call | tests/test_runtime_patches.py::test_streamlit_s_flush_takes_one_turn_for_a_run_s_messages |
| `send_finished_runs()` | AppSession handles a run's `SCRIPT_STARTED` by `_clear_queue()`, which drops the deltas still queued (`_browser_queue._queue`); the runtime's `_session_mgr.get_active_session_info(id)` and `_send_message(info, msg)` write a message as its loop does | tests/test_runtime_patches.py::test_a_finished_run_s_last_messages_reach_the_page_when_the_next_run_starts |
| `skip_needless_trigger_checks()` | `SessionState._dispatch_trigger_callbacks` reads nothing of a widget's value but its `json_trigger_value` | tests/test_runtime_patches.py::test_the_trigger_check_runs_only_for_json_triggers |
| `reuse_the_theme()` | `AppSession._create_new_session_message` fills the theme through the module function `app_session._populate_theme_msg(msg, section)`, from config options only; a parse of the config sends `config.on_config_parsed` | tests/test_runtime_patches.py::test_the_theme_is_streamlit_s_built_once_per_parse_of_the_config |
| `skip_pandas_for_plain_dicts()` | `streamlit.components.v2.bidi_component.serialization` calls `is_dataframe_like` (imported into its module) on each value of a component's data; for a plain dict it is true only for a mapping to pandas Series (`DataFormat.COLUMN_SERIES_MAPPING`) | tests/test_runtime_patches.py::test_a_component_s_plain_dict_is_no_dataframe_without_pandas; tests/test_serving.py (no pandas mapped) |
| `share_the_lock_finely()` | not Streamlit's, the interpreter's: `sys.setswitchinterval`, set once per server from `app.main()` (issue 13) | tests/test_app.py::test_the_server_hands_the_interpreter_lock_on_every_millisecond |
| `PAGE_CSS`'s `data-testid` selectors | the test ids of Streamlit's DOM (header, main menu, status widget, metric, tabs, columns, layout wrapper, element container, st.html...) and BaseWeb's `data-baseweb="tag"` | tests/test_runtime.py::test_every_test_id_we_style_is_in_streamlit_s_frontend; in Chromium tests/e2e/test_layout.py, tests/e2e/test_fit.py |
| the header's `pointer-events` rules | Streamlit's header is a full-width, invisible strip over the page's top and takes the pointer; the toolbar sets it back on its own items (issue 21); the sidebar's open button sits 20-52 px from the left, and the main block's left padding is 1rem below 864 px (`contentMaxWidth` + 2 (`wideSidePadding` - `spacing.lg`)) | tests/e2e/test_drawing.py (strokes in the canvas' top band), tests/e2e/test_layout.py |
| `script()` | st.html with `unsafe_allow_javascript=True` runs a script in the page itself (not an iframe), and an st.html holding only a script is hidden by `PAGE_CSS` (`stElementContainer`/`stHtml`) | tests/test_runtime.py::test_a_script_is_run_in_the_page_and_takes_no_place, tests/e2e/test_layout.py |
| `CANVAS_TOOLBAR_OFF` | streamlit-drawable-canvas renders in a shadow root under `[data-testid=stBidiComponentIsolated]`; the script adopts a style sheet into every shadow root to hide `.dc-toolbar` (issue 10) | tests/test_runtime.py::test_every_test_id_we_style_is_in_streamlit_s_frontend; in Chromium tests/e2e/test_drawing.py |
| `FIT_FORMULAS` | KaTeX's `.katex-display` boxes as Streamlit renders st.latex (issue 21) | tests/e2e/test_fit.py |
| `session_id()`, `session_active()`, `session_running()`, `rerun_session()` | a script run's context names its session (`get_script_run_ctx().session_id`); the runtime's session manager finds an active session by id, its `_state` says whether a run is under way, and `AppSession.request_rerun(session._client_state)`, handed to the session's event loop (`_call_soon_on_event_loop`), runs its page again from the server, as Streamlit's run-on-save does (the saved client state holds the page's query string; the widgets keep their values) | tests/classroom/test_class_push.py |

Public APIs used elsewhere and noted here so a reader need not wonder: `st.context.ip_address`
(ui/class_authority.py), `st.get_option("server.port")` (ui/class_wall.py), container keys as CSS classes
`.st-key-KEY` (ui/style.py; documented for st.container's `key`). tests/test_runtime.py checks that no other
ui/ module or app.py names a test id, runs a script or reaches a private Streamlit module.
"""

import asyncio
import functools
import logging
import sys
import threading
import time
import types

import streamlit as st

SWITCH_INTERVAL_S = 0.001  # seconds; Python's default is 0.005


@functools.cache  # once per process: the setting is the interpreter's, not a session's
def share_the_lock_finely() -> None:
    """Let a thread that waits for the interpreter lock (the GIL) take it after 1 ms instead of 5.

    A script run hands each element it draws (~45 per stroke) to the event loop, and each hand-over writes
    to a socket, which lets go of the lock. With many students' runs going at once, each run then waits
    for the lock up to the switch interval at every element, behind runs that hold it: the runs queue up.
    `python -m bench.load --students 160 --servers 2` on 2 cores, 2026-11-28: stroke p95 1.07, 1.67, 1.16
    and 1.60 s at 5 ms; 0.86, 0.70 and 0.61 s at 1 ms (same code, runs alternating).
    """
    sys.setswitchinterval(SWITCH_INTERVAL_S)


HANDOVER_DELAY_S = 0.02  # a run's elements reach the event loop at most this late; its start and end at once


@functools.cache  # once per process: it replaces a method of Streamlit's AppSession class
def batch_handovers() -> None:
    """Hand a script run's elements to the event loop in batches, not one wake-up each.

    Streamlit's AppSession passes every event of a script run (each element drawn, ~20 per stroke) to the
    event loop with its own `call_soon_threadsafe`: a write to the loop's wake-up socket and a turn of the
    loop each. Here an element waits up to HANDOVER_DELAY_S with those that follow it, and every other event
    (the run's start, its end) takes what waits with it at once, in order: ~3 wake-ups a stroke, not ~23.
    """
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner import ScriptRunnerEvent

    lock, waiting = threading.Lock(), "_lenet_waiting"  # session attribute: its callbacks while a drain is due

    def drain(session: AppSession) -> None:
        with lock:
            batch = session.__dict__.pop(waiting, [])
        for callback in batch:
            try:
                callback()
            except Exception:  # as the event loop does for a failed callback: log it, run the next one
                logging.getLogger(__name__).exception("A Streamlit event callback failed")

    def on_event(self: AppSession, sender, **event) -> None:  # Streamlit's ScriptRunner sends keywords only
        callback = lambda: self._handle_scriptrunner_event_on_event_loop(sender, **event)
        element = event.get("event") == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG
        with lock:
            due = waiting in self.__dict__
            self.__dict__.setdefault(waiting, []).append(callback)
        if element and due:
            return  # the drain that is due runs it
        loop = self._event_loop

        def later() -> None:
            loop.call_later(HANDOVER_DELAY_S, drain, self)

        self._call_soon_on_event_loop(later if element else lambda: drain(self))

    # The runs going on hold a weak reference to the replaced method (Streamlit's Signal): keep it alive.
    on_event.__wrapped__ = AppSession._on_scriptrunner_event  # type: ignore[attr-defined]
    AppSession._on_scriptrunner_event = on_event  # type: ignore[method-assign, assignment]


TURN_EVERY_S = 0.005  # Streamlit's flush of queued messages lets the event loop turn at least this often


@functools.cache  # once per process: it replaces the asyncio module that Streamlit's runtime module sees
def flush_in_few_turns() -> None:
    """Write the sessions' queued messages without a turn of the event loop after each one.

    Streamlit's Runtime loop takes every session's queued messages (a stroke's ~20 elements) and writes them to
    its websocket with an `await asyncio.sleep(0)` after each message: a turn of the event loop per message. A
    turn polls the sockets (epoll), which lets go of the interpreter lock, and with students' script runs
    holding the lock the loop then waits up to the switch interval (1 ms) to get it back: ~1 ms a message
    under load, on the one thread that writes every session's answers. The answers waited in the sessions'
    queues after their runs had ended, and a server topped out at ~50 strokes/s on 0.7-0.9 cores. Here that
    module's sleep(0) turns the loop only when TURN_EVERY_S has passed since it last did, so the loop still
    reads the students' strokes in between; every other asyncio name is the module's own.
    `python -m bench.load --students 320 --servers 2 --duration 30` (2026-12-07, runs alternating with
    main): stroke p95 median 0.58 s over 12 runs (0.41-1.99), main's 2.56 s (0.81-3.39); one server at 240
    students: 1,725 and 1,735 strokes in 30 s, main's 1,388-1,696 (docs/developers.md).
    """
    from streamlit.runtime import runtime as streamlit_runtime

    turned = [time.monotonic()]  # when the flush last let the loop turn

    async def sleep(delay: float, result=None):
        if delay == 0 and time.monotonic() - turned[0] < TURN_EVERY_S:
            return result  # no turn: the flush goes on to the next message
        result = await asyncio.sleep(delay, result)
        turned[0] = time.monotonic()
        return result

    fewer_turns = types.SimpleNamespace(**vars(asyncio))  # asyncio's names, sleep replaced
    fewer_turns.sleep = sleep
    fewer_turns.__wrapped__ = asyncio
    streamlit_runtime.asyncio = fewer_turns  # type: ignore[assignment]


@functools.cache  # once per process: it replaces a method of Streamlit's AppSession class
def send_finished_runs() -> None:
    """When a session's next run starts, send the messages of its run that finished instead of dropping them.

    Streamlit clears a session's queued, unsent deltas when its next run starts: the new run draws the page
    again. But a widget's value set by the code (st.session_state[key] = ..., as "Follow me" and "Reset" do)
    reaches the browser only in the run that set it; the next run draws the widget without it. When that next
    run started within the few milliseconds before the finished run's last messages were written (the browser's
    reply to a tab the run opened, a push), the page kept its old value while the server computed with the new
    one (tests/e2e/test_follow_browser.py: a student's "Silence C1 maps" box empty, C1·2 silenced; 1 run in 5
    under load once the answers were written sooner, flush_in_few_turns). Here, if a finished run's end is
    still queued, everything queued is written first, as the runtime loop would have a moment later; a run
    stopped early for the next one is dropped as before.
    """
    from streamlit import runtime as streamlit_runtime
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.session_manager import SessionClientDisconnectedError

    clear = AppSession._clear_queue
    ended = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}  # a run drawn to its end

    def send_then_clear(self: AppSession, fragment_ids_this_run: list[str] | None = None) -> None:
        finished = any(
            msg.WhichOneof("type") == "script_finished" and msg.script_finished in ended
            for msg in self._browser_queue._queue
        )
        info = _active(self.id) if finished else None
        if info is not None:  # on the event loop (Streamlit handles SCRIPT_STARTED there), as the runtime loop
            try:
                for msg in self.flush_browser_queue():
                    streamlit_runtime.get_instance()._send_message(info, msg)
            except SessionClientDisconnectedError:
                pass  # the page is gone: the runtime loop disconnects it at its next flush
        clear(self, fragment_ids_this_run)

    send_then_clear.__wrapped__ = clear  # type: ignore[attr-defined]
    AppSession._clear_queue = send_then_clear  # type: ignore[method-assign]


@functools.cache  # once per process: it replaces a method of Streamlit's SessionState class
def skip_needless_trigger_checks() -> None:
    """Before every run Streamlit looks for JSON trigger events (a component's one-shot events) in each widget
    that has callbacks, serialising the widget's value to read the trigger field. The canvas has callbacks and
    a ~20 kB JSON value (its strokes and picture) that is no trigger: json.dumps of it cost ~5 % of a stroke.
    Only a widget whose value type is the JSON trigger's can hold one, so others are skipped."""
    from streamlit.runtime.state.session_state import SessionState

    dispatch = SessionState._dispatch_trigger_callbacks

    def dispatch_triggers(self: SessionState, votes, wid: str, metadata, args, kwargs) -> None:
        if metadata.value_type == "json_trigger_value":
            dispatch(self, votes, wid, metadata, args, kwargs)

    dispatch_triggers.__wrapped__ = dispatch  # type: ignore[attr-defined]
    SessionState._dispatch_trigger_callbacks = dispatch_triggers  # type: ignore[method-assign]


@functools.cache  # once per process: it replaces a function of Streamlit's app_session module
def reuse_the_theme() -> None:
    """Every run, a fragment's (a stroke) too, starts with a new_session message that carries the page's theme,
    built afresh from the config: six sections, each a scan of all ~370 config options (~7 % of a stroke's
    server CPU under py-spy). The theme is the server's, not a session's: each section is built once per
    parse of the config and copied into the message after that."""
    from streamlit import config
    from streamlit.runtime import app_session

    populate, made = app_session._populate_theme_msg, {}

    def populate_theme(msg, section: str = "theme") -> None:
        key = (id(config.get_config_options()), section)  # a parse makes a new table of options
        if key not in made:
            fresh = type(msg)()
            populate(fresh, section)
            made[key] = fresh.SerializeToString()
        if made[key]:  # an empty section leaves the message unset, as Streamlit's does
            msg.MergeFromString(made[key])

    config.on_config_parsed(made.clear, force_connect=True)  # a changed config.toml: build them again
    populate_theme.__wrapped__ = populate  # type: ignore[attr-defined]
    app_session._populate_theme_msg = populate_theme


@functools.cache  # once per process: it replaces a function that Streamlit's component serialisation imported
def skip_pandas_for_plain_dicts() -> None:
    """Every run, Streamlit looks for dataframes among the values of the dict a component is given (the canvas'
    settings and its drawing, a plain dict) with `is_dataframe_like`, which imports pandas and pyarrow to ask:
    ~0.4 s of a cold start's first page, and their memory in every server. A plain dict is dataframe-like to
    Streamlit only as a mapping of columns to pandas Series, which cannot exist while pandas is not imported."""
    from streamlit.components.v2.bidi_component import serialization

    is_dataframe_like = serialization.is_dataframe_like

    def plain_dict_or_dataframe_like(obj: object) -> bool:
        if type(obj) is dict and "pandas" not in sys.modules:
            return False
        return is_dataframe_like(obj)

    plain_dict_or_dataframe_like.__wrapped__ = is_dataframe_like  # type: ignore[attr-defined]
    serialization.is_dataframe_like = plain_dict_or_dataframe_like


def session_id() -> str | None:
    """The id of the session whose script run this is (None outside a run: a test's bare call)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else None


def _active(session: str):
    from streamlit import runtime

    manager = getattr(runtime.get_instance(), "_session_mgr", None) if runtime.exists() else None  # AppTest: none
    return manager.get_active_session_info(session) if manager is not None else None


def session_active(session: str) -> bool:
    """Whether session `session` still has a page connected to this server."""
    return _active(session) is not None


def session_running(session: str) -> bool:
    """Whether session `session`'s page is running now (AppSession's state: a run under way, or queued)."""
    info = _active(session)
    return info is not None and info.session._state.value == "APP_IS_RUNNING"


def rerun_session(session: str) -> bool:
    """Run the page of session `session` again, from the server, with its query string and widget values (what
    Streamlit's run-on-save does when a file changes; any thread may ask). False when it is gone."""
    info = _active(session)
    if info is None:
        return False
    page = info.session  # on its event loop, in turn with the page's own messages: request_rerun replaces the
    # session's ScriptRunner, and a stroke handled at the same moment in another thread could replace it again,
    # orphaning this run (its messages never sent: 40 students drawing lost pushes, bench/follow.py --stroke-s)
    page._call_soon_on_event_loop(lambda: page.request_rerun(page._client_state))
    return True


class _Ready(str):
    """HTML that st.html takes as it is: given an object with `_repr_html_`, st.html skips its
    textwrap.dedent of the body, ~0.7 ms per stroke for the ~28 kB of pictures in the glance strip (issue 13)."""

    def _repr_html_(self) -> str:
        return str(self)


def html(body: str) -> None:
    """st.html for the app's own generated HTML (never indented, so dedenting it would change nothing)."""
    st.html(_Ready(body))


def script(js: str) -> None:
    """Run `js` (a whole `<script>...</script>`) in the page; PAGE_CSS hides its empty element."""
    st.html(js, unsafe_allow_javascript=True)


PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.4rem; padding-bottom: 3rem; }
[data-testid="stHeader"] { background: transparent; }  /* it only holds the menu, at the right: let the title show */
/* The header is an invisible full-width strip, 3.75rem high, over the page's top, and it took the pointer: a
   stroke started there, on a canvas scrolled up under it, never reached the canvas (6-9 of 12 strokes in the
   canvas' top band, issue 21). Let the pointer through (Streamlit sets it back on the toolbar: so on all
   the header holds), except on the menu, at the right, clear of the canvas. */
[data-testid="stHeader"], [data-testid="stHeader"] * { pointer-events: none; }
[data-testid="stMainMenu"], [data-testid="stMainMenu"] * { pointer-events: auto; }
/* The sidebar's open button (the language picker is in the sidebar) takes the pointer too. It sits at the top left,
   20-52 px from the edge: where Streamlit's left padding is 1rem (narrower than 864 px) the canvas stands 2.25rem
   further in (its column as much wider), so a canvas scrolled up to the top is never under it. */
[data-testid="stExpandSidebarButton"], [data-testid="stExpandSidebarButton"] * { pointer-events: auto; }
@media (max-width: 863.98px) { .st-key-canvas { margin-left: 2.25rem; width: auto; } }
@media (min-width: 641px) and (max-width: 863.98px) {
  [data-testid="stColumn"]:has(.st-key-source) { flex-basis: 341px; width: 341px; min-width: 341px; }
}
@media (min-width: 641px) {  /* a running script's Stop; on a phone it sits over the canvas' top right */
  [data-testid="stStatusWidget"], [data-testid="stStatusWidget"] * { pointer-events: auto; }
}
[data-testid="stMetricValue"] { font-size: 2.75rem; font-weight: 700; line-height: 1.1; }
.st-key-answer [data-testid="stMetricValue"] { font-size: 4.5rem; }  /* the answer, on the first screen */
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
/* A metric's label wraps rather than end in "…" (issue 21); values are sized and formatted to fit */
[data-testid="stMetricLabel"] :is([data-testid="stMarkdownContainer"], p) { white-space: normal; }
/* Every tab in view on a projector and a phone (issue 21): the tab bar wraps onto more rows, never scrolls sideways */
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow: visible; column-gap: 1.2rem; row-gap: 0; }
[data-testid="stTab"] p { font-size: 1rem; font-weight: 600; }
[data-testid="stCaptionContainer"] { font-size: 1rem; }
/* A formula's box spans its column (not just the formula): FIT_FORMULAS scales only what is wider */
[data-testid="stMarkdown"] > div:has(> [data-testid="stMarkdownContainer"] > .katex-display) { width: 100%; margin: 0; }
[data-testid="stImage"] img { image-rendering: pixelated; }  /* units stay sharp squares when scaled */
/* Small text in the theme's orange (3.1:1 on white) in a darker orange (5.2:1): WCAG AA wants 4.5:1 */
[data-testid="stSliderThumbValue"] p, [data-testid^="stSliderTickBar"] { color: #c2410c; }
[data-baseweb="tag"] { background-color: #c2410c; }  /* white text on a chosen option: 5.2:1 */
/* Class mode: app.py puts the student's panel first in the open tab; the answer, where the tab has one, goes
   above it. The answer's horizontal container is wrapped in a layout wrapper, a flex item of the tab's block. */
[data-testid="stLayoutWrapper"]:has(> .st-key-answer) { order: -1; }
/* A script-only st.html (FIT_FORMULAS, CANVAS_TOOLBAR_OFF) takes no place in the layout */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
@media (min-width: 641px) {  /* the input column (it holds the source selector) just fits the 280 px canvas */
  [data-testid="stColumn"]:has(.st-key-source) { flex: 0 0 300px; width: 300px; min-width: 300px; }
}
@media (max-width: 640px) {  /* columns stack: bring the answer up to just under the canvas */
  [data-testid="stHorizontalBlock"]:has(.st-key-source) { row-gap: 0.5rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.9rem; }  /* clear of the fixed header */
  [data-testid="stMetricValue"], .st-key-answer [data-testid="stMetricValue"] { font-size: 2.6rem; }
  /* the twelve tabs in three short rows, so the answer still shows under them on the first screen */
  [data-testid="stTabs"] [role="tablist"] { column-gap: 0.75rem; }
  [data-testid="stTab"] { height: 1.6rem; }
  [data-testid="stTab"] p { font-size: 0.8rem; }
  [data-testid="stTabPanel"] { padding-top: 0.5rem; }
}
</style>
"""

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


# The component renders in a shadow root that the page's CSS cannot reach: adopt one rule into every
# shadow root as it is created (and into any that exist already). Runs once per page.
CANVAS_TOOLBAR_OFF = """<script>
(() => {
  if (window.lenetCanvasToolbarOff) return;
  window.lenetCanvasToolbarOff = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(".dc-toolbar { display: none !important; }");
  const adopt = (root) => {
    if (root && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    adopt(root);
    return root;
  };
  document.querySelectorAll("[data-testid=stBidiComponentIsolated]").forEach((host) => adopt(host.shadowRoot));
})();
</script>"""
# The canvas' toolbar: streamlit-drawable-canvas 0.13 has no option to hide it (ui/canvas.py says why it must go).


def apply_page() -> None:
    """Once per full run, from app.main(), never in a fragment's rerun (a stroke): the CSS on Streamlit's DOM,
    the FIT_FORMULAS script and the canvas' toolbar off. Once run, the page keeps the scripts' effects."""
    st.html(PAGE_CSS)
    script(FIT_FORMULAS)
    hide_canvas_toolbar()


def hide_canvas_toolbar() -> None:
    """The script that hides the canvas' toolbar, in every canvas made afterwards (it patches attachShadow)
    and in those already there; a no-op in the page after the first."""
    script(CANVAS_TOOLBAR_OFF)
