"""`python -m lenet`: predict, evaluate and summary, plus the image-file reader it uses.

Two subprocesses check the real entry point; the rest calls `lenet.cli.main` in this process,
since every new process pays seconds to import TensorFlow.
"""

import io
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lenet import image_file
from lenet.cli import main
from lenet.image_file import load_image
from lenet.inference import Network
from lenet.model import load_model
from lenet.preprocess import InvalidImageError, mnist_to_input, preprocess
from testkit.digits import draw_digit, write_digits_npz
from testkit.procs import python_m


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return python_m("lenet", *args, timeout=180)


@pytest.fixture
def image_dir(tmp_path) -> Path:
    """Two good digits (PNG, JPEG) and three files that are not digits."""
    folder = tmp_path / "images"
    folder.mkdir()
    Image.fromarray(draw_digit(7)).save(folder / "a_seven.png")
    Image.fromarray(draw_digit(1, polarity="dark_on_light", mode="RGB")).save(folder / "b_one.jpg", quality=90)
    (folder / "c_corrupt.png").write_bytes((folder / "a_seven.png").read_bytes()[:100])
    (folder / "d_notes.txt").write_text("not an image\n")
    Image.new("L", (64, 64), 255).save(folder / "e_blank.png")
    return folder


def test_predict_json_reports_each_file(image_dir, untrained_model_path):
    files = sorted(image_dir.iterdir())
    run = run_cli("predict", *files, "--model", untrained_model_path, "--json")
    assert run.returncode == 1, run.stderr[-2000:]  # some files failed
    assert "Traceback" not in run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["path"] for r in results] == [str(f) for f in files]
    good, bad = results[:2], results[2:]
    for result in good:
        assert set(result) == {"path", "label", "confidence", "probabilities"}
        assert len(result["probabilities"]) == 10 and sum(result["probabilities"]) == pytest.approx(1, abs=1e-4)
        assert result["label"] == int(np.argmax(result["probabilities"]))
        assert result["confidence"] == pytest.approx(max(result["probabilities"]))
    assert all(set(r) == {"path", "error"} and r["error"] for r in bad)
    assert "damaged" in bad[0]["error"] and "Not an image" in bad[1]["error"] and "blank" in bad[2]["error"]


def test_missing_model_exits_2_with_a_hint(image_dir, tmp_path):
    run = run_cli("predict", image_dir / "a_seven.png", "--model", tmp_path / "none.keras")
    assert run.returncode == 2
    assert "python -m train" in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_predict_matches_the_network_in_process(image_dir, untrained_model_path, capsys):
    path = image_dir / "a_seven.png"
    assert main(["predict", str(path), "--model", str(untrained_model_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    x = preprocess(np.asarray(Image.open(path))).x
    expected = Network(load_model(untrained_model_path)).forward(x).probabilities
    np.testing.assert_allclose(result["probabilities"], expected, rtol=1e-5, atol=1e-7)


def test_predict_folder_in_human_mode(image_dir, untrained_model_path, capsys):
    assert main(["predict", str(image_dir), "--model", str(untrained_model_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    # The folder gives its image files only (not the .txt), sorted by name.
    names = ("a_seven.png", "b_one.jpg", "c_corrupt.png", "e_blank.png")
    assert [line.split(":")[0] for line in lines] == [str(image_dir / name) for name in names]
    assert lines[0].endswith("%)") and "error:" in lines[2]


def test_predict_empty_folder_is_an_error(tmp_path, untrained_model_path, capsys):
    assert main(["predict", str(tmp_path), "--model", str(untrained_model_path), "--json"]) == 1
    assert "No image files" in json.loads(capsys.readouterr().out)["error"]


def test_summary_of_a_saved_model(untrained_model_path, capsys):
    assert main(["summary", "--model", str(untrained_model_path)]) == 0
    out = capsys.readouterr().out
    assert str(untrained_model_path) in out
    for text in ("C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT", "1,516", "48,120", "60,850"):
        assert text in out


def test_summary_of_a_fresh_rbf_model(capsys):
    assert main(["summary", "--output", "rbf"]) == 0
    out = capsys.readouterr().out
    assert "freshly built" in out and "60,000" in out and "840" in out and "60,840" in out


def test_evaluate_json(tmp_path, untrained_model_path, capsys):
    x, y = write_digits_npz(tmp_path / "digits.npz")
    args = ["evaluate", "--data", str(tmp_path / "digits.npz"), "--model", str(untrained_model_path), "--json"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    predicted = Network(load_model(untrained_model_path)).probabilities(mnist_to_input(x)).argmax(axis=1)
    assert result["n"] == 20
    assert result["accuracy"] == pytest.approx(np.mean(predicted == y))
    assert result["error_pct"] == pytest.approx(100 * (1 - result["accuracy"]))
    assert [row["n"] for row in result["per_class"]] == [2] * 10
    per_class = [np.mean(predicted[y == d] == d) for d in range(10)]
    assert [row["accuracy"] for row in result["per_class"]] == pytest.approx(per_class)


def test_evaluate_table(tmp_path, untrained_model_path, capsys):
    write_digits_npz(tmp_path / "digits.npz", per_digit=1)
    assert main(["evaluate", "--data", str(tmp_path / "digits.npz"), "--model", str(untrained_model_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("10 test images: accuracy") and len(out.splitlines()) == 12


def bad_npz_files(tmp_path: Path) -> list[Path]:
    text, npy, keys, shape, labels = (tmp_path / n for n in ("t.npz", "a.npy", "k.npz", "s.npz", "l.npz"))
    text.write_text("hello")
    np.save(npy, np.zeros((2, 28, 28), np.uint8))
    np.savez(keys, x_train=np.zeros((2, 28, 28), np.uint8))
    np.savez(shape, x_test=np.zeros((2, 32, 32), np.uint8), y_test=np.zeros(2, int))
    np.savez(labels, x_test=np.zeros((2, 28, 28), np.uint8), y_test=np.array([3, 10]))
    return [text, npy, keys, shape, labels, tmp_path / "missing.npz"]


def test_bad_npz_exits_2(tmp_path, untrained_model_path, capsys):
    for path in bad_npz_files(tmp_path):
        assert main(["evaluate", "--data", str(path), "--model", str(untrained_model_path)]) == 2, path
        captured = capsys.readouterr()
        assert captured.err.startswith("error:") and str(path) in captured.err and captured.out == ""


# The image-file reader (lenet/image_file.py).


def png_bytes(image: Image.Image, **save_args) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **save_args)
    return buffer.getvalue()


def test_path_bytes_and_file_objects_read_the_same(image_dir):
    path = image_dir / "a_seven.png"
    expected = draw_digit(7)
    np.testing.assert_array_equal(load_image(path), expected)
    np.testing.assert_array_equal(load_image(str(path)), expected)
    np.testing.assert_array_equal(load_image(path.read_bytes()), expected)
    with open(path, "rb") as handle:
        np.testing.assert_array_equal(load_image(handle), expected)


def test_exif_orientation_is_applied():
    stored = np.zeros((20, 40), np.uint8)
    stored[:5, :10] = 255  # a mark in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned, show rotated 90 degrees clockwise
    upright = load_image(png_bytes(Image.fromarray(stored), exif=exif))
    np.testing.assert_array_equal(upright, np.rot90(stored, k=-1))


@pytest.mark.parametrize(
    "image, shape, dtype",
    [
        (Image.new("P", (8, 6)), (6, 8, 3), np.uint8),
        (Image.new("LA", (8, 6)), (6, 8, 4), np.uint8),
        (Image.new("1", (8, 6)), (6, 8), np.uint8),
        (Image.new("I;16", (8, 6)), (6, 8), np.uint16),
    ],
    ids=["palette", "LA", "1-bit", "16-bit"],
)
def test_modes_become_arrays_preprocess_takes(image, shape, dtype):
    array = load_image(png_bytes(image))
    assert array.shape == shape and array.dtype == dtype


def test_palette_transparency_becomes_alpha():
    image = Image.new("P", (8, 6))
    image.info["transparency"] = 0
    assert load_image(png_bytes(image, transparency=0)).shape == (6, 8, 4)


def test_sixteen_bit_grey_keeps_its_digit():
    gray = draw_digit(2).astype(np.uint16) * 257
    array = load_image(png_bytes(Image.fromarray(gray)))
    np.testing.assert_allclose(preprocess(array).input32, preprocess(draw_digit(2)).input32, atol=1e-5)


def test_unreadable_sources_raise_invalid_image_error(image_dir, tmp_path):
    empty = tmp_path / "empty.png"
    empty.touch()
    for source, words in [
        (image_dir / "c_corrupt.png", "damaged"),
        (image_dir / "d_notes.txt", "Not an image"),
        (tmp_path / "missing.png", "No such file"),
        (tmp_path, "No such file"),
        (empty, "empty"),
        ((image_dir / "c_corrupt.png").read_bytes(), "damaged"),
    ]:
        with pytest.raises(InvalidImageError, match=words):
            load_image(source)


def test_size_limits(monkeypatch, image_dir):
    with pytest.raises(InvalidImageError, match="megapixels"):
        load_image(png_bytes(Image.new("1", (8000, 6000))))  # 48 MP in a few kB
    monkeypatch.setattr(image_file, "MAX_BYTES", 500)
    with pytest.raises(InvalidImageError, match="limit"):
        load_image(io.BytesIO(b"\x89PNG" + bytes(1000)))
    assert (image_dir / "a_seven.png").stat().st_size > 500
    with pytest.raises(InvalidImageError, match="limit"):
        load_image(image_dir / "a_seven.png")


def test_decompression_bombs_are_refused(monkeypatch):
    data = png_bytes(Image.new("1", (300, 300)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # Pillow refuses over twice this
    with pytest.raises(InvalidImageError, match="too large"):
        load_image(data)
