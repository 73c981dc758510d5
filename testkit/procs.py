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
