"""The shipped models' figures have one home, their NAME.metrics.json: the developers' guide quotes them and
must follow when new weights ship (issue 27)."""

import json
import re

import pytest

from lenet.assets import CLASSIC_MODEL_PATH, DEFAULT_MODEL_PATH
from testkit import ROOT

GUIDE = ROOT / "docs" / "developers.md"


def guide_row(model_file: str) -> str:
    rows = [line for line in GUIDE.read_text().splitlines() if line.startswith(f"| `assets/{model_file}`")]
    assert len(rows) == 1, f"docs/developers.md should have one table row for assets/{model_file}"
    return rows[0]


@pytest.mark.parametrize("path", [DEFAULT_MODEL_PATH, CLASSIC_MODEL_PATH], ids=lambda p: p.name)
def test_the_guide_quotes_each_shipped_models_metrics(path):
    metrics = json.loads(path.with_suffix(".metrics.json").read_text())
    row = guide_row(path.name)
    assert f"**{metrics['error_pct']:.2f} %**" in row, row
    assert f"checkpoint of epoch {metrics['selected_epoch']})" in row, row
    command = re.search(r"`\.venv/bin/(python -m train [^`]*)`", row)
    assert command and command.group(1) == metrics["command"], row
