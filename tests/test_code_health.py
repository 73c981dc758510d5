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


def clashing_test_names(paths: list[Path]) -> dict[str, list[str]]:
    """File names used by more than one test module: tests/ has no __init__.py, so pytest imports each test file
    by its bare name and refuses the second one ("import file mismatch") — the whole suite stops at collection."""
    by_name: dict[str, list[str]] = {}
    for path in paths:
        by_name.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    return {name: places for name, places in by_name.items() if len(places) > 1}


def test_no_two_test_files_share_a_name():
    assert clashing_test_names(sorted(TESTS.rglob("test_*.py"))) == {}


def test_the_name_rule_sees_a_clash():
    planted = [TESTS / "classroom" / "test_x.py", TESTS / "e2e" / "test_x.py", TESTS / "test_y.py"]
    assert clashing_test_names(planted) == {"test_x.py": ["tests/classroom/test_x.py", "tests/e2e/test_x.py"]}
