"""A wrong LENET_CLASS_DB or LENET_DATA_DIR is a plain message naming the setting, in the store and on every
page that uses class mode, never an exception."""

import pytest

from classroom import ClassError, ClassStore
from testkit.apptest import canvas_drawing, run_app_test, words


@pytest.fixture
def a_file(tmp_path):
    path = tmp_path / "a_file.txt"
    path.write_text("not a folder")
    return path


@pytest.mark.parametrize(
    "setting, value, says",
    [
        ("LENET_CLASS_DB", "not a url", "not a database URL"),
        ("LENET_CLASS_DB", "mysql://teacher@localhost/classes", "SQLite or PostgreSQL"),
        ("LENET_CLASS_DB", "nosuchdb://x", "SQLite or PostgreSQL"),
        ("LENET_CLASS_DB", "sqlite://", "file"),
        ("LENET_CLASS_DB", "sqlite:///{a_file}/classes.db", "cannot be created"),
        ("LENET_CLASS_DB", "sqlite:////proc/lenet/classes.db", "cannot be created"),
        ("LENET_DATA_DIR", "{a_file}/data", "cannot be created"),
        ("LENET_DATA_DIR", "/proc", "cannot be opened"),
    ],
)
def test_a_wrong_setting_is_a_class_error_that_names_it(monkeypatch, a_file, setting, value, says):
    monkeypatch.delenv("LENET_CLASS_DB", raising=False)
    monkeypatch.setenv(setting, value.format(a_file=a_file))
    with pytest.raises(ClassError, match=says) as caught:
        ClassStore()
    assert setting in str(caught.value)


def test_a_password_in_the_setting_is_not_shown(monkeypatch):
    monkeypatch.setenv("LENET_CLASS_DB", "mysql://teacher:s3cret@localhost/classes")
    with pytest.raises(ClassError) as caught:
        ClassStore()
    assert "s3cret" not in str(caught.value)


def test_every_class_page_shows_the_message(monkeypatch, dev_models):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    monkeypatch.setenv("LENET_CLASS_DB", "not a url")
    for query in ({"tab": "Class"}, {"class": "K7QM2XWP"}, {"class": "K7QM2XWP"}):  # twice: a remembered failure
        at = run_app_test(monkeypatch, canvas_drawing(4), **query)
        assert not at.exception and "LENET_CLASS_DB" in words(at), words(at)
    at = run_app_test(monkeypatch, None, tab="Watch it learn")
    assert not at.exception and not at.button(key="learn_start").disabled
