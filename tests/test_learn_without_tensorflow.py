"""The "Watch it learn" tab on a server installed without TensorFlow (the container image's TENSORFLOW=no): it says
so, kindly, and offers no Start button that would only fail."""

import ui.lab_learn
from testkit.apptest import app_test, canvas_drawing

TAB = "Watch it learn"


def test_without_tensorflow_the_tab_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("LENET_CLASS_DB", f"sqlite:///{tmp_path / 'classes.db'}")
    monkeypatch.setattr(ui.lab_learn, "has_tensorflow", lambda: False)
    at = app_test(monkeypatch, canvas_drawing(7), tab=TAB).run()
    assert not at.exception
    assert ui.lab_learn.NO_TENSORFLOW in [info.value for info in at.info]
    assert not [b for b in at.button if b.key in ("learn_start", "learn_finetune")]


def test_with_tensorflow_the_tab_trains():
    assert ui.lab_learn.has_tensorflow()  # the test environment has it: the message stays off
