"""What the app says about each layer: a title, one or two sentences and the formula (from the seed); and the
plain words it writes beside a technical word where a tab first uses it."""

from typing import NamedTuple

from lenet.architecture import SPECS

# A technical word (lower case) -> the few plain words written beside it where a tab first says it (issue 21)
JARGON = {
    "softmax": "it turns scores into probabilities that add up to 1",
    "logit": "the score before it becomes a probability",
    "gradient × input": "each pixel's push on the score",
    "receptive field": "the input pixels this unit looks at",
}


def explained(term: str) -> str:
    """'term (its plain words)', e.g. 'logit (the score before it becomes a probability)'."""
    return f"{term} ({JARGON[term.lower()]})"


def _maps(name: str) -> str:
    """'6 maps of 28×28': a layer's output from the one table (lenet.architecture)."""
    return f"{SPECS[name].maps} maps of {SPECS[name].size}"


class LayerText(NamedTuple):
    title: str
    sentence: str
    latex: str


LAYERS = {
    "C1": LayerText(
        "convolution · " + _maps("C1"),
        "Six 5×5 filters slide over the 32×32 input. Each map lights up where its filter's pattern "
        "(an edge, a stroke end, a slant) appears.",
        r"C1_i = \sigma\Big(\sum_{k=0}^{4}\sum_{l=0}^{4} X_{m+k,\,n+l}\,K_{i,k,l} + b_i\Big)",
    ),
    "S2": LayerText(
        "subsampling · " + _maps("S2"),
        "Each C1 map is averaged over 2×2 blocks, then scaled and shifted by its own two numbers. "
        "Half the size: exact positions matter less.",
        r"S2_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C1_i) + b_i\big)",
    ),
    "C3": LayerText(
        "convolution · " + _maps("C3"),
        "Each C3 map combines a few S2 maps (Table I of the paper) with 5×5 filters, so it can "
        "detect combinations of the simple features below it.",
        r"C3_i = \sigma\Big(\sum_{j \in M_i} S2_j * K_{ij} + b_i\Big)",
    ),
    "S4": LayerText(
        "subsampling · " + _maps("S4"),
        "The same 2×2 averaging as S2, now on the 16 C3 maps: a coarse 5×5 summary of where each combined feature is.",
        r"S4_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C3_i) + b_i\big)",
    ),
    "C5": LayerText(
        f"{SPECS['C5'].maps} units",
        "Every C5 unit looks at all 16×5×5 = 400 numbers of S4 at once: the first layer that sees the whole digit.",
        r"C5_i = \sigma\Big(\sum_{j=1}^{16}\sum_{m=1}^{5}\sum_{n=1}^{5} W_{i,j,m,n}\, S4_{j,m,n} + b_i\Big)",
    ),
    "F6": LayerText(
        f"{SPECS['F6'].maps} units, drawn as 12 rows × 7",
        "84 units fully connected to C5. In the paper, these 84 numbers are compared with a 7×12 "
        "picture of each digit.",
        r"F6_i = \sigma\Big(\sum_{j=1}^{120} W_{ij}\, C5_j + b_i\Big)",
    ),
    "OUTPUT": LayerText(
        "10 scores, one per digit",
        "A fully connected layer turns F6 into ten scores, and a "
        + explained("softmax")
        + " makes them one probability per digit; the largest wins.",
        r"\begin{gathered}y_i = \mathrm{softmax}\Big(\sum_{j=1}^{84} W_{ij}\, F6_j + b_i\Big) \\[0.4em] "
        r"\mathrm{softmax}(z_i) = \frac{e^{z_i}}{\sum_{k} e^{z_k}}\end{gathered}",
    ),
}

RBF_OUTPUT = LayerText(
    "10 RBF units (Gaussian connections)",
    "Each output unit measures how far F6 is from its digit's 7×12 bitmap: the SMALLEST penalty wins.",
    r"y_i = \sum_{j=1}^{84} \big(F6_j - w_{ij}\big)^2",
)
