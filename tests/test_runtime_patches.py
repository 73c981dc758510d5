"""ui/runtime.py's replacements of Streamlit methods (batch_handovers, flush_in_few_turns, send_finished_runs,
skip_needless_trigger_checks, reuse_the_theme, skip_pandas_for_plain_dicts): they keep Streamlit's behaviour, and
they fail here, not in a classroom, when an upgrade changes what they rely on."""

import ast
import asyncio
import inspect
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

from streamlit import config
from streamlit.proto.NewSession_pb2 import NewSession
from streamlit.runtime import app_session
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent, script_runner
from streamlit.runtime.state.session_state import SessionState

from testkit import ROOT
from ui import runtime

ELEMENT, STARTED, FINISHED = (
    ScriptRunnerEvent.ENQUEUE_FORWARD_MSG,
    ScriptRunnerEvent.SCRIPT_STARTED,
    ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS,
)


class _Session:
    """What batch_handovers uses of an AppSession: its loop, its hand-over and its handler on that loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._event_loop, self.handled, self.wakeups = loop, [], 0
        self.loop_thread: threading.Thread | None = None  # the thread that runs the loop

    def _call_soon_on_event_loop(self, callback) -> None:
        self.wakeups += 1
        self._event_loop.call_soon_threadsafe(callback)

    def _handle_scriptrunner_event_on_event_loop(self, sender, event, forward_msg=None, **_) -> None:
        assert threading.current_thread() is self.loop_thread  # on the loop, as Streamlit requires
        self.handled.append((event, forward_msg))


def _run(events: list[tuple]) -> _Session:
    """Send `events` from a script thread through the batched hand-over; wait until the loop handled them."""
    runtime.batch_handovers()
    loop = asyncio.new_event_loop()
    session = _Session(loop)

    def script() -> None:
        for event, message in events:
            AppSession._on_scriptrunner_event(session, "runner", event=event, forward_msg=message)  # type: ignore[arg-type]

    async def wait() -> None:
        thread = threading.Thread(target=script)
        thread.start()
        for _ in range(200):  # up to 2 s: the elements' hand-over waits HANDOVER_DELAY_S
            if len(session.handled) == len(events):
                break
            await asyncio.sleep(0.01)
        thread.join()

    def on_loop() -> None:
        session.loop_thread = threading.current_thread()
        loop.run_until_complete(wait())

    # The loop runs in a thread of its own: an earlier test in the same process may leave an event loop running
    # in the main thread, and asyncio refuses to run a second one there (the full suite hit it).
    runner = threading.Thread(target=on_loop)
    runner.start()
    runner.join()
    loop.close()
    return session


def test_a_run_s_events_reach_the_loop_in_order_with_few_wakeups():
    events = [(STARTED, None), *[(ELEMENT, f"delta {i}") for i in range(20)], (FINISHED, None)]
    session = _run(events)
    assert session.handled == events
    assert session.wakeups <= 4  # Streamlit's own hand-over: one each, 22


def test_elements_alone_still_arrive():
    """A run that draws and then computes for long (no end yet): its elements arrive after HANDOVER_DELAY_S."""
    events = [(ELEMENT, "spinner"), (ELEMENT, "text")]
    assert _run(events).handled == events


def test_streamlit_still_sends_script_runner_events_as_keywords():
    """on_event takes the sender and keywords: every ScriptRunner.on_event.send(...) must pass only those."""
    calls = [
        node
        for node in ast.walk(ast.parse(inspect.getsource(script_runner)))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "send"
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "on_event"
    ]
    assert calls and all(len(call.args) == 1 and call.keywords for call in calls)
    handler = inspect.signature(AppSession._handle_scriptrunner_event_on_event_loop)
    assert list(handler.parameters)[:3] == ["self", "sender", "event"]
    assert "self._event_loop" in inspect.getsource(AppSession.__init__)
    assert "on_event.connect(self._on_scriptrunner_event)" in inspect.getsource(AppSession)


def test_the_trigger_check_runs_only_for_json_triggers():
    """Streamlit's check reads only a JSON trigger's value; the replacement calls it for those widgets only."""
    runtime.skip_needless_trigger_checks()
    original = SessionState._dispatch_trigger_callbacks.__wrapped__  # type: ignore[attr-defined]
    source = inspect.getsource(original)
    assert "widget_proto_state.json_trigger_value" in source
    assert source.count("widget_proto_state.") == 1  # it reads nothing else of the widget's value

    calls: list[str] = []
    fake = SimpleNamespace(_new_widget_state=SimpleNamespace(get_serialized=lambda wid: calls.append(wid)))
    for kind in ("json_value", "json_trigger_value", "string_value"):
        metadata = SimpleNamespace(value_type=kind)
        SessionState._dispatch_trigger_callbacks(fake, None, kind, metadata, (), {})  # type: ignore[arg-type]
    assert calls == ["json_trigger_value"]


def _theme(populate) -> bytes:
    """A new_session message's theme as AppSession._create_new_session_message fills it, serialised."""
    msg = NewSession()
    theme = msg.custom_theme
    parts = {"": theme, ".light": theme.light, ".dark": theme.dark, ".sidebar": theme.sidebar}
    parts |= {".light.sidebar": theme.light.sidebar, ".dark.sidebar": theme.dark.sidebar}
    for section, part in parts.items():
        populate(part, f"theme{section}")
    return msg.SerializeToString()


def test_the_theme_is_streamlit_s_built_once_per_parse_of_the_config():
    runtime.reuse_the_theme()
    reused, built = app_session._populate_theme_msg, app_session._populate_theme_msg.__wrapped__  # type: ignore[attr-defined]
    source = inspect.getsource(AppSession._create_new_session_message)
    assert source.count("_populate_theme_msg(") == 6  # the module's function, looked up at every call
    assert _theme(reused) == _theme(built)
    key, before = "theme.sidebar.backgroundColor", config.get_option("theme.sidebar.backgroundColor")
    try:
        config.set_option(key, "#123456", "test")
        assert _theme(reused) != _theme(built)  # built once: the change waits for a parse of the config
        config._on_config_parsed.send()  # what a parse of a changed config.toml sends
        assert _theme(reused) == _theme(built) and b"#123456" in _theme(reused)
    finally:
        config.set_option(key, before, "test")
        config._on_config_parsed.send()
    assert _theme(reused) == _theme(built)


CANVAS_DATA = """
from streamlit.components.v2.bidi_component import serialization
from streamlit.proto.BidiComponent_pb2 import BidiComponent
data = {"strokeWidth": 20, "backgroundImageURL": None, "initialDrawing": {"objects": [{"path": [["M", 1, 2]]}]}}
def serialised():
    proto = BidiComponent()
    serialization.serialize_mixed_data(data, proto)
    return proto.SerializeToString()
"""


def test_a_component_s_plain_dict_is_no_dataframe_without_pandas():
    """In a fresh process: the canvas' data serialises without importing pandas, to the bytes Streamlit makes."""
    code = (
        CANVAS_DATA
        + """
import sys
from ui import runtime
runtime.skip_pandas_for_plain_dicts()
fast = serialised()
print("pandas" in sys.modules)
serialization.is_dataframe_like = serialization.is_dataframe_like.__wrapped__
print(fast == serialised(), "pandas" in sys.modules)
"""
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True", "True"]  # no pandas, same bytes; Streamlit's own imports it


def test_a_plain_dict_is_dataframe_like_only_as_columns_of_pandas_series():
    """What the shortcut relies on: with pandas loaded (here), the replacement asks Streamlit, who says a dict is
    dataframe-like only when its values are Series."""
    import pandas as pd
    from streamlit.components.v2.bidi_component import serialization

    runtime.skip_pandas_for_plain_dicts()
    source = inspect.getsource(serialization._extract_dataframes_from_dict)
    assert "is_dataframe_like(value)" in source  # the module's name, looked up at every call
    for check in (serialization.is_dataframe_like, serialization.is_dataframe_like.__wrapped__):  # type: ignore[attr-defined]
        assert check({"a": pd.Series([1, 2])})
        assert not any(check(d) for d in ({}, {"a": [1, 2]}, {"a": {"b": 1}}, {"a": 1}, {"objects": [{"x": 1}]}))


# Streamlit's own Runtime (one per process, so each check runs in a fresh one) with one session whose browser is
# `Client`; `check(streamlit, session)` queues messages; the script prints what `written` holds then.
RUNTIME = """
import asyncio, sys
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime, RuntimeConfig
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from ui import runtime

turns, written = [0], []  # turns of the event loop so far; what the browser received


class Client:  # a browser's websocket, as Streamlit's Runtime writes to it
    client_context = None

    def write_forward_msg(self, msg):
        written.append((turns[0], msg.delta.new_element.text.body or msg.WhichOneof("type")))


async def count_turns():
    while True:
        turns[0] += 1
        await asyncio.sleep(0)  # this module's asyncio: one turn each


def element(i):  # a run's element, each at its own place in the page (the queue merges the same place)
    msg = ForwardMsg()
    msg.delta.new_element.text.body = f"element {i}"
    msg.metadata.delta_path[:] = [0, i]
    return msg


async def main():
    config.set_option("server.fileWatcherType", "none")
    storage = RuntimeConfig("app.py", MemoryMediaFileStorage("/media"), MemoryUploadedFileManager("/upload"))
    streamlit = Runtime(storage)
    await streamlit.start()
    counter = asyncio.create_task(count_turns())
    session_id = streamlit.connect_session(client=Client(), user_info={})
    session = streamlit._session_mgr.get_active_session_info(session_id).session
    await asyncio.sleep(0.05)
    written.clear()
    await check(streamlit, session, *sys.argv[1:])
    print(written)
    streamlit.stop()
    counter.cancel()
"""


def _runtime(check: str, *args: str) -> list[tuple[int, str]]:
    """(turn of the event loop, element text or message type) for each message the browser received."""
    code = RUNTIME + check + "\n\nasyncio.run(main())\n"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


FLUSH = """
async def check(streamlit, session, how):
    if how == "patched":
        runtime.flush_in_few_turns()
    for i in range(20):  # a stroke's elements
        session._enqueue_forward_msg(element(i))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if len(written) == 20:
            break
"""


def test_streamlit_s_flush_takes_one_turn_for_a_run_s_messages():
    streamlit = _runtime(FLUSH, "streamlit")
    assert len(streamlit) == 20 and len({turn for turn, _ in streamlit}) == 20  # what the replacement is for
    patched = _runtime(FLUSH, "patched")
    assert len(patched) == 20 and len({turn for turn, _ in patched}) <= 2  # the first may find TURN_EVERY_S passed


def test_the_flush_s_sleep_still_waits_and_lets_the_loop_turn_now_and_then():
    from streamlit.runtime import runtime as streamlit_runtime

    runtime.flush_in_few_turns()
    fewer = streamlit_runtime.asyncio
    assert fewer.Event is asyncio.Event and fewer.wait is asyncio.wait  # every other name is asyncio's own

    async def turns_of(work_s: float, zeros: int) -> tuple[int, float]:
        """(turns of the loop, seconds) for a real wait, `work_s` of work without a turn, then `zeros` sleep(0)."""
        turns = [0]

        async def count() -> None:
            while True:
                turns[0] += 1
                await asyncio.sleep(0)

        counter = asyncio.create_task(count())
        start = time.monotonic()
        await fewer.sleep(0.02)  # a real wait: the loop turns, and the flush's clock starts again
        waited = time.monotonic() - start
        time.sleep(work_s)  # noqa: ASYNC251  (on purpose: a flush writing messages, the loop not turning)
        before = turns[0]
        for _ in range(zeros):
            await fewer.sleep(0)
        counter.cancel()
        return turns[0] - before, waited

    results = []  # in a thread of its own, as _run's loop: the main thread may hold an earlier test's running loop
    thread = threading.Thread(
        target=lambda: results.extend(
            asyncio.run(turns_of(*args)) for args in ((0, 100), (2 * runtime.TURN_EVERY_S, 1))
        )
    )
    thread.start()
    thread.join()
    (turns, waited), (later, _) = results
    assert waited >= 0.02  # a wait is still a wait
    assert turns <= 1  # a hundred sleep(0) in a row: the loop turned at most once (Streamlit's: a hundred)
    assert later == 1  # TURN_EVERY_S without a turn: the next sleep(0) turns the loop


SEND = """
async def check(streamlit, session, how, ended):
    if how == "patched":
        runtime.send_finished_runs()
    for i in range(3):  # a run's last elements, then its end, still queued when the next run starts
        session._enqueue_forward_msg(element(i))
    end = ForwardMsg()
    end.script_finished = getattr(ForwardMsg, ended)
    session._enqueue_forward_msg(end)
    session._clear_queue()  # what Streamlit does on the next run's SCRIPT_STARTED, on this loop
    await asyncio.sleep(0.05)  # the runtime loop sends what is left in the queue
"""


def _sent(how: str, ended: str) -> list[str]:
    """What the page received of a run's three last elements and its end (`ended`: a ScriptFinishedStatus)
    queued when the next run starts; `how`: patched or streamlit."""
    return [what for _, what in _runtime(SEND, how, ended)]


def test_a_finished_run_s_last_messages_reach_the_page_when_the_next_run_starts():
    assert _sent("streamlit", "FINISHED_SUCCESSFULLY") == ["script_finished"]  # Streamlit's own: elements dropped
    whole = ["element 0", "element 1", "element 2", "script_finished"]
    assert _sent("patched", "FINISHED_SUCCESSFULLY") == whole
    assert _sent("patched", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY") == whole
    assert _sent("patched", "FINISHED_EARLY_FOR_RERUN") == ["script_finished"]  # a run cut short: dropped as before


def test_streamlit_clears_a_session_s_queue_when_its_next_run_starts():
    """Where send_finished_runs steps in: the SCRIPT_STARTED branch of the event handler, on the event loop."""
    source = inspect.getsource(AppSession._handle_scriptrunner_event_on_event_loop)
    started = source.index("if event == ScriptRunnerEvent.SCRIPT_STARTED")
    assert source.index("self._clear_queue(", started) < source.index("elif event", started)
