"""The app's tabs, in order: the contract between app.py, the tab modules and the tests.

Each tab is a module `ui.<module>` with `render(ctx: Context) -> None`. A tab that `needs_digit` is
rendered only with a digit (`ctx.ready` is True): without one, app.py shows its `hint` instead, without
loading the model. A tab that does not need a digit renders with or without one. A lab tab (`ui/lab_*.py`)
names its heading `HEADING` and shows it first (`ui.charts.intro(HEADING, INTRO)`): the tests find it there.
Add a tab here: app.py and the tests that visit every tab read this list (docs/developers.md, "Adding a lab tab").
Modules are imported when their tab first opens: a stroke loads only what the open tab needs.
"""

from dataclasses import dataclass

import streamlit as st

from ui.i18n import LANGUAGES, N_, _, catalogue

NO_DIGIT = "Draw, pick or upload a digit first: "  # every lab's hint starts so, then says what the tab will show


@dataclass(frozen=True)
class Tab:
    """One tab: its title (also its ?tab= link), the module that renders it and what it needs."""

    title: str  # English, the key; the tab shows `_(title)` and ?tab= holds the label shown
    module: str  # ui.<module> has render(ctx: Context) -> None
    needs_digit: bool = True
    hint: str = ""  # shown instead of the tab while there is no digit (when needs_digit), translated there

    @property
    def label(self) -> str:
        """The title in this session's language."""
        return _(self.title)

    @property
    def hint_text(self) -> str:
        """The hint in this session's language: one whole sentence to translate."""
        return _(self.hint)


TABS = (
    Tab(N_("Prediction"), "prediction", hint=N_("Draw, pick or upload a digit: LeNet-5's answer appears here.")),
    Tab(N_("Layers"), "layers_tab", hint=N_("Draw a digit to see what every layer of LeNet-5 computes from it.")),
    Tab(N_("Weights"), "weights", needs_digit=False),
    Tab(
        N_("Inside one unit"),
        "lab_unit",
        hint=N_("Draw, pick or upload a digit first: then pick any unit and see exactly how it was computed."),
    ),
    Tab(N_("C3 wiring"), "lab_c3", needs_digit=False),
    Tab(
        N_("Invariance"),
        "lab_invariance",
        hint=N_("Draw, pick or upload a digit first: then move it, turn it, squeeze it and watch the prediction."),
    ),
    Tab(
        N_("Lesion"),
        "lab_lesion",
        hint=N_("Draw, pick or upload a digit first: then switch parts of LeNet-5 off and see if it still reads it."),
    ),
    Tab(
        N_("Why this answer?"),
        "lab_why",
        hint=N_("Draw, pick or upload a digit first: then see which of its pixels made LeNet-5 decide."),
    ),
    Tab(
        N_("Trained vs untrained"),
        "lab_untrained",
        hint=N_("Draw, pick or upload a digit first: then compare what a trained and an untrained LeNet-5 make of it."),
    ),
    Tab(N_("Watch it learn"), "lab_learn", needs_digit=False),
    Tab(N_("Lesson"), "lab_lesson", needs_digit=False),
    Tab(N_("Class"), "class_teacher", needs_digit=False),  # class mode: start a class, the teacher's live wall
)
TITLES = tuple(tab.title for tab in TABS)


def follow_language(key: str) -> None:
    """A ?tab= link or a remembered tab named in any language (a teacher's English link, a switch of language)
    opens that tab under this language's label: st.tabs knows only the labels it is given, and drops any other
    value from the link. Set through the session state: Streamlit owns a bound query parameter."""
    value = st.session_state.get(key, st.query_params.get(key))
    for tab in TABS:
        if value is not None and value != tab.label and value in _names(tab.title):
            st.session_state[key] = tab.label


def title_of(value: str | None) -> str | None:
    """The English title (the key class mode stores and compares) of a tab label in any language; None if none."""
    return next((tab.title for tab in TABS if value in _names(tab.title)), None)


def _names(title: str) -> set[str]:
    """A tab's label in every shipped language."""
    return {catalogue(code).gettext(title) for code in LANGUAGES}
