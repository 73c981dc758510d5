"""LeNet-5's custom layers: trainable subsampling (S2, S4), sparse convolution (C3), RBF output.

Importing this package registers everything a saved LeNet-5 refers to with Keras' saving (Keras'
own convention): the three layers, the `scaled_tanh` activation and the training criteria of
`lenet.losses`. So `import lenet.layers`, then `keras.saving.load_model(path)`, reads any model this
package saved; `lenet.load_model` does this for you.
"""

from lenet import activations, losses  # noqa: F401  (losses: registered by its import)
from lenet.layers.rbf_output import RBFOutput
from lenet.layers.sparse_conv2d import SparseConv2D
from lenet.layers.subsampling import Subsampling2D

activations.register()

__all__ = ["RBFOutput", "SparseConv2D", "Subsampling2D"]
