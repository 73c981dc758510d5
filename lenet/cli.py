"""Command line of `python -m lenet`: classify image files, evaluate on MNIST, summarise a model.

Exit status: 0 success, 1 some image files could not be classified, 2 unusable model, data or
arguments (no traceback for any of these).
"""

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from lenet.image_file import load_image
from lenet.inference import Network
from lenet.mnist import DataError, load_npz
from lenet.model import (
    DEFAULT_MODEL_PATH,
    OUTPUTS,
    TRAIN_HINT,
    ModelLoadError,
    build_lenet5,
    load_model,
    parameter_table,
)
from lenet.preprocess import DigitImageError, mnist_to_input, preprocess

IMAGE_SUFFIXES = frozenset(Image.registered_extensions())  # ".png", ".jpg", ... as Pillow knows them
EVAL_BATCH = 1000


def predict_file(net: Network, path: Path) -> dict:
    """{"path", "label", "confidence", "probabilities"} or {"path", "error"} for one image file."""
    try:
        x = preprocess(load_image(path)).x
    except DigitImageError as err:
        return {"path": str(path), "error": str(err)}
    forward = net.forward(x)
    return {
        "path": str(path),
        "label": forward.label,
        "confidence": forward.confidence,
        "probabilities": [float(p) for p in forward.probabilities],
    }


def expand_paths(names: list[str]) -> list[Path]:
    """Files as given; a folder becomes its image files, sorted (an empty one stays, to be reported)."""
    paths = []
    for name in names:
        path = Path(name)
        images = sorted(p for p in path.iterdir() if _is_image_name(p)) if path.is_dir() else []
        paths.extend(images or [path])
    return paths


def _is_image_name(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES


def cmd_predict(args: argparse.Namespace) -> int:
    net = Network(load_model(args.model))
    failed = False
    for path in expand_paths(args.files):
        if path.is_dir():
            result = {"path": str(path), "error": "No image files in this folder."}
        else:
            result = predict_file(net, path)
        failed |= "error" in result
        print(json.dumps(result) if args.json else _human_line(result), flush=True)
    return 1 if failed else 0


def _human_line(result: dict) -> str:
    if "error" in result:
        return f"{result['path']}: error: {result['error']}"
    return f"{result['path']}: {result['label']} ({100 * result['confidence']:.1f}%)"


def load_test_split(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """x_test (N, 28, 28) uint8 and y_test (N,) from an MNIST-layout npz; DataError if unusable."""
    arrays = load_npz(path, keys=("x_test", "y_test"))
    return arrays["x_test"], arrays["y_test"]


def evaluate(net: Network, x: np.ndarray, y: np.ndarray) -> dict:
    """Accuracy overall and per digit of `net` on MNIST images x (N, 28, 28) with labels y (N,)."""
    inputs = mnist_to_input(x)  # (N, 32, 32, 1)
    batches = [net.probabilities(inputs[i : i + EVAL_BATCH]) for i in range(0, len(inputs), EVAL_BATCH)]
    correct = np.concatenate(batches).argmax(axis=-1) == y  # (N,)
    per_class = [_class_accuracy(d, correct[y == d]) for d in range(10)]
    accuracy = float(correct.mean())
    return {"n": len(y), "accuracy": accuracy, "error_pct": round(100 * (1 - accuracy), 6), "per_class": per_class}


def _class_accuracy(digit: int, correct: np.ndarray) -> dict:
    """{"digit", "n", "accuracy"}; accuracy is None when the test set has no such digit."""
    return {"digit": digit, "n": len(correct), "accuracy": float(correct.mean()) if len(correct) else None}


def cmd_evaluate(args: argparse.Namespace) -> int:
    x, y = load_test_split(args.data)
    result = evaluate(Network(load_model(args.model)), x, y)
    if args.json:
        print(json.dumps(result))
        return 0
    accuracy, error = 100 * result["accuracy"], result["error_pct"]
    print(f"{result['n']} test images: accuracy {accuracy:.2f}%, error {error:.2f}%")
    print("digit      n  accuracy")
    for row in result["per_class"]:
        accuracy = "-" if row["accuracy"] is None else f"{100 * row['accuracy']:.2f}%"
        print(f"{row['digit']:>5} {row['n']:>6} {accuracy:>9}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    path = Path(args.model) if args.model is not None else DEFAULT_MODEL_PATH
    if args.output is None and (args.model is not None or path.is_file()):
        model, origin = load_model(path), str(path)
    else:
        output = args.output or "softmax"
        model, origin = build_lenet5(output=output), f"a freshly built, untrained model (output {output})"
        if args.output is None:
            origin += f"; no trained model at {path}. {TRAIN_HINT}"
    print(f"{model.name}: {origin}")
    print(format_table(parameter_table(model)))
    return 0


def format_table(rows: list[dict]) -> str:
    """The paper's layers as a text table with thousands separators and a total line."""
    lines = [f"{'layer':<7} {'output shape':<14} {'trainable':>10} {'non-trainable':>14}"]
    for row in rows:
        shape = " x ".join(str(n) for n in row["output_shape"])
        lines.append(f"{row['layer']:<7} {shape:<14} {row['trainable']:>10,} {row['non_trainable']:>14,}")
    trainable, frozen = sum(r["trainable"] for r in rows), sum(r["non_trainable"] for r in rows)
    lines.append(f"{'total':<7} {'':<14} {trainable:>10,} {frozen:>14,}")
    lines.append(f"all parameters: {trainable + frozen:,}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lenet",
        description="LeNet-5 (LeCun et al., 1998) on your own digit images.",
        epilog="Exit status: 0 success, 1 some images could not be classified, 2 unusable model, data or arguments.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    model_help = f"a .keras model saved by this package (default: {DEFAULT_MODEL_PATH})"

    predict = commands.add_parser("predict", help="classify image files (PNG, JPEG, ...) or folders of them")
    predict.add_argument("files", nargs="+", metavar="FILE", help="an image file, or a folder of them")
    predict.add_argument("--model", default=DEFAULT_MODEL_PATH, help=model_help)
    predict.add_argument("--json", action="store_true", help="one JSON object per line instead of text")
    predict.set_defaults(run=cmd_predict)

    evaluate_ = commands.add_parser("evaluate", help="accuracy on the test split of an MNIST-layout npz")
    evaluate_.add_argument(
        "--data", required=True, metavar="NPZ", help="npz with x_test (N, 28, 28) uint8 and y_test (N,)"
    )
    evaluate_.add_argument("--model", default=DEFAULT_MODEL_PATH, help=model_help)
    evaluate_.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    evaluate_.set_defaults(run=cmd_evaluate)

    summary = commands.add_parser("summary", help="parameters and output shape of each of the paper's layers")
    which = summary.add_mutually_exclusive_group()
    which.add_argument("--model", help=f"{model_help}; without it, a fresh model if there is no trained one")
    which.add_argument("--output", choices=OUTPUTS, help="summarise a fresh, untrained model with this OUTPUT")
    summary.set_defaults(run=cmd_summary)
    # Listed for --help only: lenet/__main__.py hands `class ...` to class mode (classroom/cli.py) first.
    commands.add_parser("class", help="class mode: start, list, export or erase classes (see: class --help)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; user errors print `error: ...` on stderr and return 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ModelLoadError, DataError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader left early (`... | head -1`)
        _silence_stdout()
        print("error: the output was closed before every result was written (broken pipe).", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again
    (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
