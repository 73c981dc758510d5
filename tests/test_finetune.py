"""Fine-tuning on a class's digits: split by student, which layers learn, before -> after, the CLI."""

import json

import numpy as np
import pytest

from lenet.assets import DEFAULT_MODEL_PATH
from lenet.mnist import DataError
from lenet.model import load_model
from testkit.class_digits import class_set, write_class_npz
from train.cli import main
from train.finetune import LAYER_CHOICES, finetune_class, split_by_student


@pytest.fixture(scope="module")
def mini_class():
    return class_set(students=4)


def test_split_holds_back_whole_students(mini_class):
    _, _, ids = mini_class
    train, held, held_students = split_by_student(ids, len(ids), seed=3)
    assert len(train) and len(held) and len(train) + len(held) == len(ids)
    assert set(ids[held]) == set(held_students) and not set(ids[train]) & set(held_students)


def test_without_student_ids_single_digits_are_held_back():
    train, held, students = split_by_student(None, 5)
    assert students == [] and len(held) >= 1 and len(train) >= 1
    assert sorted(np.concatenate([train, held])) == list(range(5))
    with pytest.raises(DataError, match="at least 2 digits"):
        split_by_student(None, 1)


def weights(model) -> dict[str, list[np.ndarray]]:
    return {layer.name: [w.copy() for w in layer.get_weights()] for layer in model.layers if layer.get_weights()}


@pytest.mark.parametrize("choice", list(LAYER_CHOICES))
def test_only_the_chosen_layers_change(mini_class, choice):
    model = load_model(DEFAULT_MODEL_PATH)
    before = weights(model)
    result = finetune_class(model, *mini_class, layers=choice, epochs=1)
    after = weights(model)
    learned = set(LAYER_CHOICES[choice][0])
    for name in before:
        changed = any(not np.array_equal(a, b) for a, b in zip(before[name], after[name]))
        assert changed == (name in learned), name
    assert result.n_train + result.n_held == len(mini_class[0])
    for part in (result.before, result.after):
        assert set(part) == {"class", "mnist"} and all(0 <= v <= 1 for v in part.values())


def test_bad_class_arrays_are_refused_with_a_reason(mini_class):
    x, y, ids = mini_class
    model = load_model(DEFAULT_MODEL_PATH)
    with pytest.raises(DataError, match="one per digit"):
        finetune_class(model, x, y, ids[:-1])
    with pytest.raises(DataError, match="labels 0-9"):
        finetune_class(model, x, y + 10, ids)


def test_cli_fine_tunes_and_reports_before_and_after(tmp_path, capsys):
    data, out = tmp_path / "class.npz", tmp_path / "tuned.keras"
    _, _, ids = write_class_npz(data)
    code = main(["--init", str(DEFAULT_MODEL_PATH), "--data", str(data), "--epochs", "2", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "class digits" in printed and "MNIST test" in printed and "->" in printed
    metrics = json.loads(out.with_suffix(".metrics.json").read_text())
    assert metrics["n_train"] + metrics["n_held"] == len(ids)
    assert metrics["held_students"] and set(metrics["held_students"]) <= set(ids.tolist())
    assert load_model(out).count_params() == load_model(DEFAULT_MODEL_PATH).count_params()


def test_cli_explains_a_missing_class_file(tmp_path, capsys):
    code = main(["--init", str(DEFAULT_MODEL_PATH), "--data", str(tmp_path / "nope.npz")])
    assert code == 2 and "no such file" in capsys.readouterr().err
