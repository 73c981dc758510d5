"""What every tab needs to draw itself: the network, the current digit and its forward pass."""

from dataclasses import dataclass

import lenet
from lenet.engine import Engine
from ui.digit_source import Source


@dataclass(frozen=True)
class Context:
    """The current digit and what LeNet-5 made of it; `prep` and `result` are None without a digit."""

    network: Engine  # the NumPy engine: every tab computes without TensorFlow
    model_key: str  # the model selector's label, e.g. "Default (softmax)"
    prep: lenet.Preprocessed | None  # every preprocessing stage of the current digit
    result: lenet.Forward | None  # one forward pass of prep.x
    source: Source  # where the digit comes from: drawn, the gallery, uploaded, opened on the class wall

    @property
    def ready(self) -> bool:
        """True when there is a digit and a prediction to show."""
        return self.prep is not None and self.result is not None

    @property
    def digit(self) -> lenet.Preprocessed:
        """`prep`, where there is a digit: app.py renders a tab that needs one only then (else its hint)."""
        if self.prep is None:
            raise LookupError("no digit: a tab that needs one runs only with one (app.py)")
        return self.prep

    @property
    def answer(self) -> lenet.Forward:
        """`result`, the forward pass of the digit, where there is one (as `digit`)."""
        if self.result is None:
            raise LookupError("no forward pass: a tab that needs a digit runs only with one (app.py)")
        return self.result
