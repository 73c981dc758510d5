"""The "Lesson" lab: a short guided tour of LeNet-5's maths, its parameter counts, and where it comes from."""

import math

import streamlit as st

from lenet.activations import ACTIVATIONS
from lenet.architecture import C3_KERNELS, INPUT_SHAPE, NUM_CLASSES, SPECS, layer_specs, parameter_table, spec
from lenet.paper import INPUT_BACKGROUND, INPUT_FOREGROUND, TANH_A
from lenet.preprocess import FIELD, PAD
from ui.charts import intro
from ui.context import Context
from ui.texts import BITMAP, INPUT, JARGON, S4_VALUES, by, explained, window

C1, S2, C3, S4, C5, F6 = (SPECS[name] for name in ("C1", "S2", "C3", "S4", "C5", "F6"))
KERNEL_WEIGHTS = C1.window**2  # one C1 kernel's weights: 25
MINUS_BACKGROUND = f"{INPUT_BACKGROUND:g}".replace("-", "−")  # -0.1 with a typeset minus sign

STEPS = [
    (
        "1 · The input",
        (
            f"A {INPUT} grey picture: the {by(FIELD, FIELD)} MNIST digit with a {PAD}-pixel border, so strokes at "
            f"the edge still reach the centre of C1's kernels. Background {MINUS_BACKGROUND}, ink "
            f"{INPUT_FOREGROUND:g}: their mean (average) is about 0 and their {explained('variance')} about 1."
        ),
        r"X \in \mathbb{R}^{1 \times 32 \times 32}",
    ),
    (
        "2 · Convolution (C1)",
        (
            f"A {window('C1')} kernel slides over the image; at each place, multiply the {KERNEL_WEIGHTS} pixels by "
            f"the {KERNEL_WEIGHTS} weights, add them up, add a bias, squash. The **same** kernel is used everywhere "
            f"(shared weights), so a stroke is found wherever it is. {C1.maps} kernels give {C1.maps} maps of "
            f"{C1.size}."
        ),
        (
            r"\begin{gathered}(X * K)_{m,n} = \sum_{k=0}^{4}\sum_{l=0}^{4} X_{m+k,\,n+l}\,K_{k,l} \\[0.4em] "
            r"C1_i = \sigma\big(X * K_i + b_i\big)\end{gathered}"
        ),
    ),
    (
        "3 · Subsampling (S2)",
        (
            f"Average each {window('S2')} block, multiply by a trainable β, add a bias, squash. The maps "
            f"halve to {S2.size}, and the exact position of a feature matters less: a small shift barely changes S2."
        ),
        r"S2_i = \sigma\Big(\beta_i\cdot\tfrac14\sum_{k,l\in\{0,1\}} C1_i(2m+k,\,2n+l) + b_i\Big)",
    ),
    (
        "4 · Sparse convolution (C3)",
        (
            f"{C3.maps} maps of {C3.size}, each reading only some S2 maps (Table I): {C3_KERNELS} kernels "
            f"instead of {C3.maps * S2.maps}. Fewer parameters, and different maps are forced to learn different "
            "features."
        ),
        r"C3_i = \sigma\Big(\sum_{j \in M_i} S2_j * K_{ij} + b_i\Big)",
    ),
    (
        "5 · Subsampling again (S4)",
        (
            f"The same {window('S4')} averaging: {S4.maps} maps of {S4.size}, a coarse summary of where each "
            "combined feature is."
        ),
        r"S4_i = \sigma\big(\beta_i\cdot\mathrm{avgpool}(C3_i) + b_i\big)",
    ),
    (
        "6 · C5 and F6",
        (
            f"C5 has {C5.maps} units, each looking at all {by(S4.maps, *S4.output_shape[:2])} = {S4_VALUES} numbers "
            f"of S4 (a {window('C5')} convolution over a {S4.size} input: the first layer that sees the whole "
            f"digit). F6 has {F6.maps} units, fully connected to C5 ({JARGON['fully connected']})."
        ),
        (
            r"\begin{gathered}C5_i = \sigma\Big(\sum_{j,m,n} W_{i,j,m,n}\,S4_{j,m,n} + b_i\Big) \\[0.4em] "
            r"F6_i = \sigma\Big(\sum_{j=1}^{120} W_{ij}\,C5_j + b_i\Big)\end{gathered}"
        ),
    ),
    (
        "7 · The output: the modern one, or the paper's RBF",
        (
            "Modern LeNets end in a dense layer and a "
            + explained("softmax")
            + f". The 1998 paper instead compares F6 with a fixed {BITMAP} bitmap of each "
            "digit (Euclidean RBF units): the **smallest** distance wins. This app turns penalties into "
            "probabilities with a softmax of −penalty."
        ),
        (
            r"\begin{gathered}\mathrm{softmax}(z_i) = \frac{e^{z_i}}{\sum_{k=0}^{9} e^{z_k}} \\[0.4em] "
            r"\text{vs. the paper's RBF: } y_i = \sum_{j=1}^{84}\big(F6_j - w_{ij}\big)^2\end{gathered}"
        ),
    ),
]
SIGMOID = ACTIVATIONS["sigmoid"].formula
SQUASH = rf"\sigma(a) = A\tanh(S a),\quad A = {TANH_A},\ S = \tfrac{{2}}{{3}}"
SQUASH_NOTE = (
    rf"This is the paper's squashing function; many textbooks use the sigmoid $\sigma(a) = {SIGMOID}$ instead."
)
RBF_WEIGHTS = spec("OUTPUT", "rbf").params  # 10 bitmaps of 84 pixels
RBF_NOTE = {
    True: f"This model's RBF output has {RBF_WEIGHTS} more weights, the digit bitmaps, fixed and not learned.",
    False: f"The classic model's RBF output instead has {RBF_WEIGHTS} fixed bitmap weights and no trainable ones.",
}
EXPECTED_PARAMS = {spec.name: spec.params for spec in layer_specs("softmax")}  # the one table's counts
ABOUT = """
**References**

- Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to document recognition",
  *Proceedings of the IEEE*, 86(11):2278–2324, November 1998. (LeNet-5: Section II; Table I; Fig. 2 and 3.)
- Y. LeCun, C. Cortes and C. J. C. Burges, *The MNIST database of handwritten digits*: 60,000 training and
  10,000 test images of 28×28 pixels, digits size-normalised to 20×20 and centred by centre of mass.

This classroom demo re-implements LeNet-5 in Keras 3: trainable subsampling (S2, S4), Table I's sparse C3
and the RBF output of the paper, next to the modern softmax variant described in the lesson notes.
"""
HEADING = "A guided tour of LeNet-5"
INTRO = (
    f"{len(layer_specs())} layers turn {math.prod(INPUT_SHAPE):,} pixels into one of {NUM_CLASSES} digits. Every "
    f"layer computes a **sum of products, plus a {explained('bias')}**, then **squashes** it with σ:"
)


def render(ctx: Context) -> None:
    intro(HEADING, INTRO)
    st.latex(SQUASH)
    st.markdown(SQUASH_NOTE)
    for title, text, formula in STEPS:
        st.subheader(title, divider="gray")
        st.markdown(text)
        st.latex(formula)
    _parameters(ctx)
    st.subheader("About", divider="gray")
    st.markdown(ABOUT)


def _parameters(ctx: Context) -> None:
    st.subheader("8 · Where the parameters are", divider="gray")
    rows = parameter_table(ctx.network.output, ctx.network.frozen)
    table = {
        "layer": [r["layer"] for r in rows],
        "output shape": [" × ".join(str(d) for d in r["output_shape"]) for r in rows],
        "trainable (this model)": [r["trainable"] for r in rows],
        "fixed (this model)": [r["non_trainable"] for r in rows],
        "expected (softmax output)": [EXPECTED_PARAMS[r["layer"]] for r in rows],
    }
    st.dataframe(table, hide_index=True)
    total = sum(r["trainable"] for r in rows)
    c5 = next(r["trainable"] for r in rows if r["layer"] == "C5")
    st.markdown(
        f"**{total:,} trainable parameters** ({JARGON['trainable parameters']}) in this model, about 60,000 as in "
        "the paper: "
        f"**{c5 / total:.0%}** of them sit in C5, although the convolutions do most of the *computing* "
        "(every weight is used at many positions). " + RBF_NOTE[ctx.network.rbf]
    )
