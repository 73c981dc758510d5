"""Data taken from LeCun, Bottou, Bengio & Haffner (1998), "Gradient-based learning applied to
document recognition", Proc. IEEE 86(11). Named constants, not logic."""

import numpy as np

LAYER_NAMES = ("C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT")

# Table I: which S2 feature maps (columns 0-5) each C3 feature map (0-15) reads.
# Rows grouped as in the paper (6 of three maps, 6 of four neighbours, 3 of four others, 1 of all): no reformatting.
# fmt: off
C3_CONNECTIONS = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)
# fmt: on

# Section II-A: scaled hyperbolic tangent f(a) = A tanh(S a).
TANH_A = 1.7159
TANH_S = 2.0 / 3.0

# Section II-A: input pixels are scaled so the background is -0.1 and the ink 1.175,
# which makes the mean input roughly 0 and the variance roughly 1.
INPUT_BACKGROUND = -0.1
INPUT_FOREGROUND = 1.175

# Fig. 3: the stylised 7x12 bitmaps that are the fixed centres of the RBF output units.
# '#' is +1 and '.' is -1. Drawn after the figure (12 rows of 7 pixels).
# fmt: off
_DIGIT_BITMAPS = (
    ("..###..", ".#...#.", "#.....#", "#.....#", "#.....#", "#.....#",
     "#.....#", "#.....#", "#.....#", ".#...#.", "..###..", "......."),
    ("...#...", "..##...", ".#.#...", "...#...", "...#...", "...#...",
     "...#...", "...#...", "...#...", "...#...", ".#####.", "......."),
    (".####..", "#....#.", "......#", "......#", ".....#.", "....#..",
     "...#...", "..#....", ".#.....", "#......", "#######", "......."),
    (".#####.", "#.....#", "......#", "......#", "....##.", "..###..",
     "....##.", "......#", "......#", "#.....#", ".#####.", "......."),
    ("....##.", "...#.#.", "..#..#.", ".#...#.", "#....#.", "#....#.",
     "#######", ".....#.", ".....#.", ".....#.", ".....#.", "......."),
    ("#######", "#......", "#......", "#......", "#####..", ".....#.",
     "......#", "......#", "......#", "#....#.", ".####..", "......."),
    ("...###.", "..#....", ".#.....", "#......", "#.###..", "##...#.",
     "#.....#", "#.....#", "#.....#", ".#...#.", "..###..", "......."),
    ("#######", "......#", ".....#.", ".....#.", "....#..", "....#..",
     "...#...", "...#...", "..#....", "..#....", "..#....", "......."),
    ("..###..", ".#...#.", "#.....#", ".#...#.", "..###..", ".#...#.",
     "#.....#", "#.....#", "#.....#", ".#...#.", "..###..", "......."),
    ("..###..", ".#...#.", "#.....#", "#.....#", ".#...##", "..###.#",
     "......#", ".....#.", "....#..", "...#...", ".##....", "......."),
)
# fmt: on

# (10, 12, 7) in {-1, +1}: RBF_BITMAPS[digit] is the ideal F6 pattern for that digit.
RBF_BITMAPS = np.array(
    [[[1.0 if c == "#" else -1.0 for c in row] for row in rows] for rows in _DIGIT_BITMAPS],
    dtype="float32",
)
