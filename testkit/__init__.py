"""What the tests, the benchmarks (bench/) and the screenshots (docs/screenshots.py) share: the repository's
root and the artifacts folder, live servers (servers.py), subprocesses (procs.py), drawn digits (digits.py,
class_digits.py, sends.py), PostgreSQL (pg.py), the AppTest factory (apptest.py) and Chromium (chromium.py).
Not shipped: pyproject.toml's installed packages leave it out."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"  # logs, screenshots and reports of the tests and benchmarks
APP = ROOT / "app.py"
