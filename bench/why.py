"""Why this answer? without TensorFlow (issue 23): the engine's input gradient (lenet/engine/backward.py) against
Keras' GradientTape, eager (as the app ran it before) and traced (tf.function), one image and a batch of 64, in
one process and the same run; then, on a fresh server, how long the first "Why this answer?" and the first
"Trained vs untrained" take to answer, each against that tab's second drawing.

    python -m bench.why [--quick] [--json] [--repeats N] [--no-server]

The server half times only the app in this tree: run the same command in a checkout of an older commit (with
this file copied in) to time that app's first answer; before this benchmark, the first one started the Keras
process, a child that imported TensorFlow.
"""

import os
import sys
import time

import numpy as np

from bench.engine import best_ms
from bench.harness.common import benchmark_main, log, ratio, table
from bench.harness.server import streamlit_server

GOAL_MS = 1.0  # the gradient of one image
BATCH = 64
TABS = ("Why this answer?", "Trained vs untrained")


def gradients(repeats: int) -> dict:
    """Best ms per call of the engine's gradient, GradientTape eager and GradientTape in a tf.function."""
    import tensorflow as tf

    import lenet
    from lenet import engine
    from lenet.assets import SAMPLES_PATH
    from lenet.preprocess import mnist_to_input
    from testkit.keras_gradient import keras_twin, score_function, tape_gradient

    with np.load(SAMPLES_PATH) as samples:
        x = mnist_to_input(samples["x"][:BATCH])
    labels = np.arange(BATCH) % 10
    net = engine.load_model(lenet.DEFAULT_MODEL_PATH)
    scores = score_function(keras_twin(net))
    traced = tf.function(lambda images, classes: _traced(scores, images, classes))
    ways = {
        "engine": lambda n: engine.input_gradient(net, x[:n], labels[:n]),
        "keras_eager": lambda n: tape_gradient(scores, x[:n], labels[:n]),
        "keras_traced": lambda n: traced(x[:n], labels[:n]).numpy(),
    }
    rows = {}
    for n in (1, BATCH):
        times = {way: best_ms(f, n, repeats) for way, f in ways.items()}  # f(n): the first call traces, untimed
        rows[f"batch {n}"] = {
            **{f"{way}_ms": round(ms, 3) for way, ms in times.items()},
            "eager_over_engine": ratio(times["keras_eager"], times["engine"]),
            "traced_over_engine": ratio(times["keras_traced"], times["engine"]),
        }
    return rows


def _traced(scores, images, classes):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        tape.watch(images)
        chosen = tf.gather(scores(images), classes, batch_dims=1)
    return tape.gradient(chosen, images)


def first_answers() -> dict:
    """A fresh server per tab: seconds from a drawing sent to that tab's finished run, first and second time."""
    from bench.load.protocol import Session, load_drawings

    drawing = load_drawings()[0]
    found = {}
    for title in TABS:
        with streamlit_server("app.py") as server:
            page = Session(server.url, query="tab=" + title.replace(" ", "+").replace("?", "%3F"))
            try:
                page.rerun()  # the page, before any drawing (what a student's browser loads first)
                seconds = []
                for _ in range(2):
                    start = time.perf_counter()
                    run = page.draw(drawing)
                    seconds.append(time.perf_counter() - start)
                    if run.exceptions or run.alerts:
                        raise RuntimeError(f"{title}: {run.exceptions or run.alerts}")
            finally:
                page.close()
        found[title] = {"first_s": round(seconds[0], 3), "second_s": round(seconds[1], 3)}
        log(f"{title}: {found[title]}")
    return found


def measure(args) -> dict:
    timing = gradients(3 if args.quick else args.repeats)
    log(f"gradients: {timing}")
    server = {} if args.no_server else first_answers()
    one = timing["batch 1"]["engine_ms"]
    return {
        "name": "why",
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "load_average": round(os.getloadavg()[0], 1),
        "gradients": timing,
        "fresh_server": server or "not measured (--no-server)",
        "goal": f"one image's gradient <= {GOAL_MS} ms",
        "met": one <= GOAL_MS,
    }


def lines(r: dict) -> list[str]:
    threads, load = r["openblas_threads"], r["load_average"]
    out = [f"input gradient, engine vs GradientTape (OPENBLAS_NUM_THREADS={threads}, load {load})", "best ms per call"]
    out += table(
        ["images", "engine ms", "eager ms", "traced ms", "eager / engine", "traced / engine"],
        [[k, *(f"{v:.3f}" if isinstance(v, float) else v for v in row.values())] for k, row in r["gradients"].items()],
    )
    if isinstance(r["fresh_server"], dict):
        out += ["", "fresh server, a drawing sent to the tab -> its run finished"]
        out += table(["tab", "first s", "second s"], [[k, *v.values()] for k, v in r["fresh_server"].items()])
    return out


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    g, first = r["gradients"], r["fresh_server"]
    why = f"; first Why answer {first[TABS[0]]['first_s']} s" if isinstance(first, dict) else ""
    return (
        f"gradient of one image {g['batch 1']['engine_ms']} ms ({g['batch 1']['eager_over_engine']}x faster than "
        f"eager GradientTape), batch {BATCH} {g[f'batch {BATCH}']['engine_ms']} ms{why}"
    )


def main(argv=None) -> int:
    return benchmark_main(
        argv,
        __doc__,
        {
            "--repeats": {"type": int, "default": 7, "help": "timings per figure (the best is kept)"},
            "--no-server": {"action": "store_true", "help": "time the gradients only, start no server"},
        },
        measure,
        lines,
    )


if __name__ == "__main__":
    sys.exit(main())
