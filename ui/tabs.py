"""The app's tabs, in order: the contract between app.py, the tab modules and the tests.

Each tab is a module `ui.<module>` with `render(ctx: Context) -> None`. A tab that `needs_digit` is
rendered only with a digit (`ctx.ready` is True): without one, app.py shows its `hint` instead, without
loading the model. A tab that does not need a digit renders with or without one. A lab tab (`ui/lab_*.py`)
names its heading `HEADING` and shows it first (`ui.charts.intro(HEADING, INTRO)`): the tests find it there.
Add a tab here: app.py and the tests that visit every tab read this list (docs/developers.md, "Adding a lab tab").
Modules are imported when their tab first opens: a stroke loads only what the open tab needs.
"""

from dataclasses import dataclass

NO_DIGIT = "Draw, pick or upload a digit first: "  # every hint starts so, then says what the tab will show


@dataclass(frozen=True)
class Tab:
    """One tab: its title (also its ?tab= link), the module that renders it and what it needs."""

    title: str
    module: str  # ui.<module> has render(ctx: Context) -> None
    needs_digit: bool = True
    hint: str = ""  # shown instead of the tab while there is no digit (when needs_digit)


TABS = (
    Tab("Prediction", "prediction", hint="Draw, pick or upload a digit: LeNet-5's answer appears here."),
    Tab("Layers", "layers_tab", hint="Draw a digit to see what every layer of LeNet-5 computes from it."),
    Tab("Weights", "weights", needs_digit=False),
    Tab("Inside one unit", "lab_unit", hint=NO_DIGIT + "then pick any unit and see exactly how it was computed."),
    Tab("C3 wiring", "lab_c3", needs_digit=False),
    Tab("Invariance", "lab_invariance", hint=NO_DIGIT + "then move it, turn it, squeeze it and watch the prediction."),
    Tab("Lesion", "lab_lesion", hint=NO_DIGIT + "then switch parts of LeNet-5 off and see if it still reads it."),
    Tab("Why this answer?", "lab_why", hint=NO_DIGIT + "then see which of its pixels made LeNet-5 decide."),
    Tab(
        "Trained vs untrained",
        "lab_untrained",
        hint=NO_DIGIT + "then compare what a trained and an untrained LeNet-5 make of it.",
    ),
    Tab("Watch it learn", "lab_learn", needs_digit=False),
    Tab("Lesson", "lab_lesson", needs_digit=False),
    Tab("Class", "class_teacher", needs_digit=False),  # class mode: start a class, the teacher's live wall
)
TITLES = tuple(tab.title for tab in TABS)
