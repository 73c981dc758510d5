"""What the tests, the benchmarks (bench/) and the screenshots (docs/screenshots.py) share: the repository's
root and the artifacts folder, live servers (servers.py), subprocesses (procs.py), drawn digits (digits.py,
class_digits.py, sends.py), PostgreSQL (pg.py), the erase tests' scan of the database files (scan.py), the
AppTest factory (apptest.py) and a led lesson's pages (lesson.py), Chromium (chromium.py, with strokes.py for
the drawing tests and class_pages.py for class mode), the frozen Keras-based lab the engine's lab is held to
(keras_lab.py), its gradients (keras_gradient.py), what pip resolves on each platform (resolution.py), the
gettext catalogues' checks (catalogue.py) and the container images and compose stack (container.py).
Every helper a test module needs from elsewhere lives here: no test module imports another
(tests/test_code_health.py). Not shipped: pyproject.toml's installed packages leave it out."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"  # logs, screenshots and reports of the tests and benchmarks
APP = ROOT / "app.py"
