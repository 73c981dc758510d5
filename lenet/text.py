"""Text that came from a person, a link or a file, cut to fit where it is quoted."""


def one_line(text: object, limit: int) -> str:
    """`text` on one line (runs of whitespace as one space), at most `limit` characters, "…" where cut."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
