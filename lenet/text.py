"""Text that came from a person, a link or a file, cut to fit where it is quoted."""


def one_line(text: object, limit: int) -> str:
    """`text` on one line (runs of whitespace as one space), at most `limit` characters, "…" where cut."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def N_(message: str) -> str:
    """Marks English text for translation where it is defined, and returns it unchanged: Babel's extractor
    (babel.cfg) collects it, and the app shows it in the page's language (ui/i18n.py's `_()`). lenet/ and
    train/ mark their user-visible words so; they import nothing of the app."""
    return message
