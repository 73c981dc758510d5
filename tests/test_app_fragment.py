"""app.py runs the digit and the open tab as a fragment, except for tabs with fragments of their own (nested in
ours, Watch it learn's auto-refresh drew its progress twice): this list must name every such tab. A module whose
fragment the page runs itself (a student's lesson watcher) must be run by main(), outside our fragment."""

import inspect
from pathlib import Path

import app
from ui.tabs import TABS

UI = Path(app.__file__).resolve().parent / "ui"
# A ui module whose st.fragment app.main() runs itself, and the function of it that main() calls to run it.
PAGE_LEVEL = {"class_follow": "after_page"}


def test_every_tab_with_a_fragment_of_its_own_runs_outside_ours():
    modules = {tab.module for tab in TABS}
    assert set(app.TABS_WITH_FRAGMENTS) <= modules
    with_fragments = {path.stem for path in UI.glob("*.py") if "st.fragment" in path.read_text()}
    assert with_fragments  # lab_learn, class_wall and class_follow today
    for module in with_fragments - set(PAGE_LEVEL):
        users = {tab for tab in modules if tab == module or f"{module}" in (UI / f"{tab}.py").read_text()}
        assert users and users <= set(app.TABS_WITH_FRAGMENTS), (module, users)


def test_the_page_runs_its_own_fragments_outside_ours():
    main, ours = inspect.getsource(app.main), inspect.getsource(app.digit_and_tab)
    for module, runner in PAGE_LEVEL.items():
        call = f"{module}.{runner}("
        assert call in main and call not in ours, (module, runner)
        assert not any(module in (UI / f"{tab.module}.py").read_text() for tab in TABS), module
