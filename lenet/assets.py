"""Where the shipped files live (in the clone or as installed: lenet/paths.py). No TensorFlow here: the app reads
these paths before importing it."""

from lenet.paths import IN_CLASS_MODEL, PROJECT_DIR, live_dir

ASSETS_DIR = PROJECT_DIR / "assets"
DEFAULT_MODEL_PATH = ASSETS_DIR / "lenet5.keras"
CLASSIC_MODEL_PATH = ASSETS_DIR / "lenet5_classic.keras"
SAMPLES_PATH = ASSETS_DIR / "mnist_samples.npz"  # the gallery: MNIST test digits (python -m train.samples)
TRAIN_SUBSET_PATH = ASSETS_DIR / "mnist_train_subset.npz"  # 10,000 MNIST training digits for offline training
# Not shipped but listed with the shipped models (ui/models.py): "Watch it learn"'s network where it was when this
# module was imported; train.live.model_path() follows $LENET_LIVE_DIR and $LENET_DATA_DIR as they are now.
IN_CLASS_MODEL_PATH = live_dir() / IN_CLASS_MODEL
