"""`python -m lenet class ...` end to end, in subprocesses on an SQLite file, and the export evaluated."""

import csv
import io
import json
import zipfile

import numpy as np

from classroom import ClassStore
from lenet.mnist import load_npz
from lenet.preprocess import preprocess
from testkit import ROOT
from testkit.digits import draw_digit
from testkit.procs import class_cli


def test_new_list_export_evaluate_erase(tmp_path):
    db = f"sqlite:///{tmp_path / 'class.db'}"
    made = class_cli("class", "new", "--pin", "4321", "--json", db=db)
    assert made.returncode == 0, made.stderr
    info = json.loads(made.stdout)
    assert info["pin"] == "4321" and len(info["code"]) == 8
    store = ClassStore(db)
    store.check_pin(info["code"], "4321")
    for meant in (1, 4, 7):  # the app's own preprocessing of drawn digits
        store.add_drawing(
            info["code"],
            "s",
            meant,
            meant,
            0.9,
            np.rint(255 * preprocess(draw_digit(meant)).field28),
            alias='Kim, "the" best',
        )
    listed = json.loads(class_cli("class", "list", "--json", db=db).stdout)
    assert [(c["code"], c["drawings"]) for c in listed] == [(info["code"], 3)]

    out, table, pngs = tmp_path / "class.npz", tmp_path / "class.csv", tmp_path / "class.zip"
    done = class_cli("class", "export", info["code"].lower(), "--out", out, "--csv", table, "--png-zip", pngs, db=db)
    assert done.returncode == 0, done.stderr
    arrays = load_npz(out, keys=("x_test", "y_test"))  # the MNIST layout, checked by lenet.mnist
    assert arrays["y_test"].tolist() == [1, 4, 7] and arrays["x_test"].dtype == np.uint8
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert [r["meant"] for r in rows] == ["1", "4", "7"] and rows[0]["alias"] == 'Kim, "the" best'
    assert len(zipfile.ZipFile(pngs).namelist()) == 3

    scored = class_cli("evaluate", "--data", out, "--model", ROOT / "assets/lenet5.keras", "--json", db=db)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["n"] == 3

    assert class_cli("class", "erase", info["code"], db=db).returncode == 0
    assert json.loads(class_cli("class", "list", "--json", db=db).stdout) == []


def test_mistakes_get_a_message_and_status_2(tmp_path):
    db = f"sqlite:///{tmp_path / 'class.db'}"
    for args, words in [
        (("class", "new", "--pin", "12"), "4 to 32"),
        (("class", "export", "NOPE", "--out", tmp_path / "x.npz"), "no class"),
        (("class", "erase", "ABCDEFGH"), "no class"),
    ]:
        done = class_cli(*args, db=db)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    down = class_cli("class", "list", db="postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert down.returncode == 2 and "cannot be reached" in down.stderr


def test_bad_hours_are_refused_before_a_class_is_made(tmp_path):
    db = f"sqlite:///{tmp_path / 'class.db'}"
    for hours in ("nan", "inf", "1e12", "0", "-1", "169"):
        done = class_cli("class", "new", "--hours", hours, db=db)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert [line for line in done.stderr.splitlines() if line.startswith("error:")] == [
            "error: --hours must be more than 0 and at most 168 (a week)."
        ], done.stderr
    assert not (tmp_path / "class.db").exists() or ClassStore(db).list_classes() == []
    assert class_cli("class", "new", "--hours", "168", db=db).returncode == 0  # the bound itself is fine


def test_export_to_an_unwritable_place_writes_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'class.db'}"
    store = ClassStore(db)
    code, _ = store.new_class()
    store.add_drawing(code, "s", 3, 3, 0.9, np.rint(255 * preprocess(draw_digit(3)).field28))
    out = tmp_path / "out"
    out.mkdir()
    (out / "a_file").write_text("")
    good = out / "class.npz"
    for bad in (out / "missing" / "x.npz", out / "a_file" / "x.npz", out, "/proc/x.npz"):
        for files in (("--out", bad), ("--out", good, "--csv", bad), ("--out", good, "--png-zip", bad)):
            done = class_cli("class", "export", code, *files, db=db)
            assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
            assert "error: cannot write" in done.stderr, done.stderr
            assert sorted(p.name for p in out.iterdir()) == ["a_file"]  # not even the npz
