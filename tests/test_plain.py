"""Text from a person, a link or a file: cut to one bounded line (lenet/text.py) and, for Streamlit's
Markdown elements, every punctuation escaped (ui/plain.py), so it shows as typed (issue 20)."""

from lenet.text import one_line
from ui.plain import plain


def test_one_line_joins_whitespace_and_cuts_with_an_ellipsis():
    assert one_line("a\n\tb   c", 10) == "a b c"
    assert one_line("x" * 200_000, 24) == "x" * 23 + "…"


def test_plain_escapes_every_markup_a_message_could_carry():
    typed = "**b** [l](http://e.example/x) ![i](http://e.example/t.gif) $x$ :red[r] :material/key: <b>#"
    shown = plain(typed)
    for markup in ("**", "[l](", "![", "$x$", ":red[", ":material/", "<b>"):
        assert markup not in shown, markup
    assert shown.replace("\\", "") == typed  # nothing lost: the reader sees exactly what was typed


def test_a_file_name_is_bounded_too():
    assert len(plain("![](http://e.example/" + "a" * 10_000 + ".png)")) < 2 * 600
