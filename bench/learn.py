"""Watch it learn: (1) training throughput of the app's background trainer vs `python -m train` on the
shipped 10,000-digit subset, and the trainer's accuracy on assets/mnist_samples.npz after its default run;
(2) a student's browser round trip while a teacher's page trains in the same server vs idle.

    python -m bench.learn [--quick] [--json] [--strokes N] [--only throughput|roundtrip]
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bench.harness.common import ROOT, emit, log, parser, ratio, stats_ms, table

if TYPE_CHECKING:
    from train.live import Progress

GOAL_RATIO = 2.0  # round trip while training <= 2x idle
DIGITS = (1, 7, 0)  # one stroke each
CLI_EPOCHS = 2


def worker_run(folder: Path, epochs: int) -> tuple["Progress", float]:
    """The app's trainer (its own process, nice, one thread) on the subset, to the end: its last progress and
    the wall time (with TensorFlow's import and the first trace)."""
    from train import live

    os.environ[live.RUN_DIR_ENV] = str(folder)
    started = time.perf_counter()
    assert live.start(live.LiveConfig(epochs=epochs)), "a run is already going in the bench folder"
    while live.is_running():
        time.sleep(0.5)
    progress = live.progress()
    assert progress is not None, "the trainer wrote no progress"
    return progress, round(time.perf_counter() - started, 1)


def sample_accuracy(model_path: Path) -> float:
    """Accuracy on the 500 stratified MNIST test digits of assets/mnist_samples.npz."""
    from lenet.assets import DEFAULT_MODEL_PATH
    from lenet.model import load_model
    from train.finetune import accuracy

    with np.load(DEFAULT_MODEL_PATH.with_name("mnist_samples.npz")) as samples:
        keep = samples["stratified"]
        return round(accuracy(load_model(model_path), samples["x"][keep], samples["y"][keep]), 4)


def cli_run(folder: Path, epochs: int) -> dict:
    """`python -m train` on the same subset (all cores, normal priority, batch 128): images/s of its fit."""
    from lenet.assets import TRAIN_SUBSET_PATH

    out = folder / "cli.keras"
    command = [
        sys.executable,
        "-m",
        "train",
        "--data",
        str(TRAIN_SUBSET_PATH),
        "--epochs",
        str(epochs),
        "--val-size",
        "1000",
        "--out",
        str(out),
        "--workdir",
        str(folder),
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    metrics = json.loads(out.with_suffix(".metrics.json").read_text())
    images = (10_000 - 1000) * epochs
    return {
        "images": images,
        "fit_s": metrics["wall_time_s"],
        "images_per_s": round(images / metrics["wall_time_s"], 1),
    }


def throughput(quick: bool) -> dict:
    from train.live import LiveConfig

    epochs = 1 if quick else LiveConfig.epochs
    with tempfile.TemporaryDirectory() as tmp:
        log(f"learn: the app's trainer, {epochs} epoch(s) of the subset")
        progress, wall_s = worker_run(Path(tmp), epochs)
        accuracy = sample_accuracy(Path(tmp) / "lenet5_in_class.keras")
        log(f"learn: python -m train, {CLI_EPOCHS} epochs of the subset")
        cli = cli_run(Path(tmp), 1 if quick else CLI_EPOCHS)
    app_rate = round(progress.images / progress.elapsed_s, 1)
    return {
        "app": {
            "images": progress.images,
            "train_s": progress.elapsed_s,
            "wall_s": wall_s,
            "images_per_s": app_rate,
            "samples_accuracy": accuracy,
            "status": progress.status,
        },
        "cli": cli,
        "app_over_cli": ratio(app_rate, cli["images_per_s"]),
    }


async def strokes(page, n: int, times: list) -> None:
    """Draw n digits on `page`, appending each round trip (s); the page is cleared after each."""
    from bench.harness.browser import clear, draw_and_time

    for k in range(n):
        times.append(await draw_and_time(page, DIGITS[k % len(DIGITS)]))
        await clear(page)


async def round_trips(n: int) -> dict:
    """Idle, then while a teacher's page trains (watching the tab), then idle again after Cancel."""
    from playwright.async_api import async_playwright

    from bench.harness.browser import RERUN_MS, launch, open_app
    from bench.harness.server import start_server, stop_server

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LENET_LIVE_DIR"] = tmp  # the server inherits it: its runs go to the temporary folder
        server = start_server("app.py")
        try:
            server.wait_healthy()
            async with async_playwright() as playwright:
                browser = await launch(playwright)
                student, teacher = await open_app(browser, server.url), await open_app(browser, server.url)
                await strokes(student, 1, [])  # warm-up, not counted
                idle: list[float] = []
                during: list[float] = []
                await strokes(student, n, idle)
                await teacher.get_by_role("tab", name="Watch it learn").click()
                await teacher.get_by_role("button", name="Start", exact=True).click()
                bar = teacher.get_by_test_id("stProgress")
                await bar.filter(has_text="left").wait_for(timeout=3 * RERUN_MS)  # steps are being taken
                await strokes(student, n, during)
                still = await bar.inner_text()
                await teacher.get_by_role("button", name="Cancel", exact=True).click()
                await bar.filter(has_text="Cancelled").wait_for(timeout=RERUN_MS)
                await strokes(student, n, idle)
                await browser.close()
        finally:
            stop_server(server)
    r = ratio(stats_ms(during)["median_ms"], stats_ms(idle)["median_ms"])
    return {
        "idle": stats_ms(idle),
        "training": stats_ms(during),
        "ratio_median": r,
        "ratio_p95": ratio(stats_ms(during)["p95_ms"], stats_ms(idle)["p95_ms"]),
        "progress_after_strokes": still.splitlines()[0],
    }


def lines(result: dict) -> list[str]:
    out = []
    if "throughput" in result:
        t = result["throughput"]
        out += [
            (
                "Training on the 10,000-digit subset: app trainer (1 thread, nice 10, batch 64) vs python -m train "
                "(all cores, batch 128)"
            ),
            *table(
                ["trainer", "images", "seconds", "img/s"],
                [
                    ["app", t["app"]["images"], t["app"]["train_s"], t["app"]["images_per_s"]],
                    ["python -m train", t["cli"]["images"], t["cli"]["fit_s"], t["cli"]["images_per_s"]],
                ],
            ),
            (
                f"app / cli: {t['app_over_cli']}x; the app's run took {t['app']['wall_s']} s in all (with TensorFlow's "
                f"import) and reads {t['app']['samples_accuracy']:.1%} of the 500 stratified sample test digits"
            ),
        ]
    if "roundtrip" in result:
        r = result["roundtrip"]
        rows = [[name, r[name]["n"], r[name]["median_ms"], r[name]["p95_ms"]] for name in ("idle", "training")]
        out += [
            "Student round trip (mouse-up -> rerun finished) while a teacher's page trains vs idle",
            *table(["server", "n", "median ms", "p95 ms"], rows),
            (
                f"training / idle: median {r['ratio_median']}x, p95 {r['ratio_p95']}x "
                f"(progress after the strokes: {r['progress_after_strokes']})"
            ),
        ]
    return out


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--strokes", type=int, help="timed strokes per phase (default 8, --quick 2)")
    p.add_argument("--only", choices=("throughput", "roundtrip"))
    args = p.parse_args(argv)
    result: dict = {"name": "learn", "goal": f"round trip while training <= {GOAL_RATIO}x idle"}
    if args.only != "roundtrip":
        result["throughput"] = throughput(args.quick)
    if args.only != "throughput":
        n = args.strokes or (2 if args.quick else 8)
        result["roundtrip"] = asyncio.run(asyncio.wait_for(round_trips(n), timeout=900))
    result["met"] = "roundtrip" in result and result["roundtrip"]["ratio_median"] <= GOAL_RATIO
    emit(result, args.json, lines(result))
    return 0


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    t, trip = r.get("throughput", {}), r.get("roundtrip", {})
    return (
        f"app trainer {t.get('app', {}).get('images_per_s')} img/s vs python -m train "
        f"{t.get('cli', {}).get('images_per_s')} ({t.get('app_over_cli')}x); round trip while training "
        f"{trip.get('training', {}).get('median_ms')} ms vs idle {trip.get('idle', {}).get('median_ms')} ms "
        f"({trip.get('ratio_median')}x)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
