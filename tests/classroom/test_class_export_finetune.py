"""The class export feeds fine-tuning: `python -m lenet class export` -> `python -m train --init ... --data
class.npz` holds back whole students (the export's student ids), and `python -m lenet evaluate` still reads it.
Real subprocesses on an SQLite store; a tiny run (1 epoch)."""

import json
import subprocess

import numpy as np

from classroom import ClassStore, class_dataset
from lenet.assets import DEFAULT_MODEL_PATH
from testkit.class_digits import class_set
from testkit.procs import python_m_with_store
from train.finetune_cli import load_class


def run(module: str, *args, db: str) -> subprocess.CompletedProcess:
    """`python -m module args...` with its class store at `db`; it must succeed."""
    done = python_m_with_store(module, *args, db=db, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_export_round_trip_holds_back_whole_students(tmp_path):
    db = f"sqlite:///{tmp_path / 'class.db'}"
    store = ClassStore(db)
    code, _ = store.new_class()
    x, y, ids = class_set(students=4)
    keep = np.flatnonzero(y < 5)  # 4 students x 5 digits
    for i in keep:
        store.add_drawing(code, f"student-{ids[i]}", int(y[i]), int(y[i]), 0.9, x[i])
    hidden = store.drawings(code)[0]
    store.hide(code, hidden.id)  # hidden drawings stay out of the export and of the app's fine-tune
    out = tmp_path / "class.npz"
    run("lenet", "class", "export", code, "--out", out, db=db)

    loaded_x, loaded_y, students = load_class(str(out))  # what `python -m train --init` reads
    app_x, app_y, app_students = class_dataset(code, store)  # what the app's button hands the worker
    assert np.array_equal(loaded_x, app_x) and np.array_equal(loaded_y, app_y)
    assert students is not None and np.array_equal(students, app_students)
    assert len(loaded_x) == len(keep) - 1 and sorted(set(students.tolist())) == [0, 1, 2, 3]

    scored = json.loads(run("lenet", "evaluate", "--data", out, "--model", DEFAULT_MODEL_PATH, "--json", db=db).stdout)
    assert scored["n"] == len(keep) - 1, scored

    model = tmp_path / "tuned.keras"
    run("train", "--init", DEFAULT_MODEL_PATH, "--data", out, "--epochs", "1", "--out", model, db=db)
    metrics = json.loads(model.with_suffix(".metrics.json").read_text())
    held = metrics["held_students"]
    assert len(held) == 1 and metrics["n_held"] == int(np.sum(students == held[0]))  # one whole student
    assert metrics["n_train"] + metrics["n_held"] == len(loaded_x) and model.is_file()
