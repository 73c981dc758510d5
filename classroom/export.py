"""The class's digits as files: MNIST's npz layout (for `python -m lenet evaluate --data`), CSV, a zip of PNGs.
Each function returns bytes, so the app can offer them as downloads and the CLI can write them.

A class's lesson row (classroom/lesson.py: the mode, tab, lab settings and pushed input its teacher chose) is
not exported: it holds no student data (a pushed wall drawing is only its id; its pixels are the drawing's,
exported with it). It is erased with the class (ON DELETE CASCADE). The students' answers to the teacher's
challenges (classroom/challenge.py) are student data: answers_to_csv and answers_to_npz export them."""

import csv
import io
import zipfile

import numpy as np
from PIL import Image

from classroom.challenge import Answer, Challenge, fooled, right
from classroom.records import Drawing, student_numbers

CSV_COLUMNS = ("id", "meant", "answered", "confidence", "time", "alias")
ANSWER_COLUMNS = (
    *("id", "challenge", "question", "meant", "choice", "answered", "confidence", "right", "fooled"),
    *("time", "alias"),
)
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


def answers_to_csv(challenges: dict[int, Challenge], answers: list[Answer]) -> bytes:
    """One row per answer: the challenge's id and words, what was meant or chosen (the choice's words), LeNet-5's
    answer and confidence, right and fooled (1/0), time (UTC), alias; no cell is ever a formula."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(ANSWER_COLUMNS)
    for a in answers:
        asked = challenges[a.challenge_id]
        choice = "" if a.choice is None else asked.choices[a.choice]
        cells = [a.id, asked.id, asked.prompt, _blank(a.meant), choice, _blank(a.label)]
        cells += ["" if a.confidence is None else f"{a.confidence:.4f}", int(right(asked, a)), int(fooled(a))]
        cells += [a.created_at.isoformat() if a.created_at else "", a.alias or ""]
        writer.writerow([inert(str(cell)) for cell in cells])
    return text.getvalue().encode()


def _blank(value) -> object:
    return "" if value is None else value


def answers_to_npz(answers: list[Answer]) -> bytes:
    """The drawn answers: x (N, 28, 28) uint8, meant (N,) and answered (N,) uint8, confidence (N,) float32,
    challenge (N,) and ids (N,) int64 (to find each in the answers CSV)."""
    drawn = [a for a in answers if a.pixels is not None]
    x = np.stack([a.pixels for a in drawn if a.pixels is not None]) if drawn else np.zeros((0, 28, 28), np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        x=x,
        meant=np.array([a.meant for a in drawn], np.uint8),
        answered=np.array([a.label for a in drawn], np.uint8),
        confidence=np.array([a.confidence for a in drawn], np.float32),
        challenge=np.array([a.challenge_id for a in drawn], np.int64),
        ids=np.array([a.id for a in drawn], np.int64),
    )
    return buffer.getvalue()


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
