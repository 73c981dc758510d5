"""What the app says about each layer: a title, one or two sentences and the formula (from the seed); and the
plain words it writes beside a technical word where a tab first uses it. Every size these sentences say is read
from the one table of layers (lenet.architecture), as are the Lesson's (ui/lab_lesson.py)."""

import math
from typing import NamedTuple

from lenet.architecture import INPUT_SHAPE, NUM_CLASSES, SPECS
from lenet.glance import UNIT_GRIDS
from lenet.paper import RBF_BITMAPS
from ui.i18n import N_, _

# A technical word (lower case) -> the few plain words written beside it where a tab first says it (issue 21).
# English, marked for extraction: explained() and plain_words() show them in the session's language.
JARGON = {
    N_("softmax"): N_("it turns scores into probabilities that add up to 1"),
    N_("logit"): N_("the score before it becomes a probability"),
    N_("gradient × input"): N_("each pixel's push on the score"),
    N_("receptive field"): N_("the input pixels this unit looks at"),
    N_("bias"): N_("a number of its own, learned like the weights"),
    N_("fully connected"): N_("every unit reads every number of the layer before"),
    N_("variance"): N_("how widely the numbers spread around their mean"),
    N_("trainable parameters"): N_("the numbers training adjusts"),
}


def plain_words(term: str) -> str:
    """The plain words for a technical word, in the session's language."""
    return _(JARGON[term.lower()])


def explained(term: str) -> str:
    """'term (its plain words)', e.g. 'logit (the score before it becomes a probability)', in the session's
    language; 'Receptive field' (capital) starts with a capital in every language."""
    word = _(term.lower())
    if term[:1].isupper():
        word = word[:1].upper() + word[1:]
    return f"{word} ({plain_words(term)})"


def by(*sides: int) -> str:
    """Sides as the app writes a size: by(5, 5) is '5×5', by(16, 5, 5) '16×5×5'."""
    return "×".join(str(side) for side in sides)


def window(name: str) -> str:
    """A layer's kernel or pooling window, '5×5'."""
    return by(SPECS[name].window, SPECS[name].window)


INPUT = by(*INPUT_SHAPE[:2])  # "32×32"
BITMAP = by(*RBF_BITMAPS.shape[:0:-1])  # "7×12": an RBF centre's columns × rows, as the paper says it
S4_VALUES = math.prod(SPECS["S4"].output_shape)  # what one C5 unit reads: 16×5×5 = 400 numbers
F6_ROWS, F6_COLUMNS = UNIT_GRIDS["F6"]  # how the app draws F6's units

# The numbers the layer texts say, all from the one table of layers: their templates name them ({c1_maps} ...),
# so a translation keeps the numbers and moves them where its grammar puts them.
FACTS = {
    "input": INPUT,
    "bitmap": BITMAP,
    "s4_values": S4_VALUES,
    "f6_rows": F6_ROWS,
    "f6_columns": F6_COLUMNS,
    "classes": NUM_CLASSES,
    "s4_volume": by(SPECS["S4"].maps, *SPECS["S4"].output_shape[:2]),
    **{f"{name.lower()}_maps": SPECS[name].maps for name in ("C1", "S2", "C3", "S4", "C5", "F6")},
    **{f"{name.lower()}_size": SPECS[name].size for name in ("C1", "S2", "C3", "S4")},
    **{f"{name.lower()}_window": window(name) for name in ("C1", "S2", "C3", "S4")},
}


class LayerText(NamedTuple):
    title: str  # English templates of FACTS' fields: shown() gives them in the session's language
    sentence: str
    latex: str

    def shown(self) -> "LayerText":
        """The title and sentence translated, their numbers filled in."""
        words = {"softmax": explained("softmax"), "fully_connected": plain_words("fully connected")}
        return LayerText(_(self.title).format(**FACTS), _(self.sentence).format(**FACTS, **words), self.latex)


LAYERS = {
    "C1": LayerText(
        N_("convolution · {c1_maps} maps of {c1_size}"),
        N_(
            "{c1_maps} filters, each {c1_window}, slide over the {input} input. Each map lights up where "
            "its filter's pattern (an edge, a stroke end, a slant) appears."
        ),
        r"C1_i = \sigma\Big(\sum_{k=0}^{4}\sum_{l=0}^{4} X_{m+k,\,n+l}\,K_{i,k,l} + b_i\Big)",
    ),
    "S2": LayerText(
        N_("subsampling · {s2_maps} maps of {s2_size}"),
        N_(
            "Each C1 map is averaged over {s2_window} blocks, then scaled and shifted by its own two numbers. "
            "Half the size: exact positions matter less."
        ),
        r"S2_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C1_i) + b_i\big)",
    ),
    "C3": LayerText(
        N_("convolution · {c3_maps} maps of {c3_size}"),
        N_(
            "Each C3 map combines a few S2 maps (Table I of the paper) with {c3_window} filters, so it can "
            "detect combinations of the simple features below it."
        ),
        r"C3_i = \sigma\Big(\sum_{j \in M_i} S2_j * K_{ij} + b_i\Big)",
    ),
    "S4": LayerText(
        N_("subsampling · {s4_maps} maps of {s4_size}"),
        N_(
            "The same {s4_window} averaging as S2, now on the {c3_maps} C3 maps: a coarse {s4_size} "
            "summary of where each combined feature is."
        ),
        r"S4_i = \sigma\big(\beta_i \cdot \mathrm{avgpool}(C3_i) + b_i\big)",
    ),
    "C5": LayerText(
        N_("{c5_maps} units"),
        N_(
            "Every C5 unit looks at all {s4_volume} = {s4_values} numbers "
            "of S4 at once: the first layer that sees the whole digit."
        ),
        r"C5_i = \sigma\Big(\sum_{j=1}^{16}\sum_{m=1}^{5}\sum_{n=1}^{5} W_{i,j,m,n}\, S4_{j,m,n} + b_i\Big)",
    ),
    "F6": LayerText(
        N_("{f6_maps} units, drawn as {f6_rows} rows × {f6_columns}"),
        N_(
            "{f6_maps} units, fully connected to C5 ({fully_connected}). In the paper, these "
            "{f6_maps} numbers are compared with a {bitmap} picture of each digit."
        ),
        r"F6_i = \sigma\Big(\sum_{j=1}^{120} W_{ij}\, C5_j + b_i\Big)",
    ),
    "OUTPUT": LayerText(
        N_("{classes} scores, one per digit"),
        N_(
            "A fully connected layer turns F6 into {classes} scores, and a {softmax} makes them one probability "
            "per digit; the largest wins."
        ),
        r"\begin{gathered}y_i = \mathrm{softmax}\Big(\sum_{j=1}^{84} W_{ij}\, F6_j + b_i\Big) \\[0.4em] "
        r"\mathrm{softmax}(z_i) = \frac{e^{z_i}}{\sum_{k} e^{z_k}}\end{gathered}",
    ),
}

RBF_OUTPUT = LayerText(
    N_("{classes} RBF units (Gaussian connections)"),
    N_("Each output unit measures how far F6 is from its digit's {bitmap} bitmap: the SMALLEST penalty wins."),
    r"y_i = \sum_{j=1}^{84} \big(F6_j - w_{ij}\big)^2",
)
