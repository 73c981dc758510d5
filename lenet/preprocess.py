"""Turn any image of one digit into LeNet-5's 32x32 input, the way MNIST was made.

MNIST (LeCun et al. 1998, Section III-A): the digit's bounding box is scaled to fit 20x20
keeping its aspect ratio (anti-aliased), then placed in a 28x28 field so that its centre of mass
is at the field's centre. LeNet-5 sees that field padded to 32x32, background -0.1, ink 1.175.
An image whose strokes are thinner, for its size, than 98 % of MNIST's digits' is first thickened to theirs, and a
canvas drawing (drawn=True) to MNIST's median (normalise_stroke, lenet/stroke.py); MNIST's own digits (from_mnist,
mnist_to_input) are as they are.
"""

from dataclasses import dataclass

import numpy as np
from PIL import Image

from lenet.paper import INPUT_BACKGROUND, INPUT_FOREGROUND
from lenet.stroke import STROKE_WORK, THINNEST, TYPICAL, dilate, thicken_steps

BOX = 20  # the digit's longest side after scaling
FIELD = 28  # MNIST's image side
PAD = 2  # (32 - 28) / 2
FIELD_CENTRE = 14.0  # where MNIST's own digits have their centre of mass (mean 14.0, sd 0.29)
MIN_CONTRAST = 0.15  # ink must differ from the background by this much of the full range
INK_THRESHOLD = 0.25  # of the ink range: what counts as ink for the bounding box
DOT_FRACTION = 0.08  # an ink box smaller than this fraction of the image is only a dot
MAX_INK_FRACTION = 0.5  # more ink than background means no plain background at all
_LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R 601, as Pillow's "L" conversion


class DigitImageError(ValueError):
    """The image cannot be turned into a digit; the message says why, in words for the user."""


class InvalidImageError(DigitImageError):
    """The array is not an image: wrong shape, dtype or values."""


class NoDigitError(DigitImageError):
    """The image is an image, but there is no single digit in it (blank, a dot, all ink)."""


@dataclass(frozen=True)
class Preprocessed:
    """Every stage of the pipeline, for showing; `x` is what the model receives."""

    ink: np.ndarray  # (H, W) in [0, 1], 1 = ink, whatever the original polarity
    inverted: bool  # the original was dark ink on a light background
    bbox: tuple[int, int, int, int]  # (top, left, bottom, right) of the ink, bottom/right exclusive
    box20: np.ndarray  # (20, 20) the ink box scaled to fit, centred by geometry
    field28: np.ndarray  # (28, 28) placed by centre of mass, in [0, 1]
    input32: np.ndarray  # (32, 32) padded and scaled to [-0.1, 1.175]

    @property
    def x(self) -> np.ndarray:
        """The model input, (32, 32, 1) float32."""
        return self.input32[..., None].astype("float32")


def to_gray(image: np.ndarray) -> np.ndarray:
    """(H, W), (H, W, 1|3|4) of any numeric dtype -> (H, W) float64 luminance in [0, 1]."""
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[-1] not in (3, 4)):
        raise InvalidImageError(f"Expected a grey, RGB or RGBA image, got an array of shape {array.shape}.")
    if array.size == 0:
        raise InvalidImageError("The image is empty (0 pixels).")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool) or np.iscomplexobj(array):
        raise InvalidImageError(f"Pixels must be numbers, not {array.dtype}.")
    values = _unit_range(array)
    if values.ndim == 2:
        return values
    gray = values[..., :3] @ _LUMA
    if values.shape[-1] == 4:
        gray = _composite(gray, values[..., 3])
    return np.clip(gray, 0.0, 1.0)


def _unit_range(array: np.ndarray) -> np.ndarray:
    """Pixel values as float64 in [0, 1]: integers by their type's range, floats as 0-1 or 0-255."""
    if array.dtype in (np.uint8, np.uint16):
        return array / np.iinfo(array.dtype).max
    values = array.astype(np.float64)
    if not np.all(np.isfinite(values)):
        raise InvalidImageError("The image has NaN or infinite pixel values.")
    if values.max() > 1.0:  # an 8-bit image stored as float or int
        values = values / 255.0
    return np.clip(values, 0.0, 1.0)


def _composite(gray: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Flatten RGBA onto a background that contrasts with the ink (which is where alpha is)."""
    if alpha.min() == alpha.max():  # opaque (or uniformly translucent): colour alone is the image
        return gray
    ink_colour = np.average(gray, weights=alpha)  # colour of the visible strokes
    background = 1.0 if ink_colour < 0.5 else 0.0
    return gray * alpha + background * (1.0 - alpha)


def to_ink(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """Light-on-dark ink in [0, 1] with the background at 0; the border decides the polarity."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    inverted = background > 0.5  # photos and scans: dark ink on light paper
    ink = 1.0 - gray if inverted else gray
    background = 1.0 - background if inverted else background
    contrast = float(ink.max()) - background
    if contrast < MIN_CONTRAST:
        raise NoDigitError("No digit found: the image is blank (nothing stands out from the background).")
    # clip((ink - background) / contrast, 0, 1) in one new array (in `ink` itself when it is already our copy):
    # a server's script thread pays page faults for every fresh 280x280 float array, ~0.1 ms each (issue 23)
    scaled = np.subtract(ink, background, out=ink if inverted else None)
    scaled /= contrast
    return np.clip(scaled, 0.0, 1.0, out=scaled), inverted


def ink_bbox(ink: np.ndarray) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the pixels that are ink; rejects dots and all-ink images."""
    mask = ink > INK_THRESHOLD
    if mask.mean() > MAX_INK_FRACTION:
        raise NoDigitError("No digit found: the image is mostly ink. Use one digit on a plain background.")
    top, left, bottom, right = mask_bbox(mask)
    if max(bottom - top, right - left) < DOT_FRACTION * max(ink.shape):
        raise NoDigitError("No digit found: the drawing is only a dot. Draw the digit larger.")
    return top, left, bottom, right


def mask_bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the True pixels of a non-empty mask, bottom/right exclusive."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def fit_box(crop: np.ndarray, side: int = BOX) -> np.ndarray:
    """Scale so the longest side is `side`, keeping the aspect ratio, by area averaging."""
    height, width = crop.shape
    scale = side / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # Pillow wants (w, h)
    fitted = np.asarray(Image.fromarray(crop.astype(np.float32)).resize(size, Image.Resampling.BOX))
    return np.clip(fitted / fitted.max(), 0.0, 1.0)  # strokes thinned by averaging stay full ink


def stroke_mask(crop: np.ndarray) -> np.ndarray:
    """The ink crop scaled so its longest side is STROKE_WORK, as a bool mask of what counts as ink (a lower
    threshold than half keeps a fine pen's lines, thinned by the area averaging, joined)."""
    return fit_box(crop, STROKE_WORK) > INK_THRESHOLD


def normalise_stroke(crop: np.ndarray, least: float = THINNEST) -> np.ndarray:
    """The ink crop with strokes at least `least` of its longest side thick (lenet/stroke.py: THINNEST, as 98 % of
    MNIST's pens left them, or TYPICAL, their median), cropped to its ink (issue 27: fine pens read as other
    digits); the crop itself when thick enough."""
    mask = stroke_mask(crop)
    steps = thicken_steps(mask, least)
    if steps == 0:
        return crop
    pen = dilate(np.pad(mask, steps), steps)  # padded first: nothing falls off the frame
    top, left, bottom, right = mask_bbox(pen)
    return pen[top:bottom, left:right].astype(np.float64)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, col) of the intensity-weighted mean pixel position."""
    rows, cols = np.indices(image.shape)
    total = image.sum()
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def place_by_mass(digit: np.ndarray, field: int = FIELD, centre: float = FIELD_CENTRE) -> np.ndarray:
    """Paste `digit` in a (field, field) zero image with its centre of mass nearest to `centre`."""
    height, width = digit.shape
    row, col = centre_of_mass(digit)
    # Whole-pixel shifts (no resampling blur); clamped so no ink falls off the field.
    top = int(np.clip(round(centre - row), 0, field - height))
    left = int(np.clip(round(centre - col), 0, field - width))
    out = np.zeros((field, field))
    out[top : top + height, left : left + width] = digit
    return out


def centre_box(digit: np.ndarray, side: int = BOX) -> np.ndarray:
    """Paste `digit` at the geometric centre of a (side, side) zero image (for display)."""
    out = np.zeros((side, side))
    top, left = (side - digit.shape[0]) // 2, (side - digit.shape[1]) // 2
    out[top : top + digit.shape[0], left : left + digit.shape[1]] = digit
    return out


def to_model_range(field: np.ndarray) -> np.ndarray:
    """[0, 1] ink -> the paper's input range, background -0.1 and ink 1.175."""
    return INPUT_BACKGROUND + (INPUT_FOREGROUND - INPUT_BACKGROUND) * field


def preprocess(image: np.ndarray, drawn: bool = False) -> Preprocessed:
    """Any single-digit image -> every MNIST-style stage; raises DigitImageError with a reason.
    `drawn`: the image is a canvas drawing (one round pen), whose strokes are brought to MNIST's typical width."""
    ink, inverted = to_ink(to_gray(image))
    top, left, bottom, right = ink_bbox(ink)
    digit = fit_box(normalise_stroke(ink[top:bottom, left:right], TYPICAL if drawn else THINNEST))
    field28 = place_by_mass(digit)
    input32 = to_model_range(np.pad(field28, PAD))
    return Preprocessed(ink, inverted, (top, left, bottom, right), centre_box(digit), field28, input32)


def from_mnist(x28: np.ndarray) -> Preprocessed:
    """The stages of a digit MNIST already preprocessed (28x28 uint8), for showing; its `x` is exactly
    `mnist_to_input`'s, what the model was tested on, so stored predictions stay valid."""
    ink = np.asarray(x28, dtype=np.float64) / 255.0
    mask = ink > INK_THRESHOLD
    if not mask.any():
        raise NoDigitError("No digit found: this MNIST image is blank.")
    top, left, bottom, right = mask_bbox(mask)
    crop = ink[top:bottom, left:right]
    box20 = centre_box(fit_box(crop) if max(crop.shape) > BOX else crop)
    input32 = mnist_to_input(np.asarray(x28)[None])[0, ..., 0]
    return Preprocessed(ink, False, (top, left, bottom, right), box20, ink, input32)


def mnist_to_input(images: np.ndarray) -> np.ndarray:
    """MNIST uint8 (N, 28, 28) -> model inputs (N, 32, 32, 1) float32: already centred, just pad."""
    field = np.pad(images.astype(np.float32) / 255.0, ((0, 0), (PAD, PAD), (PAD, PAD)))
    return to_model_range(field)[..., None].astype(np.float32)
