"""The command lines: `python run.py app | test` in a clone (./run.sh calls it), and `lenet-lab` once installed."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from launch import checks, serve, venv

USAGE = """usage: python run.py app [--port N] [--address A] [--no-browser] [Streamlit options]
       python run.py test [pytest arguments]
(Windows: py run.py ...; Linux and macOS: ./run.sh app | ./run.sh test)"""
# What every app server gets (./run.sh app, lenet-lab, the container, the benchmarks' servers); the environment's
# own value wins. glibc keeps up to 8 malloc arenas per core for a threaded process (a script run is a thread):
# 2 cut the peak RSS of two servers at 160 students from 1,633 to 1,492 MB (issue 13). NumPy's OpenBLAS runs a
# batch's matrix products on every core and spins its threads while it waits: an Invariance run (126 digits)
# cost 112-118 ms of CPU with them, 72-76 ms with one, at the same wall time (`bench.profile_stroke --tab
# Invariance --no-profile`, alternating; a Prediction stroke, batch 1, 13.5-14.8 ms either way). A server
# answering many students at once keeps its cores for their sessions.
SERVER_ENV = {
    "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
    "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
}


def app_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Serve the LeNet-5 classroom and open it in a browser.")
    parser.allow_abbrev = False  # Streamlit's own options pass through untouched
    parser.add_argument("--port", "--server.port", type=int, help=f"default {serve.DEFAULT_PORT}, or the next free one")
    parser.add_argument("--address", "--server.address", help="the address to listen on (default: all of them)")
    parser.add_argument("--no-browser", action="store_true", help="only print the address to open")
    return parser


def main(argv: list[str], root: Path) -> int:
    """`python run.py app|test ...` for the clone at `root`."""
    if not argv or argv[0] not in ("app", "test"):
        print(USAGE, file=sys.stderr)
        return 2
    if not venv.python_in(root / ".venv").exists() and checks.python_problem():
        print(f"error: {checks.python_problem()}", file=sys.stderr)
        return 2
    try:
        if argv[0] == "app":
            return app(root, argv[1:])
        return test(root, argv[1:])
    except subprocess.CalledProcessError as err:
        print(
            f"error: {err.cmd[0]} {' '.join(err.cmd[1:4])} ... failed (exit {err.returncode}); see above",
            file=sys.stderr,
        )
        return err.returncode or 1


def app(root: Path, args: list[str]) -> int:
    python = venv.ensure(root, "requirements.txt")
    options, extra = app_parser("run.py app").parse_known_args(args)
    return start(python, root, options, extra)


def test(root: Path, args: list[str]) -> int:
    python = venv.ensure(root, "requirements-dev.txt")
    if sys.platform.startswith("linux"):
        checks.install_services(checks.missing_services())
    return hand_over([str(python), "-m", "pytest", *args], root)


def lab_main(argv: list[str] | None = None) -> int:
    """`lenet-lab`: the installed app, served with its shipped settings from wherever this is typed."""
    options, extra = app_parser("lenet-lab").parse_known_args(argv)
    from lenet.paths import PROJECT_DIR  # installed: site-packages/lenet5_classroom (app.py, assets/, .streamlit/)

    if importlib.util.find_spec("tensorflow") is None:  # it serves on the NumPy engine: only training needs it
        print(no_tensorflow(PROJECT_DIR), file=sys.stderr)
    return start(Path(sys.executable), PROJECT_DIR, options, extra)


def start(python: Path, project: Path, options: argparse.Namespace, extra: list[str]) -> int:
    port = options.port or serve.free_port(serve.DEFAULT_PORT, options.address)
    line = serve.command(python, project, port, options.address, extra)
    browser = not options.no_browser and serve.has_desktop()
    return serve.serve(line, project, options.address, browser, env=SERVER_ENV)


def no_tensorflow(project: Path) -> str:
    """What TensorFlow's absence costs and how to add it: on an Intel Mac it is installed apart (requirements.txt says
    why); a container image built with TENSORFLOW=no (Dockerfile) leaves it out on purpose."""
    lines = (project / venv.INTEL_MAC_EXTRA).read_text().splitlines()
    pin = next(line.split(";")[0].strip() for line in lines if line and not line.startswith("#"))
    without = "note: TensorFlow is not installed, so Watch it learn cannot train (the rest of the app works)"
    if checks.intel_mac():
        return f"{without}; on an Intel Mac, after the rest: pip install --no-deps {pin}"
    return f"{without}; pip install lenet5-classroom brings it"


def hand_over(line: list[str], cwd: Path) -> int:
    """Run `line` to its end as if it were this process: exec on POSIX (its signals and exit code are its own);
    on Windows, which has no exec, wait for it, Ctrl-C included (it reaches the child too, which reports)."""
    sys.stdout.flush()
    if os.name == "posix":
        os.chdir(cwd)
        os.execv(line[0], line)
    child = subprocess.Popen(line, cwd=cwd)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:
            continue
