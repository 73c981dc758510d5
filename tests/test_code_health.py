"""Lint, format and type checks, run by the test suite so CI (`./run.sh test`) runs them too.

Settings live in pyproject.toml. A failure prints the findings: fix them, or run
`ruff check --fix .` and `ruff format .` for the mechanical ones.
"""

import subprocess
import sys

import pytest

from testkit import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "."],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "."],
    "mypy": [sys.executable, "-m", "mypy", "lenet", "classroom", "train", "launch", "testkit", "ui"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_no_findings(name):
    done = subprocess.run(CHECKS[name], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{name} found problems:\n{done.stdout[-6000:]}{done.stderr[-2000:]}"
