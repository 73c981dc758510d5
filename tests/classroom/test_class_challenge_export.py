"""The students' answers to challenges are student data (issue 25): exported with the class (CSV with the
CSV-injection guard, npz of the drawn answers) and erased with it, leaving no readable bytes in the
database's files (the erase tests' approach: random-noise digits, aliases and prompts as markers)."""

import csv
import io

import numpy as np
from sqlalchemy import text

from classroom import Challenge, ClassStore, export
from classroom.challenge import CHOICE, PRESETS
from testkit.scan import database_files, hits, read

TABLES = ("classes", "drawings", "lessons", "challenges", "answers")
STUDENTS = 12


def answered_class(store: ClassStore, rng, marker: str) -> tuple[str, list[bytes]]:
    """A class whose students answered a fool round and a question; returns (code, the bytes that must go)."""
    code, _ = store.new_class()
    fool = store.pose(code, Challenge("fool", f"Fool it {marker}")).challenge
    assert fool is not None
    digits = []
    for i in range(STUDENTS):
        x = rng.integers(0, 256, (28, 28), dtype=np.uint8)
        x[0, 0] = 255
        digits.append(x)
        store.answer(code, f"{code}-s{i}", fool.id, meant=i % 10, label=(i + 1) % 10, confidence=0.9, digit28=x,
                     alias=f"{marker}-alias{i}")  # fmt: skip
    question = store.pose(code, Challenge(CHOICE, f"Which {marker}?", choices=(f"{marker}-a", f"{marker}-b"))).challenge
    assert question is not None
    for i in range(STUDENTS):
        store.answer(code, f"{code}-s{i}", question.id, choice=i % 2)
    with store.engine.connect() as conn:
        students = conn.execute(text("SELECT student FROM answers WHERE class_code = :c"), {"c": code}).scalars()
        hashes = {s.encode() for s in students}
    runs = [x.tobytes()[at : at + 32] for x in digits for at in (1, 400)]
    return code, [marker.encode(), *hashes, *runs]


def test_answers_are_erased_with_their_class(url, request):
    rng = np.random.default_rng(25)
    store = ClassStore(url)
    gone, wanted = answered_class(store, rng, "QZXgone")
    kept, control = answered_class(store, rng, "QZXkept")
    files_before = database_files(url, request, TABLES)
    store.erase_class(gone)
    files = sorted(set(files_before) | set(database_files(url, request, TABLES)), key=str)
    assert hits(files, wanted) == dict.fromkeys(map(str, files), 0)
    everything = b"".join(map(read, files))
    assert all(w in everything for w in control)  # the scan finds what is there
    assert store.tally(gone) is None and store.answers(gone) == ({}, [])
    assert len(store.answers(kept)[1]) == 2 * STUDENTS


def test_answers_are_exported_with_the_class_and_no_cell_is_a_formula(url):
    store = ClassStore(url)
    code, _ = store.new_class()
    draw = store.pose(code, PRESETS["draw7"]).challenge
    assert draw is not None
    seven = np.zeros((28, 28), np.uint8)
    seven[4:8, 6:22] = 255
    store.answer(code, "ana", draw.id, label=1, confidence=0.8, digit28=seven, alias='=HYPERLINK("http://x")')
    store.answer(code, "bo", draw.id, label=7, confidence=0.6, digit28=seven.T.copy(), alias="Bo")
    asked = store.pose(code, Challenge(CHOICE, "+1 or -1?", choices=("+1", "-1"), correct=1)).challenge
    assert asked is not None
    store.answer(code, "ana", asked.id, choice=1, alias="@ana")
    challenges, answers = store.answers(code)
    rows = list(csv.reader(io.StringIO(export.answers_to_csv(challenges, answers).decode(), newline="")))
    assert rows[0] == list(export.ANSWER_COLUMNS)
    columns = {name: [row[i] for row in rows[1:]] for i, name in enumerate(export.ANSWER_COLUMNS)}
    assert columns["alias"] == ['\'=HYPERLINK("http://x")', "Bo", "'@ana"]
    assert columns["question"] == ["Draw a 7", "Draw a 7", "'+1 or -1?"] and columns["choice"] == ["", "", "'-1"]
    assert columns["meant"] == ["7", "7", ""] and columns["answered"] == ["1", "7", ""]
    assert columns["right"] == ["0", "1", "1"] and columns["fooled"] == ["1", "0", "0"]
    with np.load(io.BytesIO(export.answers_to_npz(answers))) as arrays:
        assert np.array_equal(arrays["x"], np.stack([seven, seven.T]))
        assert arrays["meant"].tolist() == [7, 7] and arrays["answered"].tolist() == [1, 7]
        assert arrays["ids"].tolist() == [a.id for a in answers[:2]]
        assert arrays["challenge"].tolist() == [draw.id, draw.id]


def test_the_command_line_exports_the_answers_too(tmp_path):
    from testkit.procs import class_cli

    db = f"sqlite:///{tmp_path / 'class.db'}"
    store = ClassStore(db)
    code, _ = store.new_class()
    store.add_drawing(code, "ana", 7, 7, 0.9, np.full((28, 28), 200, np.uint8))
    asked = store.pose(code, PRESETS["draw7"]).challenge
    assert asked is not None
    store.answer(code, "ana", asked.id, label=1, confidence=0.9, digit28=np.full((28, 28), 99, np.uint8), alias="+Ana")
    table, arrays = tmp_path / "answers.csv", tmp_path / "answers.npz"
    files = ("--out", tmp_path / "class.npz", "--answers-csv", table, "--answers-npz", arrays)
    done = class_cli("class", "export", code, *files, db=db)
    assert done.returncode == 0, done.stderr
    assert "1 drawings exported, 1 answers" in done.stdout
    (row,) = csv.DictReader(io.StringIO(table.read_text()))
    assert (row["question"], row["meant"], row["answered"], row["fooled"], row["alias"]) == (
        "Draw a 7",
        "7",
        "1",
        "1",
        "'+Ana",
    )
    with np.load(arrays) as saved:
        assert saved["x"].tolist() == [np.full((28, 28), 99, np.uint8).tolist()]
