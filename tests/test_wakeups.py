"""ui/wakeups.py: Streamlit's per-message event-loop wake-ups batched, every callback run once, in order."""

import asyncio
import threading

from streamlit.runtime.app_session import AppSession

from ui import wakeups


class FakeSession:
    """Just what AppSession._call_soon_on_event_loop uses: an event loop."""

    def __init__(self, loop):
        self._event_loop = loop


def test_streamlit_still_has_the_method_we_replace():
    assert callable(getattr(AppSession, "_call_soon_on_event_loop", None)), "Streamlit renamed it: see ui/wakeups.py"


def test_callbacks_from_a_thread_run_once_in_order_with_fewer_wakeups():
    wakeups.batch_event_loop_wakeups()
    wakeups.batch_event_loop_wakeups()  # idempotent
    loop = asyncio.new_event_loop()
    session, seen, writes = FakeSession(loop), [], []
    real_call_soon = loop.call_soon_threadsafe
    loop.call_soon_threadsafe = lambda cb, *a: (writes.append(1), real_call_soon(cb, *a))[1]

    def producer():
        for i in range(500):
            AppSession._call_soon_on_event_loop(session, lambda i=i: seen.append(i))
        AppSession._call_soon_on_event_loop(session, lambda: 1 / 0)  # a failing callback is reported, not fatal
        AppSession._call_soon_on_event_loop(session, loop.stop)

    errors = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context["exception"]))
    thread = threading.Thread(target=producer)
    loop.call_soon(thread.start)
    loop.run_forever()
    thread.join()
    loop.close()
    assert seen == list(range(500))
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
    assert len(writes) < 502  # batched: fewer wake-ups than callbacks (502 without the batching)
