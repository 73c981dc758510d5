"""ui/runtime.py holds every dependency on Streamlit's internals: these tests fail when an upgrade breaks one,
or when one creeps into another module (the other guards are named in ui/runtime.py's docstring)."""

import re
from pathlib import Path

import streamlit
from streamlit.testing.v1 import AppTest

from ui import runtime

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path(streamlit.__file__).parent / "static"
TEST_ID = re.compile(r"""data-testid(\^?)=["']?(\w+)""")  # [data-testid="stX"], [data-testid^="stX"], [data-testid=stX]


def _frontend() -> str:
    return "\n".join(path.read_text(errors="ignore") for path in STATIC.rglob("*.js"))


def test_every_test_id_we_style_is_in_streamlit_s_frontend():
    """A renamed test id silently unstyles the page (or leaves the canvas' toolbar over its top right)."""
    ours = {
        (prefix, name)
        for text in (runtime.PAGE_CSS, runtime.CANVAS_TOOLBAR_OFF, runtime.FIT_FORMULAS)
        for prefix, name in TEST_ID.findall(text)
    }
    assert len(ours) >= 15
    frontend = _frontend()
    missing = [
        name
        for prefix, name in ours
        if f"`{name}{'' if prefix else '`'}" not in frontend and f'"{name}{"" if prefix else chr(34)}' not in frontend
    ]
    assert missing == []


def test_no_other_module_reaches_streamlit_s_internals():
    """The next upgrade is one file to read: no test id, page script, `_repr_html_` or private module elsewhere."""
    internal = re.compile(
        r"data-testid|data-baseweb|unsafe_allow_javascript|_repr_html_|setswitchinterval|streamlit\.[a-z_.]*\b_|"
        r"from streamlit\.(runtime|web|elements|proto)|import streamlit\.(runtime|web|elements|proto)"
    )
    files = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]
    found = [
        f"{path.name}: {match}"
        for path in files
        if path.name != "runtime.py"
        for match in (m.group(0) for m in internal.finditer(path.read_text()))
    ]
    assert found == []


def _script_app():
    from ui import runtime

    runtime.apply_page()
    runtime.script("<script>window.lenetProbe = 1;</script>")


def test_a_script_is_run_in_the_page_and_takes_no_place():
    """script() hands st.html the script to run in the page; PAGE_CSS hides an element that holds only one."""
    at = AppTest.from_function(_script_app).run()
    assert not at.exception
    bodies = [element.proto.body for element in at.get("html")]
    assert "<script>window.lenetProbe = 1;</script>" in bodies
    assert any("lenetFitFormulas" in body for body in bodies)
    assert any("script:only-child) { display: none; }" in body for body in bodies)
