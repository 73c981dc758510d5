"""The background trainer behind "Watch it learn": one run at a time per run folder, in a separate,
lower-priority process, so a class's drawings keep their CPU. No TensorFlow here (the app imports this).

The worker (`python -m train.live_worker`) writes into the run folder:
    progress.json           a snapshot any session can read (written whole, then renamed: never half-read)
    lenet5_in_class.keras   the network as it is now, replaced every few hundred steps and at the end
    cancel                  created by cancel(); the worker stops after its current step
    worker.log              its stdout and stderr
Who may start a run (while a class is active: only its teacher) is the app's decision, in ui/class_training.py.
"""

import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lenet.assets import TRAIN_SUBSET_PATH
from lenet.paths import IN_CLASS_MODEL, LIVE_DIR_ENV, live_dir
from lenet.text import N_
from train import portable

RUN_DIR_ENV = LIVE_DIR_ENV  # tests and benchmarks point the trainer at a folder of their own
PROGRESS, CANCEL, LOG = "progress.json", "cancel", "worker.log"
WEIGHTS = "weights.npz"  # the network's weights as saved with the model, arr_0 ... in get_weights() order
CLASS_DIGITS = "class_digits.npz"  # what start_finetune hands the worker: x, y, student (-1: unknown)
ACTIVE = ("starting", "running")  # statuses of a run that has not ended
PARENT_ENV = "LENET_LIVE_PARENT"  # the starting server's process id: the worker stops when that is gone
NICE = 10  # the worker's priority: the server's forward passes come first
THREADS = 1  # TensorFlow threads of the worker: one core of two stays free for the students

_lock = threading.Lock()  # one start at a time in this server
_process: subprocess.Popen | None = None  # the worker this server started (polled, so it never lingers)


@dataclass(frozen=True)
class LiveConfig:
    """One training run. `init` None: from random weights (seeded); else a .keras file to start from."""

    epochs: int = 12  # passes over the 10,000 subset digits: about a minute on 2 busy cores
    batch_size: int = 64  # small batches: many weight updates per second, curves that move
    lr: float = 2e-3  # Adam, constant: a short run has no time for a schedule
    seed: int = 0  # initial weights, shuffling and distortions
    augment: bool = True  # the random distortions of train/augment.py: drawn digits vary more than MNIST
    snapshot_every: int = 200  # steps between saved models and C1 kernel pictures
    early_snapshots: tuple[int, ...] = (25, 50, 100)  # the kernels change most at first: show those moments too
    pace_s: float = 0.0  # the run lasts at least about this long (the worker waits between steps); 0: flat out
    log_every: int = 10  # steps between points of the loss/accuracy curves
    held_out_every: int = 50  # steps between accuracies on the held-out digits (1,000 forward passes each)
    init: str | None = None
    layers: str | None = None  # fine-tuning on a class (train/finetune.py LAYER_CHOICES); None: plain training
    data: str = str(TRAIN_SUBSET_PATH)
    threads: int = THREADS
    nice: int = NICE


# A pace a class can follow: a run spread over about 1½ minutes whatever the machine's speed (18 s flat out on an
# idle 2-core laptop was over before the class had looked), or as fast as it can for whoever wants the result.
PACES = {N_("For the class (about 1½ minutes)"): 90.0, N_("As fast as it can"): 0.0}  # the app shows _(pace)


def run_dir() -> Path:
    return live_dir()  # $LENET_LIVE_DIR, else in the clone or the user data folder: lenet/paths.py


def model_path() -> Path:
    """Where the "Trained in class" network is saved."""
    return run_dir() / IN_CLASS_MODEL


@dataclass(frozen=True)
class Curve:
    """Points of one curve: x the training step, y a mean over `log_every` steps (or a held-out accuracy)."""

    step: list[int]
    accuracy: list[float]
    loss: list[float] | None = None  # the held-out curve has accuracy only


@dataclass(frozen=True)
class Progress:
    """progress.json, parsed once (the worker writes the JSON: train/live_worker.py Reporter)."""

    status: str  # "starting", "running" (ACTIVE), "done", "cancelled" or "failed"
    step: int = 0
    total_steps: int = 0  # 0 until the worker knows its data
    epoch: int = 0
    epochs: int = 0
    images: int = 0  # digits seen so far
    elapsed_s: float = 0.0
    eta_s: float | None = None  # None before the first step
    message: str = ""  # why a run failed
    curve: Curve = field(default_factory=lambda: Curve([], [], []))  # training loss and accuracy
    held_out: Curve = field(default_factory=lambda: Curve([], []))  # accuracy on digits never trained on
    kernels: list[dict] = field(default_factory=list)  # [{"step", "c1": (5, 5, 6) nested lists}], oldest first
    saved_step: int | None = None  # the step of the last saved network
    finetune: dict | None = None  # a fine-tuning run's result: {"layers", "before", "after"} (train/finetune.py)
    pid: int | None = None  # the worker's process id

    @property
    def running(self) -> bool:
        """A run that has not ended."""
        return self.status in ACTIVE

    @classmethod
    def parse(cls, raw: dict) -> "Progress":
        """From progress.json's dict; keys it does not know (the run's config) are left out."""
        curve, held = raw.get("curve") or {}, raw.get("held_out") or {}
        return cls(
            status=raw["status"],
            step=raw.get("step", 0),
            total_steps=raw.get("total_steps") or 0,
            epoch=raw.get("epoch", 0),
            epochs=raw.get("epochs") or 0,
            images=raw.get("images", 0),
            elapsed_s=raw.get("elapsed_s", 0.0),
            eta_s=raw.get("eta_s"),
            message=raw.get("message") or "",
            curve=Curve(curve.get("step", []), curve.get("accuracy", []), curve.get("loss", [])),
            held_out=Curve(held.get("step", []), held.get("accuracy", [])),
            kernels=raw.get("kernels") or [],
            saved_step=raw.get("saved_step"),
            finetune=raw.get("finetune"),
            pid=raw.get("pid"),
        )


def read() -> dict | None:
    """The last progress snapshot as written (progress.json's dict), or None before the first run. A worker
    that died without saying so (killed, out of memory) is reported as "failed". The app reads progress()."""
    try:
        raw = json.loads((run_dir() / PROGRESS).read_text())
    except (OSError, ValueError):
        return None
    if raw.get("status") in ACTIVE and not _alive(raw.get("pid")):
        raw.update(status="failed", message=f"The training process stopped unexpectedly; see {LOG}.")
    return raw


def progress() -> Progress | None:
    """The last progress snapshot, parsed; None before the first run."""
    raw = read()
    return Progress.parse(raw) if raw is not None else None


def read_weights() -> list | None:
    """The weights of the last saved network (a list of arrays for keras' set_weights), or None."""
    import numpy as np

    try:
        with np.load(run_dir() / WEIGHTS) as npz:
            return [npz[f"arr_{i}"] for i in range(len(npz.files))]
    except (OSError, ValueError, KeyError):
        return None


def is_running() -> bool:
    now = progress()
    return now is not None and now.running


def start(config: LiveConfig) -> bool:
    """Start a run in the background; False (nothing started) if one is already running."""
    global _process
    with _lock:
        if is_running():
            return False
        folder = run_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CANCEL).unlink(missing_ok=True)
        env = {
            **os.environ,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "OMP_NUM_THREADS": str(config.threads),
            PARENT_ENV: str(os.getpid()),
        }
        root = Path(__file__).resolve().parent.parent
        with open(folder / LOG, "w") as log:
            _process = subprocess.Popen(
                [sys.executable, "-m", "train.live_worker", str(folder), json.dumps(asdict(config))],
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                **portable.popen_options(),  # its own session or process group; Windows: its lower priority
            )
        # Written before the worker's own first snapshot, which comes after TensorFlow's import (seconds).
        write_json(folder / PROGRESS, {"status": "starting", "pid": _process.pid, "config": asdict(config), "step": 0})
        return True


def start_finetune(x, y, student_ids, layers: str = "F6 + OUTPUT", epochs: int = 10, seed: int = 0) -> bool:
    """Fine-tune the shipped model on a class's digits in the background (the app's "Fine-tune on the
    class" button): x (N, 28, 28) uint8, y (N,) labels, student_ids (N,) or None. False if a run is going.
    Raises lenet.mnist.DataError (with the reason) for arrays that cannot be used."""
    import numpy as np

    from lenet.assets import DEFAULT_MODEL_PATH
    from train.finetune import check_class, split_by_student

    check_class(x, y, student_ids)
    split_by_student(student_ids, len(x))  # raises now, in the app, rather than later in the worker
    folder = run_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / CLASS_DIGITS
    ids = np.full(len(x), -1) if student_ids is None else np.asarray(student_ids)
    np.savez(data, x=np.asarray(x, np.uint8), y=np.asarray(y, np.int64), student=ids)
    return start(
        LiveConfig(
            epochs=epochs,
            batch_size=32,
            lr=1e-3,
            seed=seed,
            snapshot_every=20,
            log_every=2,
            init=str(DEFAULT_MODEL_PATH),
            layers=layers,
            data=str(data),
        )
    )


def cancel() -> None:
    """Ask the running worker to stop; it saves the network as it is and reports "cancelled"."""
    folder = run_dir()
    if folder.is_dir():
        (folder / CANCEL).touch()


def write_json(path: Path, data: dict) -> None:
    """Write whole, then rename: a reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data))
    portable.replace(tmp, path)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    if _process is not None and _process.pid == pid:
        return _process.poll() is None  # our own child: poll() also reaps it
    return portable.alive(pid)
