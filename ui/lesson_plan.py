"""The README's 45-minute lesson ("A lesson with the class") as teacher-paced steps (issue 25). The teacher walks
through them with "Back" / "Next" on the teacher's bar (ui/class_plan.py): each step moves the class to its
tab (and lab settings), stores its number as the lesson's step, and poses its challenge if it has one.
"""

from dataclasses import dataclass, field

from ui.i18n import N_, _


@dataclass(frozen=True)
class Step:
    title: str  # what the teacher's bar says: "Step 3 of 13: ..." (marked N_, shown translated)
    tab: str  # a ui/tabs.py title the class moves to (a test holds every step's names to the tabs and presets)
    settings: dict = field(default_factory=dict)  # lab settings ({session-state key: value}, ui/class_lesson.py)
    challenge: str | None = None  # a classroom.challenge.PRESETS key, posed when the step opens


# Minutes follow the README's walkthrough, numbered as there (1-11, the first split in two).
PLAN = (
    Step(N_("Draw a digit: LeNet-5 answers"), "Prediction", challenge="draw7"),
    Step(N_("Fool LeNet-5: a digit it misreads with confidence"), "Prediction", challenge="fool"),
    Step(N_("What the network actually sees: cropped, 20×20, centred"), "Prediction"),
    Step(N_("Layers: which C1 map picks out which stroke?"), "Layers", challenge="c1"),
    Step(N_("Inside one unit: the sum done by hand"), "Inside one unit"),
    Step(N_("C3 wiring: which S2 maps feed each C3 map"), "C3 wiring"),
    Step(N_("Lesion: silence a C1 map"), "Lesion", settings={"lab_lesion_c1": [2]}),
    Step(N_("Invariance: turn it until it fails"), "Invariance", settings={"lab_inv_rotate": 30.0}),
    Step(N_("Draw the smallest 1 it still reads"), "Prediction", challenge="small1"),
    Step(N_("Why this answer? The pixels that decided"), "Why this answer?"),
    Step(N_("Trained vs untrained: the same drawing, random weights"), "Trained vs untrained"),
    Step(N_("Watch it learn: the weights from random to trained"), "Watch it learn"),
    Step(N_("Weights, the gallery and the Lesson tab"), "Weights"),
)


def step_words(index: int | None) -> str:
    """ "Step 3 of 13: Layers ..." for the teacher's bar; "" when the class is on no step."""
    if index is None or not 0 <= index < len(PLAN):
        return ""
    return _("Step {number} of {count}: {title}").format(number=index + 1, count=len(PLAN), title=_(PLAN[index].title))
