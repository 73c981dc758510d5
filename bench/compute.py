"""Per-drawing compute: preprocess + one forward pass + every drawing-dependent picture, encoded as the
app sends it; against the app before issue 6 (same run, alternating) and a naive pipeline
(model.predict per layer + one matplotlib PNG per layer).

    python -m bench.compute [--quick] [--json] [--drawings N]
"""

import io
import time
from contextlib import contextmanager

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


def drawing_images(prep, result, network) -> dict[str, np.ndarray]:
    """name -> RGB picture: what the drawing-dependent tabs show for one drawing, built by the app's own
    functions (ui/prediction.py, ui/layers.py, lenet/viz.py). Only the open tab runs in the app, so
    counting both the Prediction strip and the Layers tab is an upper bound for one rerun."""
    from lenet import viz
    from ui import layers
    from ui.prediction import stage_images

    acts = result.activations
    images = {f"stage{i}": img for i, img in enumerate(stage_images(prep))}
    for name, (cols, tile) in layers.MAP_LAYOUT.items():
        images[name] = viz.map_grid(acts[name], name, cols, tile, viz.value_range(acts[name]))
    images["C5"] = viz.heat_strip(acts["C5"], (6, 20), layers.CELL_PX)
    bound = max(float(np.max(np.abs(acts["F6"]))), 1.0)
    tile = lambda grid: viz.upscale(viz.colorize(grid, -bound, bound), layers.F6_CELL_PX)  # noqa: E731
    tiles = [tile(acts["F6"].reshape(12, 7))] + ([tile(b) for b in layers.RBF_BITMAPS] if network.rbf else [])
    labels = ["F6"] + [f"bitmap {d}" for d in range(10)][: len(tiles) - 1]
    images["F6"] = viz.grid(tiles, cols=min(len(tiles), 6), labels=labels)
    return images


def weights_images(network, old: bool = False) -> dict[str, np.ndarray]:
    """The Weights tab's pictures (they do not depend on the drawing); `old`: as before issue 6, when
    S2/S4's β and b were a table of text, not a picture."""
    from lenet import viz
    from ui import weights

    kernels = network.model.get_layer("C1").get_weights()[0][:, :, 0, :]
    vrange = viz.value_range(kernels, symmetric=True)
    images = {"W:C1": viz.map_grid(kernels, "C1", 6, weights.KERNEL_PX, vrange, viz.WEIGHTS_CMAP),
              "W:colorbar": viz.colorbar(*vrange, viz.WEIGHTS_CMAP)}
    labels = ([f"S2·{j}" for j in range(6)], [str(i) for i in range(16)])
    images["W:C3 table"] = viz.table_image(weights.connection_mask(), *labels, cell=44)
    for name in () if old else ("S2", "S4"):
        values = weights.coefficients(network.model.get_layer(name))
        images[f"W:{name}"] = viz.value_table(values, ["beta", "b"], [str(i) for i in range(values.shape[1])])
    return images


def st_image_bytes(rgb: np.ndarray) -> bytes:
    """What `st.image(rgb)` does to an RGB array before sending it: Streamlit's own encoder (JPEG)."""
    from streamlit.elements.lib.image_utils import _ensure_image_size_and_format, _np_array_to_bytes
    from streamlit.elements.lib.layout_utils import LayoutConfig

    data = _np_array_to_bytes(rgb, "auto")
    return _ensure_image_size_and_format(data, LayoutConfig(width="content"), "JPEG")


def st_png_bytes(png: bytes) -> bytes:
    """What `st.image(png_bytes, output_format="PNG")` does: checks the header, sends the bytes as they are."""
    from streamlit.elements.lib.image_utils import _ensure_image_size_and_format
    from streamlit.elements.lib.layout_utils import LayoutConfig

    return _ensure_image_size_and_format(png, LayoutConfig(width="content"), "PNG")


def app_pipeline(network, canvas: np.ndarray) -> tuple[int, dict[str, float]]:
    """The app's work for one drawing; returns (label, seconds per stage). Each picture is PNG-encoded
    once (level 1), and those bytes go to st.image and the download button; the Weights tab is cached."""
    import lenet
    from lenet import viz

    t0 = time.perf_counter()
    prep = lenet.preprocess(canvas)
    t1 = time.perf_counter()
    result = network.forward(prep.x)
    t2 = time.perf_counter()
    images = drawing_images(prep, result, network)
    t3 = time.perf_counter()
    for rgb in images.values():
        st_png_bytes(viz.to_png_bytes(rgb))
    t4 = time.perf_counter()
    return result.label, {"preprocess": t1 - t0, "forward": t2 - t1, "render": t3 - t2, "encode": t4 - t3, "total": t4 - t0}


BASELINE_COMMIT = "f4d8695"  # the app before issue 6 ("Profile and remove what costs")
BASELINE_DOWNLOADS = {"C1", "S2", "C3", "S4", "C5", "F6", "W:C1", "W:C3 table"}  # had a PNG button before


def baseline_viz():
    """lenet/viz.py as it was at BASELINE_COMMIT (read with `git show`), or None outside a git clone."""
    import subprocess
    import types

    from bench.common import ROOT

    done = subprocess.run(["git", "show", f"{BASELINE_COMMIT}:lenet/viz.py"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        return None
    module = types.ModuleType("baseline_viz")
    exec(compile(done.stdout, f"{BASELINE_COMMIT}:lenet/viz.py", "exec"), module.__dict__)  # noqa: S102
    return module


@contextmanager
def viz_as(old):
    """Every function of lenet.viz replaced by its `old` version while the block runs (one thread)."""
    from lenet import viz

    saved = {name: getattr(viz, name) for name in dir(old) if callable(getattr(old, name)) and hasattr(viz, name)}
    try:
        for name in saved:
            setattr(viz, name, getattr(old, name))
        yield
    finally:
        for name, value in saved.items():
            setattr(viz, name, value)


def baseline_pipeline(network, canvas: np.ndarray, old) -> tuple[int, dict[str, float]]:
    """The app before issue 6, for a same-run comparison: BASELINE_COMMIT's lenet/viz.py (font parsed
    per label, Pillow PNG at level 6), the Weights tab redrawn on every rerun, st.image re-encoding each
    array as JPEG and every download button encoding its own PNG."""
    import lenet

    with viz_as(old):
        t0 = time.perf_counter()
        prep = lenet.preprocess(canvas)
        t1 = time.perf_counter()
        result = network.forward(prep.x)
        t2 = time.perf_counter()
        images = {**drawing_images(prep, result, network), **weights_images(network, old=True)}
        t3 = time.perf_counter()
        for name, rgb in images.items():
            st_image_bytes(rgb)
            if name in BASELINE_DOWNLOADS:
                old.to_png_bytes(rgb)
        t4 = time.perf_counter()
    return result.label, {"preprocess": t1 - t0, "forward": t2 - t1, "render": t3 - t2, "encode": t4 - t3, "total": t4 - t0}


def weights_once(network) -> float:
    """Seconds to build and encode the Weights tab's pictures: paid once per model file, then cached."""
    from lenet import viz

    t0 = time.perf_counter()
    for rgb in weights_images(network).values():
        viz.to_png_bytes(rgb)
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

    model = lenet.load_model(model_path or lenet.DEFAULT_MODEL_PATH)
    network, naive, old_viz = lenet.Network(model), Naive(model), baseline_viz()
    cases = drawings(n + WARMUP)
    stages: dict[str, list[float]] = {}
    before: dict[str, list[float]] = {}
    naive_times, agree, correct = [], 0, 0
    log(f"compute: {n} drawings (+{WARMUP} warm-up): app and before-issue-6 pipelines on each, alternating "
        f"order; the naive baseline on every {naive_every}th, interleaved")
    for i, (digit, canvas) in enumerate(cases):
        with_naive = i < WARMUP or (i - WARMUP) % naive_every == 0
        naive_first = with_naive and i % 2 == 1  # alternate the order: neither always runs on a warm cache
        if naive_first:
            naive_label, naive_s = naive(canvas)
        old = {}
        if i % 2 and old_viz:
            _, old = baseline_pipeline(network, canvas, old_viz)
        label, times = app_pipeline(network, canvas)
        if not i % 2 and old_viz:
            _, old = baseline_pipeline(network, canvas, old_viz)
        if with_naive and not naive_first:
            naive_label, naive_s = naive(canvas)
        if i < WARMUP:
            continue
        for stage, seconds in times.items():
            stages.setdefault(stage, []).append(seconds)
        for stage, seconds in old.items():
            before.setdefault(stage, []).append(seconds)
        correct += label == digit
        if with_naive:
            naive_times.append(naive_s)
            agree += label == naive_label
    app, base, old = stats_ms(stages["total"]), stats_ms(naive_times), stats_ms(before.get("total", []))
    return {
        "name": "compute", "drawings": n, "model": str(model_path or lenet.DEFAULT_MODEL_PATH),
        "app": app, "naive": base, "stages": {k: stats_ms(v) for k, v in stages.items() if k != "total"},
        "before": old, "before_stages": {k: stats_ms(v) for k, v in before.items() if k != "total"},
        "before_over_app_median": ratio(old["median_ms"], app["median_ms"]),
        "weights_once_ms": round(1000 * weights_once(network), 2),
        "speedup_median": ratio(base["median_ms"], app["median_ms"]),
        "naive_drawings": len(naive_times), "labels_agree": agree, "labels_correct": correct,
        "goal": f"app median <= {GOAL_MS:.0f} ms", "met": app["median_ms"] <= GOAL_MS,
    }


def lines(result: dict) -> list[str]:
    from bench.common import table

    rows = [["app pipeline (total)", result["app"]["median_ms"], result["app"]["p95_ms"]]]
    rows += [[f"  {k}", v["median_ms"], v["p95_ms"]] for k, v in result["stages"].items()]
    rows += [["before issue 6 (same run)", result["before"]["median_ms"], result["before"]["p95_ms"]]]
    rows += [[f"  {k}", v["median_ms"], v["p95_ms"]] for k, v in result["before_stages"].items()]
    rows += [[f"naive (predict x7 + matplotlib x7), {result['naive_drawings']} drawings", result["naive"]["median_ms"], result["naive"]["p95_ms"]]]
    return [f"Per-drawing compute, {result['drawings']} drawings, {result['model']}",
            *table(["pipeline", "median ms", "p95 ms"], rows),
            f"before / app (median): {result['before_over_app_median']}x; naive / app: {result['speedup_median']}x; "
            f"Weights tab once per model file: {result['weights_once_ms']} ms",
            f"labels agree {result['labels_agree']}/{result['naive_drawings']}, app label equal to the drawn digit "
            f"{result['labels_correct']}/{result['drawings']}"]


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
