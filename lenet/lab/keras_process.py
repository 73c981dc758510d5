"""Keras in a process of its own, for the lab's two computations that need it (lenet/lab/with_keras.py):
gradient x input ("Why this answer?") and the untrained network's weights ("Trained vs untrained").

Why not in the server: importing TensorFlow takes seconds and ~400 MB, and while one thread imports it the
others hardly get the interpreter lock. Measured on 2 busy cores (load 4): a thread that wakes every 2 ms
waited up to 2.8 s at a time, 5.6 s in all, while another imported TensorFlow and loaded a model; every
student's stroke would have waited so. Here the server's threads never wait for TensorFlow, the server keeps
its size, and the child exits after IDLE_S without a request, its memory with it.

The server asks and waits (a session's script thread, its lock released while it waits); the child answers
one request at a time over a socket pair (multiprocessing's Connection: pickled tuples). A child that died
(killed, out of memory, or idle and just gone) is started again, once per request.

    python -m lenet.lab.keras_process FD     # the child; started by `call`, not a command for people
"""

import logging
import os
import subprocess
import sys
import threading
from multiprocessing.connection import Connection, Pipe
from pathlib import Path

from lenet.portable import lower_priority

IDLE_S = 300.0  # a child with no request for this long exits; the next request starts one (~10 s)
ANSWER_S = 180.0  # the longest one answer may take: TensorFlow's import and a first trace on a busy machine
NICE = 5  # below the server: a student's stroke comes before a lab's gradient
THREADS = 1  # TensorFlow threads of the child: the other core stays free for the server
FUNCTIONS = ("gradient", "untrained_weights")  # of lenet.lab.with_keras
ROOT = Path(__file__).resolve().parent.parent.parent
_log = logging.getLogger(__name__)


class KerasProcessError(RuntimeError):
    """The Keras process could not answer (with the reason, in words)."""


class _Child:
    """The one Keras process of this server, started on first use; one request at a time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.conn: Connection | None = None

    def call(self, function: str, args: tuple):
        with self.lock:
            for attempt in (1, 2):
                if self.process is None or self.process.poll() is not None:
                    self._start()
                assert self.conn is not None
                try:
                    self.conn.send((function, args))
                    if not self.conn.poll(ANSWER_S):
                        self._stop()
                        raise KerasProcessError(f"TensorFlow gave no answer within {ANSWER_S:.0f} s.")
                    ok, value = self.conn.recv()
                except (EOFError, OSError) as err:  # it died, or left idle as we asked: a fresh one, once
                    self._stop()
                    if attempt == 2:
                        raise KerasProcessError(f"The TensorFlow process stopped ({type(err).__name__}).") from err
                    continue
                if not ok:
                    raise KerasProcessError(value)
                return value
        raise AssertionError("unreachable")

    def _start(self) -> None:
        self._stop()
        mine, theirs = Pipe()
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2")}
        command = [sys.executable, "-m", __name__, str(theirs.fileno())]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, pass_fds=(theirs.fileno(),))
        theirs.close()  # the child has its own copy: when it exits, our end reads EOF
        self.conn = mine
        _log.info("started the Keras process %d (TensorFlow, for the lab)", self.process.pid)

    def _stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process, self.conn = None, None


_child = _Child()


def call(function: str, *args):
    """lenet.lab.with_keras.`function`(*args), computed in the Keras process; KerasProcessError if it cannot."""
    if function not in FUNCTIONS:
        raise ValueError(f"The Keras process computes {FUNCTIONS}, not {function!r}.")
    return _child.call(function, args)


def serve(conn: Connection, idle_s: float = IDLE_S) -> None:
    """Answer requests until the server closes its end or none comes for `idle_s` seconds."""
    from lenet.lab import with_keras  # TensorFlow: in the child only

    while conn.poll(idle_s):
        try:
            function, args = conn.recv()
        except EOFError:  # the server has gone
            return
        try:
            answer = (True, getattr(with_keras, function)(*args))
        except Exception as err:  # noqa: BLE001  (the request failed, not the process: the server says why)
            answer = (False, f"{type(err).__name__}: {err}")
        conn.send(answer)


def main(argv: list[str]) -> None:
    """The child: lower its priority and TensorFlow's threads, then serve the connection on file `argv[0]`."""
    lower_priority(NICE)
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(THREADS)
    tf.config.threading.set_inter_op_parallelism_threads(THREADS)
    serve(Connection(int(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])
