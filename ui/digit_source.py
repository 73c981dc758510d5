"""Where a digit comes from, one record per source: its label in the Input selector, how the page speaks of it,
how it is preprocessed. ui/sources.py draws the selector and each source's widget."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One digit source."""

    name: str  # the Input selector's label and st.session_state["source"]
    caption: str  # the preprocessing strip's first picture: "1 · your drawing"
    called: str  # in a sentence: "The prediction changed from 3 (your drawing) to 5."
    mnist_ready: bool  # already MNIST's 28x28 (lenet.preprocess.from_mnist); else a picture to find the ink in
    sendable: bool = False  # "Send to class" takes it: only the student's own drawing goes to the wall


DRAW = Source("Draw", "your drawing", "your drawing", mnist_ready=False, sendable=True)
GALLERY = Source("Gallery", "the MNIST digit", "the gallery digit", mnist_ready=True)
UPLOAD = Source("Upload", "your image, as ink", "your upload", mnist_ready=False)
CLASS = Source("Class", "the class's drawing", "the class's drawing", mnist_ready=True)  # opened on the class wall
PUSHED = Source("Teacher", "the teacher's digit", "the teacher's digit", mnist_ready=True)  # ui/class_follow.py
SOURCES = (DRAW, GALLERY, UPLOAD, CLASS)  # in the Input selector's order
