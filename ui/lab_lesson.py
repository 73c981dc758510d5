"""The "Lesson" lab: a short guided tour of LeNet-5's maths, its parameter counts, and where it comes from."""

import math

import streamlit as st

from lenet.activations import ACTIVATIONS
from lenet.architecture import C3_KERNELS, INPUT_SHAPE, NUM_CLASSES, SPECS, layer_specs, parameter_table, spec
from lenet.paper import INPUT_BACKGROUND, INPUT_FOREGROUND, TANH_A
from lenet.preprocess import FIELD, PAD
from ui.charts import intro
from ui.context import Context
from ui.i18n import N_, _, group, percent
from ui.texts import BITMAP, INPUT, S4_VALUES, by, explained, plain_words, window

C1, S2, C3, S4, C5, F6 = (SPECS[name] for name in ("C1", "S2", "C3", "S4", "C5", "F6"))
KERNEL_WEIGHTS = C1.window**2  # one C1 kernel's weights: 25
MINUS_BACKGROUND = f"{INPUT_BACKGROUND:g}".replace("-", "−")  # -0.1 with a typeset minus sign

# The numbers the steps say, from the one table of layers: the templates below name them, so a translation
# keeps every number and puts it where its grammar wants it.
FACTS = {
    "input": INPUT,
    "field": by(FIELD, FIELD),
    "pad": PAD,
    "background": MINUS_BACKGROUND,
    "ink": f"{INPUT_FOREGROUND:g}",
    "c1_window": window("C1"),
    "kernel_weights": KERNEL_WEIGHTS,
    "c1_maps": C1.maps,
    "c1_size": C1.size,
    "s2_window": window("S2"),
    "s2_size": S2.size,
    "c3_maps": C3.maps,
    "c3_size": C3.size,
    "c3_kernels": C3_KERNELS,
    "c3_full": C3.maps * S2.maps,
    "s4_window": window("S4"),
    "s4_maps": S4.maps,
    "s4_size": S4.size,
    "c5_maps": C5.maps,
    "s4_volume": by(S4.maps, *S4.output_shape[:2]),
    "s4_values": S4_VALUES,
    "c5_window": window("C5"),
    "f6_maps": F6.maps,
    "bitmap": BITMAP,
}

STEPS = [
    (
        N_("1 · The input"),
        N_(
            "A {input} grey picture: the {field} MNIST digit with a {pad}-pixel border, so strokes at "
            "the edge still reach the centre of C1's kernels. Background {background}, ink "
            "{ink}: their mean (average) is about 0 and their {variance} about 1."
        ),
        r"X \in \mathbb{R}^{1 \times 32 \times 32}",
    ),
    (
        N_("2 · Convolution (C1)"),
        N_(
            "A {c1_window} kernel slides over the image; at each place, multiply the {kernel_weights} pixels by "
            "the {kernel_weights} weights, add them up, add a bias, squash. The **same** kernel is used everywhere "
            "(shared weights), so a stroke is found wherever it is. {c1_maps} kernels give {c1_maps} maps of "
            "{c1_size}."
        ),
        (
            r"\begin{gathered}(X * K)_{m,n} = \sum_{k=0}^{4}\sum_{l=0}^{4} X_{m+k,\,n+l}\,K_{k,l} \\[0.4em] "
            r"C1_i = \sigma\big(X * K_i + b_i\big)\end{gathered}"
        ),
    ),
    (
        N_("3 · Subsampling (S2)"),
        N_(
            "Average each {s2_window} block, multiply by a trainable β, add a bias, squash. The maps "
            "halve to {s2_size}, and the exact position of a feature matters less: a small shift barely changes S2."
        ),
        r"S2_i = \sigma\Big(\beta_i\cdot\tfrac14\sum_{k,l\in\{0,1\}} C1_i(2m+k,\,2n+l) + b_i\Big)",
    ),
    (
        N_("4 · Sparse convolution (C3)"),
        N_(
            "{c3_maps} maps of {c3_size}, each reading only some S2 maps (Table I): {c3_kernels} kernels "
            "instead of {c3_full}. Fewer parameters, and different maps are forced to learn different "
            "features."
        ),
        r"C3_i = \sigma\Big(\sum_{j \in M_i} S2_j * K_{ij} + b_i\Big)",
    ),
    (
        N_("5 · Subsampling again (S4)"),
        N_(
            "The same {s4_window} averaging: {s4_maps} maps of {s4_size}, a coarse summary of where each "
            "combined feature is."
        ),
        r"S4_i = \sigma\big(\beta_i\cdot\mathrm{avgpool}(C3_i) + b_i\big)",
    ),
    (
        N_("6 · C5 and F6"),
        N_(
            "C5 has {c5_maps} units, each looking at all {s4_volume} = {s4_values} numbers "
            "of S4 (a {c5_window} convolution over a {s4_size} input: the first layer that sees the whole "
            "digit). F6 has {f6_maps} units, fully connected to C5 ({fully_connected})."
        ),
        (
            r"\begin{gathered}C5_i = \sigma\Big(\sum_{j,m,n} W_{i,j,m,n}\,S4_{j,m,n} + b_i\Big) \\[0.4em] "
            r"F6_i = \sigma\Big(\sum_{j=1}^{120} W_{ij}\,C5_j + b_i\Big)\end{gathered}"
        ),
    ),
    (
        N_("7 · The output: the modern one, or the paper's RBF"),
        N_(
            "Modern LeNets end in a dense layer and a {softmax}. The 1998 paper instead compares F6 with a fixed "
            "{bitmap} bitmap of each "
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
SQUASH_NOTE = N_(
    r"This is the paper's squashing function; many textbooks use the sigmoid $\sigma(a) = {sigmoid}$ instead."
)
RBF_WEIGHTS = spec("OUTPUT", "rbf").params  # 10 bitmaps of 84 pixels
RBF_NOTE = {
    True: N_("This model's RBF output has {weights} more weights, the digit bitmaps, fixed and not learned."),
    False: N_("The classic model's RBF output instead has {weights} fixed bitmap weights and no trainable ones."),
}
EXPECTED_PARAMS = {spec.name: spec.params for spec in layer_specs("softmax")}  # the one table's counts
ABOUT = N_("""
**References**

- Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to document recognition",
  *Proceedings of the IEEE*, 86(11):2278–2324, November 1998. (LeNet-5: Section II; Table I; Fig. 2 and 3.)
- Y. LeCun, C. Cortes and C. J. C. Burges, *The MNIST database of handwritten digits*: 60,000 training and
  10,000 test images of 28×28 pixels, digits size-normalised to 20×20 and centred by centre of mass.

This classroom demo re-implements LeNet-5 in Keras 3: trainable subsampling (S2, S4), Table I's sparse C3
and the RBF output of the paper, next to the modern softmax variant described in the lesson notes.
""")
HEADING = N_("A guided tour of LeNet-5")
INTRO = N_(
    "{layers} layers turn {pixels} pixels into one of {classes} digits. Every "
    "layer computes a **sum of products, plus a {bias}**, then **squashes** it with σ:"
)


def render(ctx: Context) -> None:
    pixels = group(math.prod(INPUT_SHAPE))
    intro(HEADING, INTRO, layers=len(layer_specs()), pixels=pixels, classes=NUM_CLASSES, bias=explained("bias"))
    st.latex(SQUASH)
    st.markdown(_(SQUASH_NOTE).format(sigmoid=SIGMOID))
    words = {
        "variance": explained("variance"),
        "fully_connected": plain_words("fully connected"),
        "softmax": explained("softmax"),
    }
    for title, text, formula in STEPS:
        st.subheader(_(title), divider="gray")
        st.markdown(_(text).format(**FACTS, **words))
        st.latex(formula)
    _parameters(ctx)
    st.subheader(_("About"), divider="gray")
    st.markdown(_(ABOUT))


def _parameters(ctx: Context) -> None:
    st.subheader(_("8 · Where the parameters are"), divider="gray")
    rows = parameter_table(ctx.network.output, ctx.network.frozen)
    table = {
        _("layer"): [r["layer"] for r in rows],
        _("output shape"): [" × ".join(str(d) for d in r["output_shape"]) for r in rows],
        _("trainable (this model)"): [r["trainable"] for r in rows],
        _("fixed (this model)"): [r["non_trainable"] for r in rows],
        _("expected (softmax output)"): [EXPECTED_PARAMS[r["layer"]] for r in rows],
    }
    st.dataframe(table, hide_index=True)
    total = sum(r["trainable"] for r in rows)
    c5 = next(r["trainable"] for r in rows if r["layer"] == "C5")
    st.markdown(
        _(
            "**{total} trainable parameters** ({plain}) in this model, about 60,000 as in the paper: "
            "**{c5_share}** of them sit in C5, although the convolutions do most of the *computing* "
            "(every weight is used at many positions)."
        ).format(total=group(total), plain=plain_words("trainable parameters"), c5_share=percent(c5 / total))
        + " "
        + _(RBF_NOTE[ctx.network.rbf]).format(weights=RBF_WEIGHTS)
    )
