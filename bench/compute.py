"""Per-stroke compute: preprocess + one forward pass (the NumPy engine, as the app's) + the pictures a stroke
redraws (the glance strip, the preprocessing stages), PNG-encoded inline as the page carries them; against a
naive pipeline (model.predict per layer + one matplotlib PNG per layer).
(The README's "before issue 6" figure was measured against that commit's code; it is no longer re-run.)

    python -m bench.compute [--quick] [--json] [--drawings N]
"""

import io
import time

import numpy as np

from bench.harness.common import benchmark_main, log, ratio, stats_ms, table

GOAL_MS = 25.0
WARMUP = 3


def drawings(n: int, seed: int = 0) -> list[tuple[int, np.ndarray]]:
    """(digit, 280x280 RGBA canvas-like drawing): white ink on opaque black, varied size and place."""
    from testkit.digits import draw_digit

    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        offset = (int(rng.integers(-45, 46)), int(rng.integers(-45, 46)))
        image = draw_digit(
            i % 10, 280, int(rng.integers(16, 24)), mode="L", offset=offset, scale=float(rng.uniform(0.55, 1.0))
        )
        rgba = np.dstack([image, image, image, np.full_like(image, 255)])  # st_canvas: black background
        out.append((i % 10, rgba))
    return out


def stroke_pictures(prep, result) -> list[np.ndarray]:
    """What a stroke redraws on the Prediction tab (the tab a stroke lands on), by the app's own functions: the
    glance strip's seven pictures (ui/glance_strip.py: lenet.glance.glance_pictures) and the five preprocessing
    stages (ui/prediction.py: stage_pictures)."""
    from lenet import glance
    from ui.prediction import stage_pictures

    return [*glance.glance_pictures(prep.input32, result.activations), *stage_pictures(prep)]


def app_pipeline(network, canvas: np.ndarray) -> tuple[int, dict[str, float]]:
    """The app's work for one stroke; returns (label, seconds per stage). Each picture is PNG-encoded once and
    goes into the page inline, base64 in an <img>'s data: URL (ui/charts.py's img, no st.image media file)."""
    import lenet
    from lenet import viz
    from ui.charts import img

    t0 = time.perf_counter()
    prep = lenet.preprocess(canvas)
    t1 = time.perf_counter()
    result = network.forward(prep.x)
    t2 = time.perf_counter()
    pictures = stroke_pictures(prep, result)
    t3 = time.perf_counter()
    for rgb in pictures:
        img(viz.to_png_bytes(rgb), "")
    t4 = time.perf_counter()
    return result.label, {
        "preprocess": t1 - t0,
        "forward": t2 - t1,
        "render": t3 - t2,
        "encode": t4 - t3,
        "total": t4 - t0,
    }


def weights_once(network) -> float:
    """Seconds to build and encode the Weights tab's pictures (the app's own cached functions, emptied
    first): paid once per model file, then cached."""
    from ui import weights

    for cached in (weights.c1_figures, weights.subsampling_figures, weights.c3_table_png):
        cached.clear()
    t0 = time.perf_counter()
    weights.c1_figures("bench", 0.0, network)
    weights.subsampling_figures("bench", 0.0, network)
    weights.c3_table_png()
    return time.perf_counter() - t0


class Naive:
    """The obvious first version: one keras.Model per layer through predict(), one figure per layer."""

    def __init__(self, model):
        import keras
        import matplotlib

        matplotlib.use("Agg")
        from lenet.paper import LAYER_NAMES

        self.models = {n: keras.Model(model.inputs, model.get_layer(n).output) for n in LAYER_NAMES}

    def __call__(self, canvas: np.ndarray) -> tuple[int, float]:
        import lenet

        t0 = time.perf_counter()
        x = lenet.preprocess(canvas).x[None]
        acts = {name: m.predict(x, verbose=0)[0] for name, m in self.models.items()}
        for name, values in acts.items():
            self._figure_png(name, values)
        return int(np.argmax(acts["OUTPUT"])), time.perf_counter() - t0

    @staticmethod
    def _figure_png(name: str, values: np.ndarray) -> bytes:
        import matplotlib.pyplot as plt

        if values.ndim == 3 and values.shape[0] > 1:  # (H, W, maps): one subplot per map
            maps = values.shape[-1]
            fig, axes = plt.subplots(-(-maps // 8), min(maps, 8), figsize=(12, 3 * -(-maps // 8)))
            for i, ax in enumerate(np.ravel(axes)):
                ax.axis("off")
                if i < maps:
                    ax.imshow(values[..., i], cmap="viridis", vmin=values.min(), vmax=values.max())
                    ax.set_title(f"{name} · {i}")
        elif name == "OUTPUT":
            fig, ax = plt.subplots(figsize=(6, 3))
            ax.bar(range(10), values)
        else:
            fig, ax = plt.subplots(figsize=(8, 3))
            ax.imshow(np.ravel(values).reshape((6, 20) if name == "C5" else (12, 7)), cmap="viridis")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        plt.close(fig)
        return buffer.getvalue()


def run(n: int, naive_every: int = 4, model_path: str | None = None) -> dict:
    import lenet
    from lenet import engine

    path = model_path or lenet.DEFAULT_MODEL_PATH
    network, naive = engine.load_model(path), Naive(lenet.load_model(path))  # the app serves with the engine
    stages: dict[str, list[float]] = {}
    naive_times, agree, correct = [], 0, 0
    log(
        f"compute: {n} drawings (+{WARMUP} warm-up) through the app's pipeline; the naive baseline on every "
        f"{naive_every}th, interleaved, in alternating order"
    )
    for i, (digit, canvas) in enumerate(drawings(n + WARMUP)):
        with_naive = i < WARMUP or (i - WARMUP) % naive_every == 0
        naive_first = with_naive and i % 2 == 1  # alternate the order: neither always runs on a warm cache
        if naive_first:
            naive_label, naive_s = naive(canvas)
        label, times = app_pipeline(network, canvas)
        if with_naive and not naive_first:
            naive_label, naive_s = naive(canvas)
        if i < WARMUP:
            continue
        for stage, seconds in times.items():
            stages.setdefault(stage, []).append(seconds)
        correct += label == digit
        if with_naive:
            naive_times.append(naive_s)
            agree += label == naive_label
    app, base = stats_ms(stages["total"]), stats_ms(naive_times)
    return {
        "name": "compute",
        "drawings": n,
        "model": str(model_path or lenet.DEFAULT_MODEL_PATH),
        "app": app,
        "naive": base,
        "stages": {k: stats_ms(v) for k, v in stages.items() if k != "total"},
        "weights_once_ms": round(1000 * weights_once(network), 2),
        "speedup_median": ratio(base["median_ms"], app["median_ms"]),
        "naive_drawings": len(naive_times),
        "labels_agree": agree,
        "labels_correct": correct,
        "goal": f"app median <= {GOAL_MS:.0f} ms",
        "met": app["median_ms"] <= GOAL_MS,
    }


def lines(result: dict) -> list[str]:
    rows = [["app pipeline (total)", result["app"]["median_ms"], result["app"]["p95_ms"]]]
    rows += [[f"  {k}", v["median_ms"], v["p95_ms"]] for k, v in result["stages"].items()]
    rows += [
        [
            f"naive (predict x7 + matplotlib x7), {result['naive_drawings']} drawings",
            result["naive"]["median_ms"],
            result["naive"]["p95_ms"],
        ]
    ]
    return [
        f"Per-drawing compute, {result['drawings']} drawings, {result['model']}",
        *table(["pipeline", "median ms", "p95 ms"], rows),
        (
            f"naive / app (median): {result['speedup_median']}x; "
            f"Weights tab once per model file: {result['weights_once_ms']} ms"
        ),
        (
            f"labels agree {result['labels_agree']}/{result['naive_drawings']}, app label equal to the drawn digit "
            f"{result['labels_correct']}/{result['drawings']}"
        ),
    ]


def main(argv=None) -> int:
    options = {
        "--drawings": {"type": int, "help": "drawings measured (default 200, --quick 20)"},
        "--naive-every": {"type": int, "default": 4, "help": "run the (slow) naive baseline on every k-th drawing"},
        "--model": {"help": "a .keras file built by lenet.build_lenet5 (default: the shipped one)"},
    }
    return benchmark_main(
        argv,
        __doc__,
        options,
        lambda a: run(a.drawings or (20 if a.quick else 200), 2 if a.quick else a.naive_every, a.model),
        lines,
    )


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    return (
        f"app median {r['app']['median_ms']} ms (p95 {r['app']['p95_ms']}), "
        f"naive {r['naive']['median_ms']} ms ({r['speedup_median']}x)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
