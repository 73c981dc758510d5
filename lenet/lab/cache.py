"""One derived object per Keras model (a lesion clone, an untrained twin), kept while the model lives."""

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import keras

T = TypeVar("T")


class PerModel(Generic[T]):
    """`make(model, *key)`, computed once per model and key.

    Keyed by the model object itself, weakly: an entry goes when its model does, and a new model can
    never be served an old model's entry (as with `id(model)`, which Python reuses). The values must
    not hold the model strongly, or it would never go.
    """

    def __init__(self, make: Callable[..., T]):
        self._make = make
        self._entries: weakref.WeakKeyDictionary[keras.Model, dict[tuple, T]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()  # Streamlit runs sessions in threads: one make per model and key

    def get(self, model: keras.Model, *key: Hashable) -> T:
        with self._lock:
            entries = self._entries.setdefault(model, {})
            if key not in entries:
                entries[key] = self._make(model, *key)
            return entries[key]
