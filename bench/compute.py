"""Per-drawing compute: preprocess + one forward pass + every picture the page shows, encoded as the
app sends it, against a naive pipeline (model.predict per layer + one matplotlib PNG per layer).

    python -m bench.compute [--quick] [--json] [--drawings N]
"""

import io
import time

import numpy as np

from bench.common import emit, log, parser, ratio, stats_ms

GOAL_MS = 25.0
WARMUP = 3


def drawings(n: int, seed: int = 0) -> list[tuple[int, np.ndarray]]:
    """(digit, 280x280 RGBA canvas-like drawing): white ink on opaque black, varied size and place."""
    from tests.digits import draw_digit

    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        offset = (int(rng.integers(-45, 46)), int(rng.integers(-45, 46)))
        image = draw_digit(i % 10, 280, int(rng.integers(16, 24)), mode="L", offset=offset,
                           scale=float(rng.uniform(0.55, 1.0)))
        rgba = np.dstack([image, image, image, np.full_like(image, 255)])  # st_canvas: black background
        out.append((i % 10, rgba))
    return out


def page_images(prep, result, network) -> dict[str, tuple[np.ndarray, bool]]:
    """name -> (RGB picture, has a PNG download button): what the three tabs show for one drawing,
    built by the app's own functions (ui/prediction.py, ui/layers.py, ui/weights.py, lenet/viz.py)."""
    from lenet import viz
    from ui import layers, weights
    from ui.prediction import stage_images

    acts = result.activations
    images = {f"stage{i}": (img, False) for i, img in enumerate(stage_images(prep))}
    for name, (cols, tile) in layers.MAP_LAYOUT.items():
        images[name] = (viz.map_grid(acts[name], name, cols, tile, viz.value_range(acts[name])), True)
    images["C5"] = (viz.heat_strip(acts["C5"], (6, 20), layers.CELL_PX), True)
    bound = max(float(np.max(np.abs(acts["F6"]))), 1.0)
    tile = lambda grid: viz.upscale(viz.colorize(grid, -bound, bound), layers.F6_CELL_PX)  # noqa: E731
    tiles = [tile(acts["F6"].reshape(12, 7))] + ([tile(b) for b in layers.RBF_BITMAPS] if network.rbf else [])
    labels = ["F6"] + [f"bitmap {d}" for d in range(10)][: len(tiles) - 1]
    images["F6"] = (viz.grid(tiles, cols=min(len(tiles), 6), labels=labels), True)
    # The Weights tab does not depend on the drawing, but the app redraws it on every rerun.
    kernels = network.model.get_layer("C1").get_weights()[0][:, :, 0, :]
    vrange = viz.value_range(kernels, symmetric=True)
    images["W:C1"] = (viz.map_grid(kernels, "C1", 6, weights.KERNEL_PX, vrange, viz.WEIGHTS_CMAP), True)
    images["W:colorbar"] = (viz.colorbar(*vrange, viz.WEIGHTS_CMAP), False)
    labels = ([f"S2·{j}" for j in range(6)], [str(i) for i in range(16)])
    images["W:C3 table"] = (viz.table_image(weights.connection_mask(), *labels, cell=44), True)
    return images


def st_image_bytes(rgb: np.ndarray) -> bytes:
    """What `st.image(rgb)` does to an RGB array before sending it: Streamlit's own encoder (JPEG)."""
    from streamlit.elements.lib.image_utils import _ensure_image_size_and_format, _np_array_to_bytes
    from streamlit.elements.lib.layout_utils import LayoutConfig

    data = _np_array_to_bytes(rgb, "auto")
    return _ensure_image_size_and_format(data, LayoutConfig(width="content"), "JPEG")


def app_pipeline(network, canvas: np.ndarray) -> tuple[int, dict[str, float]]:
    """The app's work for one drawing; returns (label, seconds per stage)."""
    import lenet
    from lenet import viz

    t0 = time.perf_counter()
    prep = lenet.preprocess(canvas)
    t1 = time.perf_counter()
    result = network.forward(prep.x)
    t2 = time.perf_counter()
    images = page_images(prep, result, network)
    t3 = time.perf_counter()
    for rgb, download in images.values():
        st_image_bytes(rgb)
        if download:
            viz.to_png_bytes(rgb)
    t4 = time.perf_counter()
    return result.label, {"preprocess": t1 - t0, "forward": t2 - t1, "render": t3 - t2, "encode": t4 - t3, "total": t4 - t0}


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

    model = lenet.load_model(model_path or lenet.DEFAULT_MODEL_PATH)
    network, naive = lenet.Network(model), Naive(model)
    cases = drawings(n + WARMUP)
    stages: dict[str, list[float]] = {}
    naive_times, agree, correct = [], 0, 0
    log(f"compute: {n} drawings (+{WARMUP} warm-up); the naive baseline on every {naive_every}th, interleaved")
    for i, (digit, canvas) in enumerate(cases):
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
        "name": "compute", "drawings": n, "model": str(model_path or lenet.DEFAULT_MODEL_PATH),
        "app": app, "naive": base, "stages": {k: stats_ms(v) for k, v in stages.items() if k != "total"},
        "speedup_median": ratio(base["median_ms"], app["median_ms"]),
        "naive_drawings": len(naive_times), "labels_agree": agree, "labels_correct": correct,
        "goal": f"app median <= {GOAL_MS:.0f} ms", "met": app["median_ms"] <= GOAL_MS,
    }


def lines(result: dict) -> list[str]:
    from bench.common import table

    rows = [["app pipeline (total)", result["app"]["median_ms"], result["app"]["p95_ms"]]]
    rows += [[f"  {k}", v["median_ms"], v["p95_ms"]] for k, v in result["stages"].items()]
    rows += [[f"naive (predict x7 + matplotlib x7), {result['naive_drawings']} drawings", result["naive"]["median_ms"], result["naive"]["p95_ms"]]]
    return [f"Per-drawing compute, {result['drawings']} drawings, {result['model']}",
            *table(["pipeline", "median ms", "p95 ms"], rows),
            f"naive / app (median): {result['speedup_median']}x; labels agree {result['labels_agree']}/"
            f"{result['naive_drawings']}, app label equal to the drawn digit {result['labels_correct']}/{result['drawings']}"]


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--drawings", type=int, help="drawings measured (default 200, --quick 20)")
    p.add_argument("--naive-every", type=int, default=4, help="run the (slow) naive baseline on every k-th drawing")
    p.add_argument("--model", help="a .keras file built by lenet.build_lenet5 (default: the shipped one)")
    args = p.parse_args(argv)
    result = run(args.drawings or (20 if args.quick else 200), 2 if args.quick else args.naive_every, args.model)
    emit(result, args.json, lines(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
