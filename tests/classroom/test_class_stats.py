"""The wall's numbers and the join link, against hand-counted examples."""

from datetime import UTC, datetime

import numpy as np
import pytest

from classroom import join, stats
from classroom.records import Drawing
from testkit.sends import digit


def drawing(i: int, meant: int, answered: int) -> Drawing:
    return Drawing(i, meant, answered, 0.5, datetime.now(UTC), None, False, digit(i), f"s{i}")


def test_confusion_accuracy_and_hardest_digit():
    pairs = [(4, 4), (4, 9), (4, 9), (7, 7), (7, 1), (1, 1)]
    shown = [drawing(i, m, a) for i, (m, a) in enumerate(pairs)]
    matrix = stats.confusion(shown)
    assert matrix[4, 9] == 2 and matrix[4, 4] == 1 and matrix[7, 1] == 1 and matrix.sum() == 6
    assert stats.accuracy(shown) == pytest.approx(3 / 6)
    hardest = stats.hardest_digit(shown)
    assert (hardest.digit, hardest.n) == (4, 3) and hardest.accuracy == pytest.approx(1 / 3)
    assert stats.accuracy([]) is None and stats.hardest_digit([]) is None


def test_no_digit_is_hardest_when_every_digit_was_read_right():
    """Issue 21: at 100 % class accuracy the wall showed "Hardest digit 7"; now it shows none."""
    shown = [drawing(0, 7, 7), drawing(1, 7, 7), drawing(2, 1, 1)]
    assert stats.accuracy(shown) == 1.0 and stats.hardest_digit(shown) is None
    assert stats.hardest_digit(shown + [drawing(3, 1, 7)]).digit == 1  # one misread: 1 is hardest again


def test_hardest_digit_ties_go_to_the_digit_with_more_drawings():
    shown = [drawing(0, 2, 3), drawing(1, 5, 6), drawing(2, 5, 8)]  # 2 and 5 both at 0 %
    assert stats.hardest_digit(shown).digit == 5


def test_wall_picture_frames_fooled_drawings_in_red():
    right, fooled = stats.tile(drawing(1, 3, 3)), stats.tile(drawing(2, 3, 8))
    assert tuple(fooled[0, 0]) == stats.FOOLED_FRAME and tuple(right[0, 0]) != stats.FOOLED_FRAME
    picture = stats.wall_picture([drawing(i, 1, 1) for i in range(7)], cols=6)
    assert picture.ndim == 3 and picture.shape[1] > 6 * stats.TILE_PX


def test_mnist_accuracy_is_read_from_the_shipped_metrics(tmp_path):
    assert 0.9 < stats.mnist_accuracy() <= 1.0
    (tmp_path / "m.json").write_text("{not json")
    assert stats.mnist_accuracy(tmp_path / "m.json") is None


@pytest.mark.parametrize(
    "typed, url",
    [
        ("10.0.0.5", "http://10.0.0.5:8501/?class=K7QM2XWP"),
        ("http://10.0.0.5/", "http://10.0.0.5:8501/?class=K7QM2XWP"),
        (" laptop.local:9000 ", "http://laptop.local:9000/?class=K7QM2XWP"),
    ],
)
def test_join_url_accepts_what_a_teacher_types(typed, url):
    assert join.join_url(typed, 8501, "K7QM2XWP") == url


def test_qr_code_is_a_png():
    png = join.qr_png("http://10.0.0.5:8501/?class=K7QM2XWP")
    assert png.startswith(b"\x89PNG") and len(png) > 200
    assert isinstance(join.lan_address(), str) and np.all([p.isdigit() for p in join.lan_address().split(".")])
