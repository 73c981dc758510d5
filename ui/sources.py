"""Where the digit comes from: drawn on the canvas, picked from the MNIST gallery, or uploaded."""

import os

import numpy as np
import streamlit as st

import lenet
from lenet import viz
from lenet.assets import SAMPLES_PATH
from lenet.image_file import load_image
from lenet.preprocess import from_mnist
from lenet.text import one_line
from ui import canvas, class_common
from ui.digit_source import CLASS, DRAW, GALLERY, SOURCES, UPLOAD, Source
from ui.i18n import N_, _, translator
from ui.plain import FILE_NAME_CHARS, plain

SAMPLES_ENV = "LENET_SAMPLES"  # tests may point the gallery at another file
WRONG = N_("The model got these wrong")  # a gallery choice; the selectbox shows _(choice)
PREVIEW_PX = 196
_PREPARED = "digit_prepared"  # session state: (image, source, its preprocessing) of the last run
ALL = N_("All digits")
ONLY = tuple(f"Only {d}s" for d in range(10))  # the gallery's choices, English (its widget keys); shown translated

DRAW_HINT = N_("Draw a digit from 0 to 9 in the black square. LeNet-5 answers when you lift the pen.")
GALLERY_MISSING = N_(
    "The gallery of MNIST digits is not installed yet (assets/mnist_samples.npz). Draw a digit instead."
)
UPLOAD_HINT = N_("Upload a PNG or JPEG photo or scan of ONE digit (dark on light or light on dark).")


def source_ui() -> Source:
    """The input selector; returns the chosen source (Class only once a drawing was opened on the class wall)."""
    offered = SOURCES if class_common.has_opened() else tuple(s for s in SOURCES if s != CLASS)
    name = st.radio(
        _("Input"), [source.name for source in offered], format_func=translator(), key="source", horizontal=True
    )
    return next(source for source in offered if source.name == name)


@st.cache_data(show_spinner=False)
def load_samples(path: str) -> dict[str, np.ndarray] | None:
    """The gallery arrays x (N, 28, 28) uint8, y (N,) and pred (N,), or None if absent or malformed."""
    try:
        with np.load(path) as data:
            samples = {key: np.asarray(data[key]) for key in ("x", "y", "pred")}
    except (OSError, KeyError, ValueError):
        return None
    n = len(samples["x"])
    ok = samples["x"].shape[1:] == (28, 28) and len(samples["y"]) == n == len(samples["pred"])
    return samples if ok and n else None


def _filter(samples: dict[str, np.ndarray], choice: str) -> np.ndarray:
    """Indices of the gallery digits in the chosen set."""
    if choice == WRONG:
        return np.flatnonzero(samples["y"] != samples["pred"])
    if choice in ONLY:
        return np.flatnonzero(samples["y"] == ONLY.index(choice))
    return np.arange(len(samples["y"]))


def _gallery_labels() -> dict[str, str]:
    """Each gallery choice as the page shows it, in this run's language (a format_func may run after the run)."""
    labels = {choice: _("Only {digit}s").format(digit=digit) for digit, choice in enumerate(ONLY)}
    return {ALL: _(ALL), **labels, WRONG: _(WRONG)}


def gallery_ui() -> np.ndarray | None:
    """Pick an MNIST digit; returns it as (28, 28) uint8, or None."""
    samples = load_samples(os.environ.get(SAMPLES_ENV, str(SAMPLES_PATH)))
    if samples is None:
        st.info(_(GALLERY_MISSING), icon=":material/photo_library:")
        return None
    labels = _gallery_labels()
    choice = st.selectbox(_("Show"), list(labels), format_func=labels.__getitem__, key="gallery_set")
    indices = _filter(samples, choice)
    if not len(indices):
        st.info(_("No digits in this set."))
        return None
    number = st.slider(_("Example"), 1, len(indices), key=f"gallery_{choice}") if len(indices) > 1 else 1
    i = int(indices[number - 1])
    caption = _("MNIST label {label}").format(label=samples["y"][i])
    if choice == WRONG:
        caption += " · " + _("the default model said {digit}").format(digit=samples["pred"][i])
    st.image(
        viz.upscale_to(viz.grey_rgb(samples["x"][i], 0, 255), PREVIEW_PX),
        caption=caption,
        alt=_("An MNIST test digit, labelled {label}").format(label=samples["y"][i]),
    )
    return samples["x"][i]


def upload_ui() -> np.ndarray | None:
    """Upload an image file; returns it as an array, or None (with a friendly note) if it is not one."""
    file = st.file_uploader(_("A photo or scan of one digit"), type=["png", "jpg", "jpeg"], key="upload")
    if file is None:
        st.info(_(UPLOAD_HINT), icon=":material/upload:")
        return None
    try:
        image = load_image(file)
    except lenet.DigitImageError as err:
        st.warning(plain(err), icon=":material/help:")
        return None
    st.image(_preview(image), width=PREVIEW_PX, alt=_("The uploaded image"))
    st.text(one_line(file.name, FILE_NAME_CHARS))  # st.text: a caption is Markdown, a name may hold ![](http://…)
    return image


def _preview(image: np.ndarray) -> np.ndarray:
    """16-bit grey scaled to 8 bits (st.image would clip it at 255: a white square); others as they are."""
    return viz.grey_rgb(image, 0, np.iinfo(np.uint16).max) if image.dtype == np.uint16 else image


def _prepare(image: np.ndarray | None, source: Source) -> lenet.Preprocessed | None:
    """Every preprocessing stage of `image`, or None with a hint when there is no usable digit."""
    if image is None:
        if source == DRAW:
            st.info(_(DRAW_HINT), icon=":material/draw:")
        return None
    kept = st.session_state.get(_PREPARED)
    if kept is not None and kept[0] is image and kept[1] == source:
        return kept[2]  # the same image object (ui/canvas.py keeps its decoded drawing): ~2 ms saved a run
    try:
        prep = from_mnist(image) if source.mnist_ready else lenet.preprocess(image, drawn=source == DRAW)
    except lenet.DigitImageError as err:
        st.warning(plain(err), icon=":material/help:")
        return None
    st.session_state[_PREPARED] = (image, source, prep)
    return prep


def digit_ui() -> tuple[Source, lenet.Preprocessed | None]:
    """The input panel: source selector and its widget; returns (source, preprocessed digit or None)."""
    source = source_ui()
    readers = {
        DRAW: canvas.canvas_ui,
        GALLERY: gallery_ui,
        UPLOAD: upload_ui,
        CLASS: class_common.opened_ui,
    }
    image = readers[source]()
    return source, _prepare(image, source)
