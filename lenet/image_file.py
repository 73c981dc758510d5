"""Read an image file (a path, bytes or a binary file object) into an array for `lenet.preprocess`."""

import io
import warnings
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from lenet.preprocess import InvalidImageError

MAX_BYTES = 20 * 1024 * 1024  # bigger files are not photos of one digit
MAX_PIXELS = 40_000_000  # decoding more would take seconds and gigabytes
# Longest side kept after decoding: bigger images are shrunk (area average) before any float
# conversion, so a 6300x6300 RGBA costs ~1 MB of pixels instead of 1.3 GB of float64. A digit is
# at least DOT_FRACTION (8 %) of the image, so it keeps >= 41 px, twice the 20 px box it is fitted to.
MAX_SIDE = 512
MIN_SIDE = 5  # px: a digit needs a few pixels each way (a 2000x1 strip would shrink to nothing in a preview)
MAX_ASPECT = 16  # a digit's box is at most ~1:4; a photo of one is far from 16:1
ARRAY_MODES = ("L", "RGB", "RGBA", "I;16", "I;16B", "I;16L")  # modes `preprocess` takes as they are

ImageSource = str | Path | bytes | bytearray | memoryview | BinaryIO


def load_image(source: ImageSource) -> np.ndarray:
    """The image as (H, W) or (H, W, 3|4) uint8 ((H, W) uint16 for 16-bit grey), upright per EXIF.

    Raises InvalidImageError, with a message for the user, when the source is missing, too large
    or not an image Pillow can decode.
    """
    data = _read_bytes(source)
    try:
        return _decode(data)
    except InvalidImageError:
        raise
    except UnidentifiedImageError as err:
        raise InvalidImageError("Not an image file (or not a format Pillow can read).") from err
    except Image.DecompressionBombError as err:  # Pillow refuses over twice its limit, before we see the size
        raise InvalidImageError(_too_large(f"over {2 * (Image.MAX_IMAGE_PIXELS or 0):,} pixels")) from err
    except Exception as err:  # Pillow raises many types for corrupt data; all mean the same to a user.
        reason = str(err) or type(err).__name__
        raise InvalidImageError(f"The image file is damaged or unreadable ({reason}).") from err


def _decode(data: bytes) -> np.ndarray:
    """Decode the first frame, shrunk to MAX_SIDE, converted to a mode `preprocess` takes, upright."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # _check_pixels says it better
        with Image.open(io.BytesIO(data)) as image:
            _check_pixels(image.size)
            image.draft(None, (MAX_SIDE, MAX_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale directly
            small = _supported_mode(image)  # before shrinking: Pillow resizes palettes without averaging
            small.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BOX)  # only ever shrinks
            array = np.asarray(ImageOps.exif_transpose(small))  # phone photos are stored sideways
    return array.astype(array.dtype.newbyteorder("="))  # big-endian 16-bit (I;16B) as native uint16


def _read_bytes(source: ImageSource) -> bytes:
    """The file's bytes, refusing anything over MAX_BYTES."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise InvalidImageError("No such file.")
        size = path.stat().st_size
        if size > MAX_BYTES:  # refuse before reading it all
            raise InvalidImageError(f"The file is {_mb(size)}; the limit is {_mb(MAX_BYTES)}.")
        data = path.read_bytes()
    else:
        data = source.read(MAX_BYTES + 1)  # one byte more tells us the file is too large
    if len(data) > MAX_BYTES:
        raise InvalidImageError(f"The file is over the limit of {_mb(MAX_BYTES)}.")
    if not data:
        raise InvalidImageError("The file is empty.")
    return data


def _check_pixels(size: tuple[int, int]) -> None:
    """Refuse images over MAX_PIXELS, or too thin for a digit, before their pixels are decoded (the header
    gives the size)."""
    width, height = size
    if width * height > MAX_PIXELS:
        raise InvalidImageError(_too_large(f"{width}x{height}, {width * height / 1e6:.0f} megapixels"))
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_ASPECT * min(width, height):
        raise InvalidImageError(
            f"The image is {width}×{height} pixels: too thin to hold a digit. "
            f"Upload a photo or scan at least {MIN_SIDE} pixels each way, no more than {MAX_ASPECT} times wider than high."
        )


def _too_large(size: str) -> str:
    return (
        f"The image is too large ({size}); the limit is {MAX_PIXELS / 1e6:.0f} megapixels. Scale the image down first."
    )


def _supported_mode(image: Image.Image) -> Image.Image:
    """Palette, 1-bit, LA, CMYK, ... -> L, RGB or RGBA, keeping any transparency as alpha."""
    if image.mode in ARRAY_MODES:
        return image
    if "A" in image.mode or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("L" if image.mode in ("1", "I", "F") else "RGB")


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MB"
