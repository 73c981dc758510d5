"""What the app says about each layer: a title, one or two sentences and the formula (from the seed); and the
plain words it writes beside a technical word where a tab first uses it. Every size these sentences say is read
from the one table of layers (lenet.architecture), as are the Lesson's (ui/lab_lesson.py)."""

import math
from typing import NamedTuple

from lenet.architecture import INPUT_SHAPE, NUM_CLASSES, SPECS
from lenet.glance import UNIT_GRIDS
from lenet.paper import RBF_BITMAPS

# A technical word (lower case) -> the few plain words written beside it where a tab first says it (issue 21)
JARGON = {
    "softmax": "it turns scores into probabilities that add up to 1",
    "logit": "the score before it becomes a probability",
    "gradient × input": "each pixel's push on the score",
    "receptive field": "the input pixels this unit looks at",
    "bias": "a number of its own, learned like the weights",
    "fully connected": "every unit reads every number of the layer before",
    "variance": "how widely the numbers spread around their mean",
    "trainable parameters": "the numbers training adjusts",
}


def explained(term: str) -> str:
    """'term (its plain words)', e.g. 'logit (the score before it becomes a probability)'."""
    return f"{term} ({JARGON[term.lower()]})"


def by(*sides: int) -> str:
    """Sides as the app writes a size: by(5, 5) is '5×5', by(16, 5, 5) '16×5×5'."""
    return "×".join(str(side) for side in sides)


def window(name: str) -> str:
    """A layer's kernel or pooling window, '5×5'."""
    return by(SPECS[name].window, SPECS[name].window)


def _maps(name: str) -> str:
    """'6 maps of 28×28': a layer's output from the one table (lenet.architecture)."""
    return f"{SPECS[name].maps} maps of {SPECS[name].size}"


INPUT = by(*INPUT_SHAPE[:2])  # "32×32"
BITMAP = by(*RBF_BITMAPS.shape[:0:-1])  # "7×12": an RBF centre's columns × rows, as the paper says it
S4_VALUES = math.prod(SPECS["S4"].output_shape)  # what one C5 unit reads: 16×5×5 = 400 numbers
F6_ROWS, F6_COLUMNS = UNIT_GRIDS["F6"]  # how the app draws F6's units


class LayerText(NamedTuple):
    title: str
    sentence: str
    latex: str


LAYERS = {
    "C1": LayerText(
        "convolution · " + _maps("C1"),
        f"{SPECS['C1'].maps} filters, each {window('C1')}, slide over the {INPUT} input. Each map lights up where "
        "its filter's pattern (an edge, a stroke end, a slant) appears.",
        r"C1_i = \sigma\Big(\sum_{k=0}^{4}\sum_{l=0}^{4} X_{m+k,\,n+l}\,K_{i,k,l} + b_i\Big)",
    ),
    "S2": LayerText(
        "subsampling · " + _maps("S2"),
        f"Each C1 map is averaged over {window('S2')} blocks, then scaled and shifted by its own two numbers. "
        "Half the size: exact positions matter less.",
        r"S2_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C1_i) + b_i\big)",
    ),
    "C3": LayerText(
        "convolution · " + _maps("C3"),
        f"Each C3 map combines a few S2 maps (Table I of the paper) with {window('C3')} filters, so it can "
        "detect combinations of the simple features below it.",
        r"C3_i = \sigma\Big(\sum_{j \in M_i} S2_j * K_{ij} + b_i\Big)",
    ),
    "S4": LayerText(
        "subsampling · " + _maps("S4"),
        f"The same {window('S4')} averaging as S2, now on the {SPECS['C3'].maps} C3 maps: a coarse {SPECS['S4'].size} "
        "summary of where each combined feature is.",
        r"S4_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C3_i) + b_i\big)",
    ),
    "C5": LayerText(
        f"{SPECS['C5'].maps} units",
        f"Every C5 unit looks at all {by(SPECS['S4'].maps, *SPECS['S4'].output_shape[:2])} = {S4_VALUES} numbers "
        "of S4 at once: the first layer that sees the whole digit.",
        r"C5_i = \sigma\Big(\sum_{j=1}^{16}\sum_{m=1}^{5}\sum_{n=1}^{5} W_{i,j,m,n}\, S4_{j,m,n} + b_i\Big)",
    ),
    "F6": LayerText(
        f"{SPECS['F6'].maps} units, drawn as {F6_ROWS} rows × {F6_COLUMNS}",
        f"{SPECS['F6'].maps} units, fully connected to C5 ({JARGON['fully connected']}). In the paper, these "
        f"{SPECS['F6'].maps} numbers are compared with a {BITMAP} picture of each digit.",
        r"F6_i = \sigma\Big(\sum_{j=1}^{120} W_{ij}\, C5_j + b_i\Big)",
    ),
    "OUTPUT": LayerText(
        f"{NUM_CLASSES} scores, one per digit",
        f"A fully connected layer turns F6 into {NUM_CLASSES} scores, and a "
        + explained("softmax")
        + " makes them one probability per digit; the largest wins.",
        r"\begin{gathered}y_i = \mathrm{softmax}\Big(\sum_{j=1}^{84} W_{ij}\, F6_j + b_i\Big) \\[0.4em] "
        r"\mathrm{softmax}(z_i) = \frac{e^{z_i}}{\sum_{k} e^{z_k}}\end{gathered}",
    ),
}

RBF_OUTPUT = LayerText(
    f"{NUM_CLASSES} RBF units (Gaussian connections)",
    f"Each output unit measures how far F6 is from its digit's {BITMAP} bitmap: the SMALLEST penalty wins.",
    r"y_i = \sum_{j=1}^{84} \big(F6_j - w_{ij}\big)^2",
)
