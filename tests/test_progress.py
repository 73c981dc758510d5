"""train.live.Progress: progress.json parsed once, its JSON format unchanged (the worker's Reporter writes it)."""

import json
from dataclasses import fields
from pathlib import Path

from train import live
from train.live_worker import Reporter


def test_a_worker_s_snapshot_parses_whole(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(live.RUN_DIR_ENV, str(tmp_path))
    reporter = Reporter(tmp_path, live.LiveConfig(epochs=2), total_steps=314, extra={})
    reporter.state["curve"] = {"step": [10], "loss": [2.1], "accuracy": [0.3]}
    reporter.state["kernels"].append({"step": 0, "c1": [[[0.0] * 6] * 5] * 5})
    reporter.update(step=10, images=640, elapsed_s=1.5, eta_s=40.0, saved_step=0)
    raw = json.loads((tmp_path / live.PROGRESS).read_text())
    known = {f.name for f in fields(live.Progress)}
    assert set(raw) - known == {"config"}  # every key the worker writes is read, but the run's settings
    progress = live.progress()
    assert progress is not None and progress.running and progress.total_steps == 314 and progress.epochs == 2
    assert progress.curve.loss == [2.1] and progress.held_out.step == [] and progress.kernels[0]["step"] == 0
    assert (progress.step, progress.images, progress.eta_s, progress.saved_step) == (10, 640, 40.0, 0)


def test_a_dead_worker_reads_as_failed_and_nothing_as_none(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(live.RUN_DIR_ENV, str(tmp_path))
    assert live.progress() is None
    (tmp_path / live.PROGRESS).write_text(json.dumps({"status": "running", "pid": 2**22 + 12345}))
    progress = live.progress()
    assert (
        progress is not None and progress.status == "failed" and not progress.running and live.LOG in progress.message
    )
