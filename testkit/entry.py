"""Several command lines of the project's entry points (`python -m lenet ...`, `python -m train ...`) in ONE
fresh Python process: each runs as `python -m` runs it (runpy, `__main__`), with its own stderr (file
descriptor 2, so C-level and logging output count too) and exit code. One TensorFlow import for all of them
instead of one per command (5-15 s each on a busy machine)."""

import json
import subprocess
import sys
from pathlib import Path

from testkit import ROOT

# Runs in the child: argv[1] is a JSON list of [module, args...]; prints a JSON list of [exit code, stderr].
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
