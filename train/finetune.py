"""Fine-tune a trained LeNet-5 on a class's own handwriting, and measure what it gains and forgets.

Digits are split by student: whole students are held back, so "after" measures how well the network
reads the handwriting of students it never trained on, not memory of the same pens. MNIST test digits
show forgetting. Entry points: `finetune` (arrays), `finetune_class` (what the app's button feeds),
`main` (`python -m train --init MODEL --data class.npz`).
"""

from dataclasses import asdict, dataclass

import numpy as np

from lenet.assets import TRAIN_SUBSET_PATH
from lenet.mnist import DataError, check_split
from lenet.paper import LAYER_NAMES
from lenet.preprocess import mnist_to_input
from lenet.text import N_

# Which layers learn, and the one sentence that explains each choice to a class.
LAYER_CHOICES = {
    "F6 + OUTPUT": (
        ("F6", "OUTPUT"),
        N_(
            "Only the last two layers learn: the stroke detectors C1–C5 stay as "
            "MNIST made them, so the network adapts a little and forgets little."
        ),
    ),
    N_("All layers"): (
        LAYER_NAMES,
        N_(
            "Every one of the 60,000 weights may move: the network can adapt its stroke "
            "detectors to the class's pens, but it may forget more of MNIST."
        ),
    ),
}
HELD_FRACTION = 0.25  # of the students (or, without student ids, of the digits)


@dataclass(frozen=True)
class FinetuneResult:
    layers: str
    n_train: int
    n_held: int
    held_students: list  # the student ids held back ([] when the split was by digit)
    before: dict  # {"class": accuracy on the held-back digits, "mnist": accuracy on MNIST test}
    after: dict


def split_by_student(
    student_ids: np.ndarray | None, n: int, seed: int = 0, held_fraction: float = HELD_FRACTION
) -> tuple[np.ndarray, np.ndarray, list]:
    """(train indices, held-back indices, held student ids). With two or more students, whole students
    are held back; otherwise single digits. Both parts are non-empty; DataError below two digits."""
    if n < 2:
        raise DataError(f"Fine-tuning needs at least 2 digits (one to learn from, one to test on); got {n}.")
    rng = np.random.default_rng(seed)
    students = np.unique(student_ids) if student_ids is not None else np.array([])
    if student_ids is not None and len(students) >= 2:
        held = rng.choice(students, max(1, round(held_fraction * len(students))), replace=False)
        mask = np.isin(student_ids, held)
        return np.flatnonzero(~mask), np.flatnonzero(mask), sorted(held.tolist())
    order = rng.permutation(n)
    cut = min(n - 1, max(1, round(held_fraction * n)))
    return np.sort(order[cut:]), np.sort(order[:cut]), []


def set_trainable(model, choice: str) -> None:
    """Freeze every layer but those of LAYER_CHOICES[choice]."""
    if choice not in LAYER_CHOICES:
        raise ValueError(f"Unknown layer choice {choice!r}; choose one of {list(LAYER_CHOICES)}.")
    learn = set(LAYER_CHOICES[choice][0])
    for layer in model.layers:
        layer.trainable = layer.name in learn


def accuracy(model, x: np.ndarray, y: np.ndarray) -> float:
    """Accuracy of `model` on (N, 28, 28) uint8 digits with labels y."""
    from lenet.model import is_rbf, scores_to_probabilities

    scores = np.asarray(model.predict_on_batch(mnist_to_input(x)))
    return float(np.mean(scores_to_probabilities(scores, is_rbf(model)).argmax(axis=1) == np.asarray(y)))


def finetune(
    model,
    train: tuple,
    held: tuple,
    mnist: tuple,
    layers: str = "F6 + OUTPUT",
    epochs: int = 10,
    batch_size: int = 32,
    lr: float = 1e-3,
    seed: int = 0,
    held_students: list | None = None,
    callbacks: tuple = (),
) -> FinetuneResult:
    """Train `model` in place on `train` = (x, y); measure held-back and MNIST accuracy before and after."""
    import keras

    from lenet.losses import compile_args
    from lenet.model import is_rbf
    from train.pipeline import make_dataset

    def measure() -> dict:
        return {"class": round(accuracy(model, *held), 4), "mnist": round(accuracy(model, *mnist), 4)}

    before = measure()
    set_trainable(model, layers)
    model.compile(optimizer=keras.optimizers.Adam(lr), **compile_args("crossentropy", is_rbf(model)))
    model.optimizer.build(model.trainable_variables)  # a save before the first step holds its whole state
    data = make_dataset(train[0], np.asarray(train[1], np.int64), batch_size, seed, train=True, augment=True)
    model.fit(data, epochs=epochs, verbose=0, shuffle=False, callbacks=list(callbacks))
    return FinetuneResult(layers, len(train[0]), len(held[0]), held_students or [], before, measure())


def mnist_test(path=TRAIN_SUBSET_PATH) -> tuple[np.ndarray, np.ndarray]:
    """MNIST test digits for measuring forgetting: the 1,000 of the shipped subset (offline)."""
    from lenet.mnist import load_npz

    arrays = load_npz(path, ("x_test", "y_test"))
    return arrays["x_test"], arrays["y_test"].astype(np.int64)


def check_class(x: np.ndarray, y: np.ndarray, student_ids: np.ndarray | None) -> None:
    """The app's and the CLI's arrays: (N, 28, 28) uint8, (N,) labels, (N,) student ids or None."""
    check_split(np.asarray(x), np.asarray(y), "class")
    if student_ids is not None and np.shape(student_ids) != (len(x),):
        raise DataError(f"student ids have shape {np.shape(student_ids)}; expected ({len(x)},), one per digit.")


def finetune_class(
    model,
    x: np.ndarray,
    y: np.ndarray,
    student_ids: np.ndarray | None,
    layers: str = "F6 + OUTPUT",
    epochs: int = 10,
    seed: int = 0,
    callbacks: tuple = (),
) -> FinetuneResult:
    """The class's digits (x: (N, 28, 28) uint8, y: (N,), student_ids: (N,) or None) -> split by student,
    fine-tune `model` in place, before -> after. What the app's "Fine-tune on the class" button feeds."""
    check_class(x, y, student_ids)
    y = np.asarray(y, np.int64)
    train_idx, held_idx, held_students = split_by_student(student_ids, len(x), seed)
    return finetune(
        model,
        (x[train_idx], y[train_idx]),
        (x[held_idx], y[held_idx]),
        mnist_test(),
        layers,
        epochs,
        seed=seed,
        held_students=held_students,
        callbacks=callbacks,
    )


def describe(result: FinetuneResult) -> str:
    b, a = result.before, result.after
    return (
        f"fine-tuned {result.layers} on {result.n_train} class digits; held back {result.n_held}"
        + (f" (students {', '.join(map(str, result.held_students))})" if result.held_students else "")
        + f": class digits {b['class']:.1%} -> {a['class']:.1%}, MNIST test {b['mnist']:.1%} -> {a['mnist']:.1%}"
    )


def as_dict(result: FinetuneResult) -> dict:
    return asdict(result)
