"""Drawn-digit styles: each model's accuracy on seeded canvas digits per style, against a baseline model.

    python -m bench.drawn [--model PATH ...] [--baseline PATH] [--per-style N] [--seed S] [--mnist NPZ] [--quick] [--json]

The drawings are testkit/drawn_styles.py's (a class's canvas digits: thin pens, markers, tiny digits in a
corner, closed-top 4s, small 7s, thin 6s), put through the app's own preprocessing (lenet/preprocess.py) and
read by the NumPy engine (lenet/engine), as the app serves them. The baseline is the first model unless
--baseline names one; "ratio" is a model's errors over the baseline's on the same drawings (below 1: fewer).
--mnist adds a row: MNIST's 10,000 test digits through the same preprocessing as a drawing (the lesson's
error figures feed them to the model as they are, lenet.preprocess.mnist_to_input).
"""

import argparse
from collections import Counter

import numpy as np

from bench.harness.common import benchmark_main, log, ratio, table

PER_STYLE = 200
QUICK_PER_STYLE = 30
CONFUSIONS = 3  # the most common (true -> read) pairs shown per model and style


def default_models() -> list[str]:
    from lenet import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH

    return [str(DEFAULT_MODEL_PATH), str(CLASSIC_MODEL_PATH)]


def mnist_inputs(path: str, quick: bool) -> tuple[np.ndarray, np.ndarray]:
    """MNIST's test digits (the first 1,000 with --quick) through preprocess(), as if each were an uploaded image."""
    from lenet.preprocess import preprocess

    data = np.load(path)
    n = 1000 if quick else len(data["y_test"])
    return np.stack([preprocess(image).x for image in data["x_test"][:n]]), data["y_test"][:n].astype(np.int64)


def score(predicted: np.ndarray, labels: np.ndarray) -> dict:
    """Accuracy, error count and the most common confusions ("4->9": 7) of one model on one style."""
    wrong = predicted != labels
    pairs = Counter(f"{t}->{p}" for t, p in zip(labels[wrong], predicted[wrong]))
    return {
        "accuracy": round(float(1 - wrong.mean()), 4) if len(labels) else float("nan"),
        "errors": int(wrong.sum()),
        "confusions": dict(pairs.most_common(CONFUSIONS)),
    }


def error_ratio(errors: int, baseline: int) -> float:
    """errors / baseline's errors; 1.0 when both are 0 (equal), inf when only the baseline made none."""
    if baseline == 0:
        return 1.0 if errors == 0 else float("inf")
    return ratio(errors, baseline)


def positive(text: str) -> int:
    """argparse type: a whole number of drawings, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of drawings, at least 1, not {text!r}")
    return int(text)


def checked(args) -> dict:
    """measure(args), a missing or unreadable model or npz said in one line instead of a traceback."""
    from lenet.architecture import ModelLoadError

    try:
        return measure(args)
    except (ModelLoadError, OSError, ValueError) as err:
        raise SystemExit(f"bench.drawn: {err}") from err
    except KeyError as err:
        raise SystemExit(f"bench.drawn: {args.mnist} lacks x_test or y_test (Keras' MNIST npz layout): {err}") from err


def measure(args) -> dict:
    from lenet import engine
    from testkit.drawn_styles import STYLES, model_inputs

    paths = args.model or default_models()
    baseline = args.baseline or paths[0]
    paths = [baseline] + [p for p in paths if p != baseline]
    nets = {p: engine.load_model(p) for p in paths}
    n = QUICK_PER_STYLE if args.quick else args.per_style
    styles = {}
    for name in [*STYLES, *(["mnist_test"] if args.mnist else [])]:
        log(name)
        x, labels = mnist_inputs(args.mnist, args.quick) if name == "mnist_test" else model_inputs(name, n, args.seed)
        scores = {p: score(net.probabilities(x).argmax(axis=1), labels) for p, net in nets.items()}
        for s in scores.values():
            s["ratio"] = error_ratio(s["errors"], scores[baseline]["errors"])
        styles[name] = {"n": len(labels), "models": scores}
    worse = [
        (s, p)
        for s, r in styles.items()
        for p, m in r["models"].items()
        if m["errors"] > r["models"][baseline]["errors"]
    ]
    return {
        "name": "drawn",
        "goal": "no model makes more errors than the baseline on any style",
        "met": not worse,
        "baseline": baseline,
        "models": paths,
        "seed": args.seed,
        "styles": styles,
        "worse": [f"{p} on {s}" for s, p in worse],
    }


def lines(result: dict) -> list[str]:
    """One row per style and model: n, accuracy, errors, the ratio to the baseline and the top confusions."""
    rows = []
    for name, r in result["styles"].items():
        for path, m in r["models"].items():
            short = path.rsplit("/", 1)[-1] + (" (baseline)" if path == result["baseline"] else "")
            confusions = ", ".join(f"{k} x{v}" for k, v in m["confusions"].items()) or "-"
            rows.append([name, short, r["n"], f"{100 * m['accuracy']:.1f} %", m["errors"], m["ratio"], confusions])
    return table(["style", "model", "n", "accuracy", "errors", "ratio", "most common confusions"], rows)


def summary(result: dict) -> str:
    """Each model's errors summed over the styles, and its ratio to the baseline."""
    total = {p: sum(r["models"][p]["errors"] for r in result["styles"].values()) for p in result["models"]}
    base = total[result["baseline"]]
    return ", ".join(f"{p.rsplit('/', 1)[-1]} {e} errors ({error_ratio(e, base)}x)" for p, e in total.items())


def main(argv=None) -> int:
    options = {
        "--model": {
            "action": "append",
            "help": "a .keras model to read the drawings (repeat; default: the shipped two)",
        },
        "--baseline": {"help": "the model the others are compared with (default: the first --model)"},
        "--per-style": {"type": positive, "default": PER_STYLE, "help": "drawings per style"},
        "--seed": {"type": int, "default": 0, "help": "the drawings' seed (each style has its own stream of it)"},
        "--mnist": {"help": "an MNIST npz (e.g. ../shared/data/mnist.npz): its test digits through preprocess() too"},
    }
    return benchmark_main(argv, __doc__, options, checked, lines)


if __name__ == "__main__":
    raise SystemExit(main())
