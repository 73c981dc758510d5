"""`python -m ...` from the repository root, as the tests and benchmarks run the project's commands."""

import os
import subprocess
import sys

from testkit import ROOT


def python_m(module: str, *args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m module args...` from the repository root, output captured, never raising on its exit code;
    `env` is added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def python_m_with_store(module: str, *args, db: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m module args...` (python_m) with its class store at the database URL `db`."""
    return python_m(module, *args, env={"LENET_CLASS_DB": db, "TF_CPP_MIN_LOG_LEVEL": "2"}, timeout=timeout)


def class_cli(*args, db: str) -> subprocess.CompletedProcess:
    """`python -m lenet args...` (`class new`, `class export` ...) with its class store at `db`."""
    return python_m_with_store("lenet", *args, db=db)
