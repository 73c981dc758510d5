"""`python -m ...` from the repository root, as the tests and benchmarks run the project's commands; several of
them in one fresh process (run_entry_points: one TensorFlow import for all, 5-15 s each on a busy machine)."""

import json
import os
import subprocess
import sys
from pathlib import Path

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


# Runs in the child: each command as `python -m` runs it (runpy, `__main__`), with its own file descriptor 2, so
# C-level and logging output count too. argv[1]: a JSON list of [module, args...]; prints [[exit code, stderr], ...].
RUNNER = r"""
import json, os, runpy, sys, tempfile, traceback
results = []
for module, *args in json.loads(sys.argv[1]):
    with tempfile.TemporaryFile("w+") as err:
        sys.stdout.flush(); sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(err.fileno(), 2)
        sys.argv = [module, *args]
        try:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush(); sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        err.seek(0)
        results.append([code, err.read()])
print("\n" + json.dumps(results))
"""


def run_entry_points(commands: list[list[str | Path]], timeout: float = 600) -> list[subprocess.CompletedProcess]:
    """Each `[module, args...]` of `commands` as `python -m module args...` would run it, all in one child
    process from the repository root; a CompletedProcess (returncode, stderr; stdout empty) for each."""
    lines = json.dumps([[str(part) for part in command] for command in commands])
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, lines], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True
    )
    results = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        subprocess.CompletedProcess([sys.executable, "-m", *map(str, command)], code, "", stderr)
        for command, (code, stderr) in zip(commands, results, strict=True)
    ]
