"""Training criteria and metrics for both OUTPUT variants, registered so checkpoints reload safely.

All take integer labels (B,). The softmax OUTPUT gives probabilities; the RBF OUTPUT gives
penalties y_i (smaller is better), whose class probabilities are softmax(-y).
"""

import keras
from keras import ops


def _one_hot(y_true, num_classes):
    return ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), num_classes)


@keras.saving.register_keras_serializable(package="lenet")
def probability_mse(y_true, probabilities):
    """The seed's criterion: L = sum_j (y_j - t_j)^2 with one-hot targets t, per example."""
    targets = _one_hot(y_true, ops.shape(probabilities)[-1])
    return ops.sum(ops.square(probabilities - targets), axis=-1)


@keras.saving.register_keras_serializable(package="lenet")
def rbf_crossentropy(y_true, penalties):
    """The paper's MAP criterion, eq. (9), without its constant j: y_Dp + log sum_i exp(-y_i)."""
    return keras.losses.sparse_categorical_crossentropy(y_true, -penalties, from_logits=True)


@keras.saving.register_keras_serializable(package="lenet")
def rbf_probability_mse(y_true, penalties):
    """The seed's squared error on the RBF output's class probabilities softmax(-y)."""
    return probability_mse(y_true, ops.softmax(-penalties, axis=-1))


@keras.saving.register_keras_serializable(package="lenet")
def rbf_accuracy(y_true, penalties):
    """Accuracy where the predicted class is the one with the smallest penalty."""
    return keras.metrics.sparse_categorical_accuracy(y_true, -penalties)


@keras.saving.register_keras_serializable(package="lenet")
class SmoothedCrossentropy(keras.losses.Loss):
    """Cross-entropy against smoothed targets (label smoothing, Szegedy et al. 2016):
    t = (1 - eps) one_hot(y) + eps / 10, L = -sum_k t_k log p_k, with p the softmax OUTPUT's
    probabilities or, for the RBF OUTPUT, softmax(-y) of its penalties (eq. (9)'s probabilities)."""

    def __init__(self, smoothing: float = 0.1, rbf: bool = False, name: str = "smoothed_crossentropy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.smoothing, self.rbf = float(smoothing), bool(rbf)

    def call(self, y_true, y_pred):
        targets = _one_hot(y_true, ops.shape(y_pred)[-1])
        scores = -y_pred if self.rbf else y_pred
        return keras.losses.categorical_crossentropy(
            targets, scores, from_logits=self.rbf, label_smoothing=self.smoothing
        )

    def get_config(self) -> dict:
        return {**super().get_config(), "smoothing": self.smoothing, "rbf": self.rbf}


LOSSES = ("crossentropy", "mse")
_CRITERIA = {  # (loss name, output is RBF) -> loss
    ("crossentropy", False): "sparse_categorical_crossentropy",
    ("crossentropy", True): rbf_crossentropy,
    ("mse", False): probability_mse,
    ("mse", True): rbf_probability_mse,
}


def compile_args(loss: str, rbf: bool, smoothing: float = 0.0) -> dict:
    """`model.compile` keyword arguments for `loss` on either OUTPUT; the metric is "accuracy".
    `smoothing` > 0 smooths the cross-entropy's targets (SmoothedCrossentropy)."""
    if loss not in LOSSES:
        raise ValueError(f"Unknown loss {loss!r}; choose one of {list(LOSSES)}.")
    if smoothing and loss != "crossentropy":
        raise ValueError("Label smoothing applies to the cross-entropy loss only.")
    criterion = SmoothedCrossentropy(smoothing, rbf) if smoothing else _CRITERIA[(loss, rbf)]
    accuracy = rbf_accuracy if rbf else keras.metrics.sparse_categorical_accuracy
    return {"loss": criterion, "metrics": [keras.metrics.MeanMetricWrapper(accuracy, name="accuracy")]}
