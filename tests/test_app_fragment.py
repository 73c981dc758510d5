"""app.py runs the digit and the open tab as a fragment, except for tabs with fragments of their own (nested in
ours, Watch it learn's auto-refresh drew its progress twice): this list must name every such tab."""

from pathlib import Path

import app
from ui.tabs import TABS

UI = Path(app.__file__).resolve().parent / "ui"


def test_every_tab_with_a_fragment_of_its_own_runs_outside_ours():
    modules = {tab.module for tab in TABS}
    assert set(app.TABS_WITH_FRAGMENTS) <= modules
    with_fragments = {path.stem for path in UI.glob("*.py") if "st.fragment" in path.read_text()}
    assert with_fragments  # lab_learn and class_wall today
    for module in with_fragments:
        users = {tab for tab in modules if tab == module or f"{module}" in (UI / f"{tab}.py").read_text()}
        assert users and users <= set(app.TABS_WITH_FRAGMENTS), (module, users)
