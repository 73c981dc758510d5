"""Issue 9, items 3 and 7: image and model files that cost gigabytes or were misreported."""

import io
import struct
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path

import keras
import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet import image_file
from lenet.image_file import MAX_SIDE, load_image
from lenet.model import ModelLoadError, build_lenet5, load_model
from lenet.paper import LAYER_NAMES
from lenet.preprocess import InvalidImageError, preprocess
from testkit import ROOT
from testkit.digits import draw_digit

BIG_SIDE = 6300  # 39.7 megapixels: just under image_file.MAX_PIXELS, so it is accepted
EXTRA_RSS_MB = 500  # allowed above a small image's peak; the full-size float64 pipeline took +2,300 MB

PEAK_RSS = """import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "lenet", "predict", *sys.argv[1:]], capture_output=True, text=True)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, run.stdout.strip())
"""


def predict_peak_rss(path: Path) -> tuple[int, float, str]:
    """(exit code, peak RSS in MB, stdout) of `python -m lenet predict path`, alone in a fresh parent."""
    run = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    code, kilobytes, stdout = run.stdout.split(" ", 2)
    return int(code), int(kilobytes) / 1024, stdout


def big_rgba_png(path: Path) -> Path:
    """A 7 on a transparent 6300x6300 RGBA PNG (a few hundred KB on disk, 159 MB of pixels)."""
    ink = Image.new("L", (BIG_SIDE, BIG_SIDE), 0)
    ImageDraw.Draw(ink).line([(2200, 2000), (4100, 2000), (2900, 4300)], fill=255, width=150, joint="curve")
    black = Image.new("L", ink.size, 0)
    Image.merge("RGBA", (black, black, black, ink)).save(path)
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A 1x1 PNG whose header (with a valid checksum) claims width x height."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)  # IHDR's first two fields
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # CRC of "IHDR" and its 13 bytes
    return bytes(data)


def test_a_big_png_costs_hundreds_of_megabytes_not_gigabytes(tmp_path, untrained_model_path):
    small = tmp_path / "small.png"
    Image.fromarray(draw_digit(7)).save(small)
    big = big_rgba_png(tmp_path / "big.png")
    baseline = predict_peak_rss(small)
    measured = predict_peak_rss(big)
    assert baseline[0] == 0 and measured[0] == 0, (baseline, measured)
    assert measured[1] - baseline[1] < EXTRA_RSS_MB, f"peak {measured[1]:.0f} MB vs {baseline[1]:.0f} MB"


def test_a_big_image_is_shrunk_before_conversion():
    scan = draw_digit(3, size=2000, thickness=60, polarity="dark_on_light", mode="RGB")
    buffer = io.BytesIO()
    Image.fromarray(scan).save(buffer, "JPEG", quality=90)
    image = load_image(buffer.getvalue())
    assert image.dtype == np.uint8 and max(image.shape[:2]) == MAX_SIDE
    full = preprocess(np.asarray(Image.open(buffer)))
    np.testing.assert_allclose(preprocess(image).field28, full.field28, atol=0.35)  # the same digit, placed alike


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_images_up_to_max_side_are_decoded_unchanged(mode):
    array = draw_digit(5, size=MAX_SIDE, thickness=20, mode=mode)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    np.testing.assert_array_equal(load_image(buffer.getvalue()), array)


def test_big_endian_16_bit_grey_reads_as_native_uint16():
    gray = draw_digit(2).astype(np.uint16) * 257
    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, "PNG")  # PNG stores 16-bit big-endian: Pillow opens it as I;16B
    image = load_image(buffer.getvalue())
    assert image.dtype == np.uint16 and image.dtype.byteorder in "=|"
    np.testing.assert_array_equal(image, gray)


def test_a_decompression_bomb_gets_the_apps_own_message():
    with pytest.raises(InvalidImageError) as caught:
        load_image(png_claiming(20_000, 20_000))
    message = str(caught.value)
    assert "megapixels" in message and "Scale the image down" in message
    assert "decompression bomb" not in message.lower() and "DOS" not in message


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
@pytest.mark.parametrize("size", [(2000, 1), (30000, 1), (1, 2000), (4, 4), (3000, 100)])
def test_a_strip_too_thin_for_a_digit_gets_a_message_not_a_traceback(fmt, size):
    """A 2000x1 upload crashed the preview ("height and width must be > 0") once shrunk to MAX_SIDE."""
    buffer = io.BytesIO()
    Image.new("L", size, 200).save(buffer, fmt)
    with pytest.raises(InvalidImageError, match="too thin to hold a digit"):
        load_image(buffer.getvalue())


def test_the_server_refuses_uploads_soon_after_the_apps_limit():
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["fileWatcherType"] == "none"
    app_limit_mb = image_file.MAX_BYTES / 2**20
    assert app_limit_mb < server["maxUploadSize"] <= 2 * app_limit_mb


def test_a_corrupt_model_file_says_corrupt_not_missing(tmp_path, untrained_model_path):
    path = tmp_path / "half.keras"
    data = untrained_model_path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelLoadError) as caught:
        load_model(path)
    assert "corrupt" in str(caught.value) and "not found" not in str(caught.value).lower()


def save_renamed(path: Path, layer_for) -> Path:
    """A functional model with layers named C1..OUTPUT, each made by layer_for(name)."""
    inputs = keras.Input((32, 32, 1), name="input")
    x = keras.layers.Flatten(name="flatten")(inputs)
    for name in LAYER_NAMES:
        x = layer_for(name)(x)
    keras.Model(inputs, x).save(path)
    return path


def test_dense_layers_renamed_c1_to_output_are_refused(tmp_path):
    path = save_renamed(tmp_path / "dense.keras", lambda name: keras.layers.Dense(10, name=name))
    with pytest.raises(ModelLoadError, match="C1 is a Dense layer, not a Conv2D"):
        load_model(path)


def test_a_lenet5_with_other_sizes_is_refused(tmp_path):
    def widen_c5(layer):  # 100 C5 maps instead of the paper's 120; every other layer as built
        config = layer.get_config() | ({"filters": 100} if layer.name == "C5" else {})
        return type(layer).from_config(config)

    keras.models.clone_model(build_lenet5(), clone_function=widen_c5).save(tmp_path / "wide.keras")
    with pytest.raises(ModelLoadError, match="C5 has output"):
        load_model(tmp_path / "wide.keras")
