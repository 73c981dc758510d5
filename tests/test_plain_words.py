"""A lesson as it really runs (issue 21): every tab's text, as AppTest renders it with a drawn digit, has no
command line in it, and writes a few plain words beside a technical word where it first says it."""

import re

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from testkit.apptest import canvas_drawing
from ui.tabs import TITLES
from ui.texts import JARGON

NEAR = 120  # characters: the plain words must follow the word this closely
CLASSIC = "Classic (RBF, 1998)"
DATA_URL = re.compile(r"data:[^\s\"')]+")


def strings(node) -> list[str]:
    """Every string an element tree shows (text, labels, options, help, captions ...), in page order."""
    found = []

    def walk(value) -> None:
        if isinstance(value, str):
            if re.search(r"\s", value) or len(value) < 200:  # not a base64 blob (Arrow data)
                found.append(DATA_URL.sub("", value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    def visit(node) -> None:
        if getattr(node, "proto", None) is not None:
            walk(MessageToDict(node.proto))
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(node)
    return found


def open_tab(run_app, title: str, model: str | None = None) -> AppTest:
    at = run_app(canvas_drawing(7), tab=title)
    if model is not None:
        at.radio(key="model").set_value(model).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unexplained(text: str) -> dict[str, str]:
    """{word: what follows it} for each JARGON word whose first use in `text` lacks its plain words nearby.
    A word counts where one starts ("biases" is a use of "bias"; "Invariance" is not one of "variance")."""
    missing = {}
    for word, words in JARGON.items():
        found = re.search(rf"\b{re.escape(word)}", text.lower())
        first = found.start() if found else -1
        if first >= 0 and words not in text[first : first + len(word) + NEAR]:
            missing[word] = text[first : first + len(word) + NEAR]
    return missing


def test_a_word_counts_where_one_starts():
    assert unexplained("Invariance tab") == {} and "bias" in unexplained("two biases")


CASES = [(title, None) for title in TITLES] + [
    (title, CLASSIC) for title in ("Prediction", "Layers", "Why this answer?")
]


@pytest.mark.parametrize("title, model", CASES, ids=[f"{t}{' (classic)' if m else ''}" for t, m in CASES])
def test_a_tab_has_no_command_line_and_explains_its_jargon(run_app, title, model):
    at = open_tab(run_app, title, model)
    tab = at.tabs[TITLES.index(title)]
    page, panel = "\n".join(strings(at.main)), "\n".join(strings(tab))
    assert panel.strip(), "the tab rendered nothing"
    assert "python -m" not in page, page[page.find("python -m") - 200 :][:400]
    assert unexplained(panel) == {}, "a word without plain words beside it where the tab first says it"
    assert unexplained(page) == {}, "a word without plain words beside it where the page first says it"
