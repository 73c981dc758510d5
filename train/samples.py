"""Write assets/mnist_samples.npz: a stratified sample of MNIST *test* digits for the app's gallery
and fast tests, plus every test digit the model gets wrong (the gallery's "got these wrong" set).

    python -m train.samples --data ../shared/data/mnist.npz [--model assets/lenet5.keras]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from lenet.assets import DEFAULT_MODEL_PATH, SAMPLES_PATH
from lenet.inference import Network
from lenet.mnist import DataError, load_npz
from lenet.model import load_model
from lenet.preprocess import mnist_to_input

PER_CLASS = 50
OUT = SAMPLES_PATH


def stratified(labels: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """Sorted indices of `per_class` random examples of each label."""
    rng = np.random.default_rng(seed)
    picks = [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]
    return np.sort(np.concatenate(picks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m train.samples", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="MNIST-layout npz")
    parser.add_argument("--model", default=str(DEFAULT_MODEL_PATH))
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        arrays = load_npz(args.data)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    x, y = arrays["x_test"], arrays["y_test"].astype(np.int64)
    pred = Network(load_model(args.model)).probabilities(mnist_to_input(x)).argmax(axis=1)
    sample = stratified(y, PER_CLASS, args.seed)
    wrong = np.setdiff1d(np.flatnonzero(pred != y), sample)
    index = np.concatenate([sample, wrong])
    np.savez_compressed(
        Path(args.out),
        x=x[index],
        y=y[index],
        pred=pred[index],
        test_index=index,
        stratified=np.arange(len(index)) < len(sample),  # True: the unbiased sample; False: extra mistakes
    )
    print(f"wrote {args.out}: {len(sample)} stratified test digits + {len(wrong)} more the model gets wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
