"""An acknowledged send is on disk: when the SQLite file under a running store is deleted or replaced, the
store refuses (and says why) instead of writing into a file nobody will open again."""

import os
from pathlib import Path

import pytest

from classroom import ClassStore, StoreReplaced, UnknownClass
from testkit.sends import send


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_a_send_after_the_file_was_deleted_is_refused_and_the_store_starts_afresh(tmp_path):
    path = tmp_path / "classes.db"
    s = ClassStore(f"sqlite:///{path}")
    code, _ = s.new_class()
    assert send(s, code, "t", 1).new
    remove_database(path)
    with pytest.raises(StoreReplaced, match="deleted or replaced"):
        send(s, code, "t", 2)  # not "Sent as #2": it would be in a file that is gone
    with pytest.raises(UnknownClass):  # the next call opens a fresh database at the same path
        s.find_class(code)
    assert path.exists() and ClassStore(f"sqlite:///{path}").list_classes() == []
    fresh, _ = s.new_class()
    assert send(s, fresh, "t", 3).new
    assert [len(c.code) for c in ClassStore(f"sqlite:///{path}").list_classes()] == [8]


def test_a_replaced_file_is_noticed_by_readers_and_writers(tmp_path):
    path, other = tmp_path / "classes.db", tmp_path / "restored.db"
    s = ClassStore(f"sqlite:///{path}")
    code, _ = s.new_class()
    send(s, code, "t", 1)
    restored = ClassStore(f"sqlite:///{other}")
    old_code, _ = restored.new_class()
    restored.close()
    remove_database(path)
    os.replace(other, path)  # e.g. a backup put in its place
    with pytest.raises(StoreReplaced, match="deleted or replaced"):
        s.drawings(code)  # the wall would show a class that is no longer in the file
    assert [c.code for c in s.list_classes()] == [old_code]  # the file now at the path
