"""`python -m train --init MODEL --data class.npz`: fine-tune MODEL on a class's digits.

The class file is MNIST-layout (x_train y_train x_test y_test, uint8), as a class export writes it;
optional `student_train` / `student_test` arrays give each digit's student, so whole students are held
back. All its digits are pooled and split by student (the file's own train/test split is not used).
"""

import argparse
import shlex
import sys
from dataclasses import asdict
from pathlib import Path

import numpy as np

from lenet.mnist import DataError, load_npz
from train.finetune import describe, finetune_class

SPLITS = ("train", "test")  # student ids: student_train, student_test


def load_class(path: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(x (N, 28, 28) uint8, y (N,), student ids (N,) or None) of every digit in a class file. A split may be
    empty (the app's export keeps every digit in its test split); the test split must hold digits."""
    load_npz(path, keys=("x_test", "y_test"))  # checks the file and its test split, with friendly messages
    with np.load(path, allow_pickle=False) as npz:
        splits = [s for s in SPLITS if s == "test" or len(npz.get(f"x_{s}", ())) or len(npz.get(f"y_{s}", ()))]
    arrays = load_npz(path, keys=tuple(f"{xy}_{s}" for s in splits for xy in "xy"))
    x = np.concatenate([arrays[f"x_{s}"] for s in splits]).astype(np.uint8)
    y = np.concatenate([arrays[f"y_{s}"] for s in splits]).astype(np.int64)
    keys = [f"student_{s}" for s in splits]
    with np.load(path, allow_pickle=False) as npz:
        if not all(key in npz.files for key in keys):
            return x, y, None
        ids = np.concatenate([npz[key] for key in keys])
    if ids.shape != (len(x),):
        raise DataError(f"{path}: {keys} hold {len(ids)} ids for {len(x)} digits; expected one per digit.")
    return x, y, ids


def out_path(args: argparse.Namespace) -> Path:
    return Path(args.out) if args.out else Path(args.workdir) / "finetune" / f"{Path(args.init).stem}_class.keras"


def run(args: argparse.Namespace, argv: list[str]) -> int:
    """Fine-tune, print before -> after, save the model and its metrics JSON beside it."""
    import keras

    from lenet.model import ModelLoadError, load_model
    from train import report

    if not args.data:
        print("error: --init needs --data CLASS.npz (the class's digits, MNIST layout)", file=sys.stderr)
        return 2
    try:
        x, y, ids = load_class(args.data)
        model = load_model(args.init)
    except (DataError, ModelLoadError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    keras.utils.set_random_seed(args.seed)
    try:
        result = finetune_class(model, x, y, ids, args.layers, args.epochs, args.seed)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out = out_path(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    report.write_json(
        out.with_suffix(".metrics.json"),
        {
            **asdict(result),
            "model": out.name,
            "init": args.init,
            "epochs": args.epochs,
            "seed": args.seed,
            "command": shlex.join(["python", "-m", "train", *argv]),
        },
    )
    print(f"{describe(result)}; wrote {out}", flush=True)
    return 0
