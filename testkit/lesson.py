"""What the tests of a led lesson (issue 25) share: an app page in AppTest, its buttons by label, its words."""

import re

import numpy as np
from streamlit.testing.v1 import AppTest

from testkit.apptest import app_test


def page(monkeypatch, drawing: np.ndarray | None = None, **query: str) -> AppTest:
    """app.py run once in AppTest with the canvas returning `drawing` and `query` as the link's parameters."""
    return app_test(monkeypatch, drawing, **query).run()


def press(at: AppTest, label: str) -> AppTest:
    """Click the button labelled `label` and run the page."""
    return next(b for b in at.button if b.label == label).click().run()


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def words(at: AppTest) -> str:
    """Every message, title and Markdown text on the page as a reader sees it (Markdown escapes removed)."""
    kinds = (at.success, at.info, at.warning, at.error, at.title, at.markdown, at.caption)
    return re.sub(r"\\(.)", r"\1", " ".join(str(e.value) for kind in kinds for e in kind))


def open_wall(at: AppTest, code: str, pin: str) -> AppTest:
    """On the Class tab: type the class's code and PIN and open its wall (the teacher's authority)."""
    at.text_input(key="class_unlock_code").input(code)
    at.text_input(key="class_unlock_pin").input(pin)
    return press(at, "Open the wall")


TAB = "tab"  # app.TAB_KEY: the open tab's title in session state, ?tab= in the link


def teacher_of(monkeypatch, code: str, pin: str, drawing: np.ndarray | None = None) -> AppTest:
    """The teacher's page: the Class tab, the wall opened with the PIN."""
    at = open_wall(page(monkeypatch, drawing, tab="Class"), code, pin)
    assert at.session_state["class_teacher_code"] == code and not at.exception
    return at


def go_to(at: AppTest, tab: str) -> AppTest:
    """Open `tab` as its link does (AppTest cannot click a tab; a link's ?tab= wins on every run)."""
    at.query_params[TAB] = tab
    return at.run()
