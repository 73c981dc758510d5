"""The NumPy engine (lenet/engine, issue 23) against Keras' Network, in one process and the same run:
one image's forward pass, throughput at batches of 1, 64 and 512, each layer's largest difference over
the 10,000 MNIST test digits, and the memory of a fresh process that serves one image with each.

    python -m bench.engine [--quick] [--json] [--repeats N]

BLAS threads matter: under load from other processes, OpenBLAS' threads wait on each other (run it
with OPENBLAS_NUM_THREADS=1 too; a server that answers many students at once wants one per request).
"""

import os
import subprocess
import sys
import time

import numpy as np

from bench.harness.common import ROOT, benchmark_main, log, ratio, table

GOAL_MS = 0.5  # one image through the engine
BATCHES = (1, 64, 512)
SERVE_ONE = {  # a fresh process: import, load the shipped model, one forward pass; then its memory
    "engine": "from lenet import engine, DEFAULT_MODEL_PATH as P\nnet = engine.load_model(P)",
    "keras": "import lenet\nfrom lenet import DEFAULT_MODEL_PATH as P\nnet = lenet.Network(lenet.load_model(P))",
}
MEMORY = """
import resource, sys, time
start = time.perf_counter()
{load}
import numpy as np
net.forward(np.zeros((32, 32), np.float32))
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(time.perf_counter() - start, int(status["VmRSS"].split()[0]) / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, sum(m.split(".")[0] in ("tensorflow", "keras") for m in sys.modules))
"""


def best_ms(f, x: np.ndarray, repeats: int) -> float:
    """The fastest of `repeats` timings of f(x), each over enough calls to last ~20 ms (min: the least disturbed)."""
    f(x)
    calls = max(1, int(0.02 / max(1e-6, _once(f, x))))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            f(x)
        times.append((time.perf_counter() - start) / calls)
    return 1000 * min(times)


def _once(f, x) -> float:
    start = time.perf_counter()
    f(x)
    return time.perf_counter() - start


def speeds(net, keras_net, x: np.ndarray, repeats: int) -> dict:
    """Engine and Keras, alternated: one image's forward, then layer_outputs at each batch size."""
    rows = {"forward": [best_ms(n.forward, x[0], repeats) for n in (net, keras_net)]}
    for b in BATCHES:
        rows[f"batch {b}"] = [best_ms(n.layer_outputs, x[:b], repeats) for n in (net, keras_net)]
    return {
        k: {"engine_ms": round(e, 3), "keras_ms": round(k_, 3), "keras_over_engine": ratio(k_, e)}
        for k, (e, k_) in rows.items()
    }


def differences(path, x: np.ndarray) -> dict:
    """Each layer's largest |engine - keras| and the labels that differ, over the images x."""
    import lenet
    from lenet import engine

    net, keras_net = engine.load_model(path), lenet.Network(lenet.load_model(path))
    worst, labels = dict.fromkeys(lenet.LAYER_NAMES, 0.0), 0
    for start in range(0, len(x), 1000):
        got, want = net.layer_outputs(x[start : start + 1000]), keras_net.layer_outputs(x[start : start + 1000])
        for name in worst:
            worst[name] = max(worst[name], float(np.abs(got[name] - want[name]).max()))
        labels += int((got["OUTPUT"].argmax(1) != want["OUTPUT"].argmax(1)).sum())
    return {"images": len(x), "labels_differ": labels, "max_abs_diff": {k: float(f"{v:.2e}") for k, v in worst.items()}}


def memory(name: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY.format(load=SERVE_ONE[name])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss, peak, heavy = done.stdout.split()
    return {
        "load_and_one_image_s": round(float(seconds), 2),
        "rss_mb": round(float(rss), 1),
        "peak_rss_mb": round(float(peak), 1),
        "tf_keras_modules": int(heavy),
    }


def mnist_test(quick: bool) -> np.ndarray | None:
    from lenet.preprocess import mnist_to_input

    found = [p / "shared/data/mnist.npz" for p in ROOT.parents if (p / "shared/data/mnist.npz").is_file()]
    if not found:
        return None
    with np.load(found[0]) as data:
        return mnist_to_input(data["x_test"][: 1000 if quick else None])


def measure(args) -> dict:
    import lenet
    from lenet import engine
    from lenet.assets import SAMPLES_PATH
    from lenet.preprocess import mnist_to_input

    memories = {name: memory(name) for name in SERVE_ONE}  # first, before this process' own threads run
    log(f"memory: {memories}")
    with np.load(SAMPLES_PATH) as samples:
        x = mnist_to_input(np.resize(samples["x"], (max(BATCHES), 28, 28)))
    net, keras_net = (
        engine.load_model(lenet.DEFAULT_MODEL_PATH),
        lenet.Network(lenet.load_model(lenet.DEFAULT_MODEL_PATH)),
    )
    timing = speeds(net, keras_net, x, 3 if args.quick else args.repeats)
    log(f"speeds: {timing}")
    digits = mnist_test(args.quick)
    diffs = (
        {}
        if digits is None
        else {p.stem: differences(p, digits) for p in (lenet.DEFAULT_MODEL_PATH, lenet.CLASSIC_MODEL_PATH)}
    )
    one = timing["forward"]["engine_ms"]
    return {
        "name": "engine",
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "speeds": timing,
        "memory": memories,
        "mnist_test": diffs or "shared/data/mnist.npz not found",
        "goal": f"one image <= {GOAL_MS} ms",
        "met": one <= GOAL_MS,
    }


def lines(r: dict) -> list[str]:
    rows = [[k, v["engine_ms"], v["keras_ms"], v["keras_over_engine"]] for k, v in r["speeds"].items()]
    out = [f"NumPy engine vs Keras Network (OPENBLAS_NUM_THREADS={r['openblas_threads']}), best ms per call"]
    out += table(
        ["call", "engine ms", "keras ms", "keras / engine"],
        [[a, f"{b:.3f}", f"{c:.3f}", f"{d:.2f}"] for a, b, c, d in rows],
    )
    out += [
        "",
        *table(
            ["fresh process", "load + 1 image s", "VmRSS MB", "peak MB", "TF/Keras modules"],
            [[k, *v.values()] for k, v in r["memory"].items()],
        ),
    ]
    if isinstance(r["mnist_test"], dict):
        for model, d in r["mnist_test"].items():
            out += [
                "",
                f"{model}: {d['images']} MNIST test digits, labels that differ: {d['labels_differ']}; max |engine - keras| per layer:",
            ]
            out += table(list(d["max_abs_diff"]), [[f"{v:.1e}" for v in d["max_abs_diff"].values()]])
    return out


def main(argv=None) -> int:
    return benchmark_main(
        argv,
        __doc__,
        {"--repeats": {"type": int, "default": 7, "help": "timings per figure (the best is kept)"}},
        measure,
        lines,
    )


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    s, m = r["speeds"], r["memory"]
    return (
        f"one image {s['forward']['engine_ms']} ms (Keras {s['forward']['keras_ms']}); batch 512 "
        f"{s['batch 512']['keras_over_engine']}x Keras' speed; RSS {m['engine']['rss_mb']} MB vs {m['keras']['rss_mb']}"
    )


if __name__ == "__main__":
    sys.exit(main())
