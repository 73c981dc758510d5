"""Command line of `python -m train`."""

import argparse
import sys

from lenet.activations import ACTIVATIONS
from lenet.losses import LOSSES
from lenet.model import OUTPUTS
from train.finetune import LAYER_CHOICES


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m train",
        description="Train LeNet-5 on MNIST and write the model, metrics JSON and plots.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--data",
        help="MNIST-layout npz (x_train, y_train, x_test, y_test); "
        "without it, Keras downloads MNIST (needs the internet)",
    )
    parser.add_argument(
        "--out",
        help="model path; default assets/lenet5.keras, assets/lenet5_classic.keras "
        "for --output rbf, runs/quick/... with --quick",
    )
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="scaled_tanh")
    parser.add_argument(
        "--output",
        choices=OUTPUTS,
        default="softmax",
        help="softmax layer (seed) or the paper's RBF Gaussian connections",
    )
    parser.add_argument("--loss", choices=LOSSES, default="crossentropy")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3, help="peak learning rate (Adam)")
    parser.add_argument("--schedule", choices=("cosine", "constant"), default="cosine")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--augment",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="random translation, scale, squeeze, shear and rotation",
    )
    parser.add_argument(
        "--elastic",
        action="store_true",
        help="Simard 2003's elastic distortions, added to --augment's (or alone with --no-augment; train/elastic.py)",
    )
    parser.add_argument("--elastic-sigma", type=float, default=4.0, help="px: smoothness of the elastic field")
    parser.add_argument("--elastic-alpha", type=float, default=34.0, help="px: strength of the elastic field")
    parser.add_argument(
        "--label-smoothing", type=float, default=0.0, help="cross-entropy targets (1-e) one-hot + e/10; 0 = off"
    )
    parser.add_argument(
        "--ema",
        type=float,
        default=0.0,
        help="weight averaging: validate and keep an exponential moving average of the weights with this "
        "momentum per step (e.g. 0.999); 0 = off",
    )
    parser.add_argument(
        "--drawn-val",
        type=int,
        default=0,
        metavar="N",
        help="also validate on N canvas drawings of each of 4 styles and keep the checkpoint with the lowest "
        "sum of both validation losses (train/drawn_val.py); 0 = MNIST's validation alone",
    )
    parser.add_argument("--val-size", type=int, default=5000, help="validation images carved from training")
    parser.add_argument("--workdir", default="runs", help="checkpoints and logs, one folder per model")
    parser.add_argument("--resume", action="store_true", help="continue from the last epoch's checkpoint")
    parser.add_argument("--quick", action="store_true", help="a few hundred images, one epoch (for tests)")
    parser.add_argument(
        "--init",
        help="fine-tune this .keras model on --data (a class's digits) instead of training "
        "from scratch; try --epochs 10 (train/finetune_cli.py)",
    )
    parser.add_argument(
        "--layers", choices=list(LAYER_CHOICES), default="F6 + OUTPUT", help="with --init: the layers that learn"
    )
    args = parser.parse_args(argv)
    if args.drawn_val < 0:
        parser.error("--drawn-val must be 0 (off) or a number of drawings")
    for name in ("epochs", "batch_size", "val_size"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.lr <= 0:
        parser.error("--lr must be positive")
    if not (args.elastic_sigma > 0 and args.elastic_alpha >= 0):
        parser.error("--elastic-sigma must be positive and --elastic-alpha at least 0")
    if not 0 <= args.label_smoothing < 1:
        parser.error("--label-smoothing must be in [0, 1)")
    if args.label_smoothing and args.loss != "crossentropy":
        parser.error("--label-smoothing applies to --loss crossentropy only")
    if not 0 <= args.ema < 1:
        parser.error("--ema must be in [0, 1) (0 = off)")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.init:
        from train.finetune_cli import run as finetune

        return finetune(args, argv)
    from train.run import run  # TensorFlow loads only after the arguments are known to be good

    return run(args, argv)
