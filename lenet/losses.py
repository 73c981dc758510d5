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


LOSSES = ("crossentropy", "mse")
_CRITERIA = {  # (loss name, output is RBF) -> loss
    ("crossentropy", False): "sparse_categorical_crossentropy",
    ("crossentropy", True): rbf_crossentropy,
    ("mse", False): probability_mse,
    ("mse", True): rbf_probability_mse,
}


def compile_args(loss: str, rbf: bool) -> dict:
    """`model.compile` keyword arguments for `loss` on either OUTPUT; the metric is "accuracy"."""
    if loss not in LOSSES:
        raise ValueError(f"Unknown loss {loss!r}; choose one of {list(LOSSES)}.")
    accuracy = rbf_accuracy if rbf else keras.metrics.sparse_categorical_accuracy
    return {"loss": _CRITERIA[(loss, rbf)], "metrics": [keras.metrics.MeanMetricWrapper(accuracy, name="accuracy")]}
