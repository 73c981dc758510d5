"""Where the shipped files live. No TensorFlow here: the app reads these paths before importing it."""

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_MODEL_PATH = ASSETS_DIR / "lenet5.keras"
CLASSIC_MODEL_PATH = ASSETS_DIR / "lenet5_classic.keras"
SAMPLES_PATH = ASSETS_DIR / "mnist_samples.npz"  # the gallery: MNIST test digits (python -m train.samples)
TRAIN_SUBSET_PATH = ASSETS_DIR / "mnist_train_subset.npz"  # 10,000 MNIST training digits for offline training
IN_CLASS_MODEL_PATH = ASSETS_DIR.parent / "runs" / "in_class" / "lenet5_in_class.keras"  # "Watch it learn"
