"""Where a digit comes from, one record per source: its label in the Input selector, how the page speaks of it,
how it is preprocessed. ui/sources.py draws the selector and each source's widget."""

from dataclasses import dataclass

from ui.i18n import N_


@dataclass(frozen=True)
class Source:
    """One digit source."""

    name: str  # English, each shown as _(name): the Input selector's label and st.session_state["source"]
    caption: str  # the preprocessing strip's first picture: "1 · your drawing"
    called: str  # in a sentence: "The prediction changed from 3 (your drawing) to 5."
    mnist_ready: bool  # already MNIST's 28x28 (lenet.preprocess.from_mnist); else a picture to find the ink in
    sendable: bool = False  # "Send to class" takes it: only the student's own drawing goes to the wall


DRAW = Source(N_("Draw"), N_("your drawing"), N_("your drawing"), mnist_ready=False, sendable=True)
GALLERY = Source(N_("Gallery"), N_("the MNIST digit"), N_("the gallery digit"), mnist_ready=True)
UPLOAD = Source(N_("Upload"), N_("your image, as ink"), N_("your upload"), mnist_ready=False)
CLASS = Source(N_("Class"), N_("the class's drawing"), N_("the class's drawing"), mnist_ready=True)  # the wall's
PUSHED = Source(N_("Teacher"), N_("the teacher's digit"), N_("the teacher's digit"), mnist_ready=True)  # class_follow
SOURCES = (DRAW, GALLERY, UPLOAD, CLASS)  # in the Input selector's order
