"""Write assets/mnist_train_subset.npz: a small stratified MNIST for training offline, in the app.

10,000 training digits (1,000 per class) and 1,000 test digits (100 per class), uint8, in Keras' npz
layout (x_train y_train x_test y_test), so `python -m train --data` and the "Watch it learn" tab read it.

    python -m train.subset --data ../shared/data/mnist.npz
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from lenet.assets import TRAIN_SUBSET_PATH
from lenet.mnist import DataError, load_npz
from train.samples import stratified

TRAIN_PER_CLASS = 1000
TEST_PER_CLASS = 100


def subset(arrays: dict[str, np.ndarray], train_per_class: int, test_per_class: int, seed: int) -> dict:
    """A stratified, seeded sample of each split; images stay uint8, labels become uint8."""
    out = {}
    for split, per_class in (("train", train_per_class), ("test", test_per_class)):
        y = arrays[f"y_{split}"].astype(np.int64)
        index = stratified(y, per_class, seed)
        out[f"x_{split}"] = arrays[f"x_{split}"][index].astype(np.uint8)
        out[f"y_{split}"] = y[index].astype(np.uint8)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m train.subset", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="MNIST-layout npz")
    parser.add_argument("--out", default=str(TRAIN_SUBSET_PATH))
    parser.add_argument("--train-per-class", type=int, default=TRAIN_PER_CLASS)
    parser.add_argument("--test-per-class", type=int, default=TEST_PER_CLASS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        arrays = load_npz(args.data)
        sample = subset(arrays, args.train_per_class, args.test_per_class, args.seed)
    except (DataError, ValueError) as err:  # ValueError: fewer digits of a class than asked for
        print(f"error: {err}", file=sys.stderr)
        return 2
    np.savez_compressed(Path(args.out), **sample)
    print(f"wrote {args.out}: {len(sample['y_train'])} training and {len(sample['y_test'])} test digits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
