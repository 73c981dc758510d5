"""The seed's formula for one unit, written out in LaTeX with the real numbers substituted.

Long sums are abbreviated: a convolution shows its first products, a \\cdots and the last one;
C3 and C5 show one sum of products per connected input map, labelled by that map.
"""

from lenet import activations
from lenet.architecture import HIDDEN_LAYERS
from lenet.lab.unit import INPUT_OF, UnitMath

DIGITS = 3  # decimals shown in the formulas
SHOWN = 2  # products written out before the \cdots
PER_LINE = 3  # terms per line of a long sum: a line stays readable on a projector and a phone (issue 21)

# What the weighted layers read, as the seed writes it (the image is X).
INPUT_SYMBOL = {spec.name: spec.input.replace("input", "X") for spec in HIDDEN_LAYERS if spec.kind != "Subsampling2D"}


def num(value: float) -> str:
    """A number as LaTeX, e.g. 0.123 or -0.123."""
    return f"{value:.{DIGITS}f}"


def par(value: float) -> str:
    """A number, in parentheses when negative, for use inside a sum or product."""
    return f"({num(value)})" if value < 0 else num(value)


def plus(value: float) -> str:
    """'+ 0.123' or '- 0.123': a signed term appended to a sum."""
    return f"- {num(-value)}" if value < 0 else f"+ {num(value)}"


def activation_latex(name: str) -> str:
    """The definition of f for the layer's activation (falls back to naming it)."""
    return activations.latex(name, "f")


def _products(m: UnitMath) -> list[str]:
    """['(x)(w)', '(x)(w)', '\\cdots', '(x)(w)']: the terms of a single group of products."""
    window, weights = m.window.ravel(), m.weights.ravel()
    terms = [f"({num(a)})({num(b)})" for a, b in zip(window, weights)]
    if len(terms) > SHOWN + 1:
        terms = terms[:SHOWN] + [r"\cdots"] + terms[-1:]
    return terms


def _grouped(m: UnitMath, max_groups: int = 6) -> list[str]:
    """One underbraced sum of products per input map: C3 (its Table I maps) and C5 (16 maps)."""
    source, weight = INPUT_SYMBOL[m.layer], "K" if m.layer == "C3" else "W"
    out = m.unit[0]
    terms = [
        rf"\underbrace{{{par(s)}}}_{{{source}_{{{j}}} * {weight}_{{{out},{j}}}}}"
        for j, s in zip(m.input_maps, m.group_sums)
    ]
    if len(terms) > max_groups:
        terms = terms[:3] + [r"\cdots"] + terms[-1:]
    return terms


def _sum_lines(terms: list[str], per_line: int = PER_LINE) -> list[str]:
    """A sum of `terms` on lines of `per_line` terms: ['a + b + c', '+ d + e']."""
    lines = [" + ".join(terms[i : i + per_line]) for i in range(0, len(terms), per_line)]
    return [lines[0]] + ["+ " + line for line in lines[1:]]


def _definition(m: UnitMath) -> str:
    """The seed's formula for this layer, with the unit's indices."""
    if m.layer in ("S2", "S4"):
        k, r, c = m.unit
        src = INPUT_OF[m.layer]
        return (
            rf"{m.layer}_{{{k}}}({r},{c}) = f\Big(\beta_{{{k}}}\cdot\tfrac{{1}}{{4}}"
            rf"\sum_{{u,v=0}}^{{1}} {src}_{{{k}}}({2 * r}+u,\,{2 * c}+v) + b_{{{k}}}\Big)"
        )
    if m.layer == "C1":
        k, r, c = m.unit
        return (
            rf"C1_{{{k}}}({r},{c}) = f\Big(\sum_{{u,v=0}}^{{4}} X({r}+u,\,{c}+v)\,"
            rf"K_{{{k}}}(u,v) + b_{{{k}}}\Big)"
        )
    if m.layer == "C3":
        i, r, c = m.unit
        maps = ",".join(str(j) for j in m.input_maps)
        return (
            rf"C3_{{{i}}}({r},{c}) = f\Big(\sum_{{j \in \{{{maps}\}}}} \sum_{{u,v=0}}^{{4}}"
            rf" S2_{{j}}({r}+u,\,{c}+v)\,K_{{{i},j}}(u,v) + b_{{{i}}}\Big)"
        )
    n = m.unit[0]
    if m.layer == "C5":
        return (
            rf"C5_{{{n}}} = f\Big(\sum_{{j=0}}^{{15}}\sum_{{p,q=0}}^{{4}} "
            rf"W_{{{n},j}}(p,q)\,S4_{{j}}(p,q) + b_{{{n}}}\Big)"
        )
    return rf"F6_{{{n}}} = f\Big(\sum_{{j=0}}^{{119}} W_{{{n},j}}\,C5_{{j}} + b_{{{n}}}\Big)"


def _substituted(m: UnitMath) -> list[str]:
    """The same formula with the numbers in, a long sum over several lines (each after the first indented)."""
    bias = plus(m.bias)
    if m.layer in ("S2", "S4"):
        values = " + ".join(par(v) for v in m.window.ravel())
        return [rf"= f\Big({num(m.scale)}\cdot\tfrac{{1}}{{4}}({values}) {bias}\Big)"]
    lines = _sum_lines(_grouped(m) if m.layer in ("C3", "C5") else _products(m))
    lines[0], lines[-1] = rf"= f\Big({lines[0]}", rf"{lines[-1]} {bias}\Big)"
    return lines[:1] + [rf"\quad {line}" for line in lines[1:]]


def unit_latex(m: UnitMath) -> str:
    """An aligned LaTeX block: definition, numbers substituted, the sum, the activation."""
    if m.layer in ("S2", "S4"):
        inner = rf"{num(m.scale)}\cdot{par(m.total)} {plus(m.bias)}"
    else:
        inner = rf"{num(m.total)} {plus(m.bias)}"
    lines = [
        _definition(m),
        *_substituted(m),
        rf"= f({inner}) = f({num(m.pre_activation)})",
        rf"= {num(m.activation)}",
    ]
    return r"\begin{aligned}" + r" \\ &".join([lines[0].replace(" = ", " &= ", 1)] + lines[1:]) + r"\end{aligned}"
