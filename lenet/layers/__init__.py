"""LeNet-5's custom layers: trainable subsampling (S2, S4), sparse convolution (C3), RBF output."""

from lenet.layers.rbf_output import RBFOutput
from lenet.layers.sparse_conv2d import SparseConv2D
from lenet.layers.subsampling import Subsampling2D

__all__ = ["RBFOutput", "SparseConv2D", "Subsampling2D"]
