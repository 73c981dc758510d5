"""Lint, format and type checks, run by the test suite so CI (`./run.sh test`) runs them too; and one rule of
the test kit: no test module imports another (shared helpers live in testkit/, shared fixtures in a conftest.py).

Settings live in pyproject.toml. A failure prints the findings: fix them, or run
`ruff check --fix .` and `ruff format .` for the mechanical ones.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

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


TESTS = ROOT / "tests"
# A module run by `python -c` in a test can import a test module too: "from tests.x import y" in a string.
IMPORT_IN_TEXT = re.compile(r"\b(?:from|import)\s+tests\b")


def imports_of_test_modules(path: Path, source: str) -> list[str]:
    """The imports in `source` (the file at `path`) that reach a test module: `tests` or below it, a relative
    import, or a module named like a file of tests/ (pytest puts a test's folder on sys.path: `import conftest`)."""
    local = {p.stem for p in TESTS.rglob("*.py")}
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = ["." * node.level + (node.module or "")]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and IMPORT_IN_TEXT.search(node.value):
            names = ["tests (in a string)"]
        else:
            continue
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {name}"
            for name in names
            if name.startswith((".", "tests")) or name.split(".")[0] in local
        ]
    return found


def test_no_test_module_imports_another():
    """Shared helpers go in testkit/, fixtures that several files use in a conftest.py: a test module that imports
    another runs its module-level code and fixtures twice, and moving a test breaks others."""
    found = [hit for path in sorted(TESTS.rglob("*.py")) for hit in imports_of_test_modules(path, path.read_text())]
    assert found == [], "test modules importing a test module:\n" + "\n".join(found)


# Planted imports, one per spelling; "{tests}" stands for the package's name, so that this file itself holds none.
PLANTED = [
    "from {tests}.e2e.test_fit import open_tab",
    "import {tests}.resolution",
    "from {tests} import keras_lab",
    "from . import strokes",
    "import conftest",
    "from test_app import run_app",
    'CODE = "from {tests}.test_live import TINY"',
]


@pytest.mark.parametrize("planted", PLANTED)
def test_the_import_rule_sees_every_spelling(planted):
    source = planted.format(tests="tests")
    assert imports_of_test_modules(TESTS / "test_x.py", source), source
