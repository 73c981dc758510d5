"""Text that came from a user, a link or a file, made safe for Streamlit's Markdown elements.

st.warning, st.success, st.caption, st.markdown ... render Markdown (links, images, `$…$` LaTeX,
`:red[…]` colours, `:material/…:` icons). CommonMark lets a backslash escape any ASCII punctuation,
so escaping all of it shows the text exactly as typed, with no link, image or formula made from it.
"""

import string

from lenet.text import one_line

ESCAPED = str.maketrans({c: "\\" + c for c in string.punctuation})
TEMPLATE_ESCAPED = str.maketrans({c: "\\" + c for c in string.punctuation if c not in "{}"})  # {name}s kept
MESSAGE_CHARS = 600  # longer than any message of ours; a user's text inside one is already cut shorter
FILE_NAME_CHARS = 80


def plain(text: object, limit: int = MESSAGE_CHARS) -> str:
    """`text` as literal Markdown: one paragraph, at most `limit` characters, every punctuation escaped."""
    return one_line(text, limit).translate(ESCAPED)
