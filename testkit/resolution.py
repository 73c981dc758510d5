"""What `pip install -r requirements.txt` gets on each platform and Python, answered here without those machines:
`uv pip compile --python-platform P --python-version V --only-binary :all:` against pip's package index.

    python -m testkit.resolution      # the markdown table of docs/install.md (a minute; uv caches the index)

Intel Macs install TensorFlow apart (requirements.txt says why): there the check resolves requirements.txt alone,
then again with requirements-intel-mac.txt and protobuf held at the first answer's version; the second answer
must be the first plus TensorFlow, or its own dependencies are missing from requirements.txt.
"""

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from testkit import ROOT

PYPI = "https://pypi.org/simple"
# uv's names for the platforms teachers have, as docs/install.md names them
PLATFORMS = {
    "Windows x86-64": "x86_64-pc-windows-msvc",
    "macOS Apple silicon": "aarch64-apple-darwin",
    "macOS Intel": "x86_64-apple-darwin",
    "Linux x86-64": "x86_64-manylinux_2_28",
    "Linux aarch64": "aarch64-manylinux_2_28",
}
INTEL_MAC = "macOS Intel"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")  # TensorFlow 2.21's; streamlit 1.67 needs 3.11 or newer
SHOWN = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "protobuf")  # the table's columns
FILES = {"runtime": ["requirements.txt"], "dev": ["requirements-dev.txt"]}


@dataclass(frozen=True)
class Answer:
    """One resolution: the pinned versions ({name: version}), or the resolver's reason for having none."""

    pins: dict[str, str]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def tensorflow(self) -> str:
        """ "tensorflow-cpu 2.21.0" or "tensorflow 2.21.0" (what the table shows), or ""."""
        return next((f"{name} {self.pins[name]}" for name in SHOWN[:2] if name in self.pins), "")


def find_uv() -> str | None:
    """The uv of this environment (requirements-dev.txt installs it), else one on PATH."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def pip_index() -> str:
    """The index pip uses here (its environment, then its config files), else PyPI. pip's extra indexes are
    left out: uv would prefer them for every package they hold, and they are this machine's, not a teacher's."""
    if os.environ.get("PIP_INDEX_URL"):
        return os.environ["PIP_INDEX_URL"]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, timeout=60, check=False
    )
    found = dict(re.findall(r"^(\S+)\.index-url='([^']*)'$", done.stdout, re.MULTILINE))
    return found.get("install") or found.get("global") or PYPI


def unreachable(index: str) -> str:
    """Why `index` cannot answer ("" when it can): a short request for one small project page."""
    url = f"{index.rstrip('/')}/uv/"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=15):
            return ""
    except OSError as err:
        return f"no package index reachable at {index} ({err})"


def compile_pins(uv: str, index: str, files: list[str], platform: str, python: str, override: str = "") -> Answer:
    """uv's resolution of `files` (paths from the repository root) for one platform and Python, wheels only."""
    command = [uv, "pip", "compile", *files, "--python", sys.executable, "--no-python-downloads"]
    command += ["--python-platform", platform, "--python-version", python, "--only-binary", ":all:"]
    command += ["--index-url", index, "--no-header", "--no-annotate", "--quiet"]
    env = {**os.environ, "UV_NO_CONFIG": "1"}  # a developer's uv.toml must not change the answer
    if override:
        command += ["--override", override]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False, env=env)
    if done.returncode != 0:
        reason = " ".join(line.strip() for line in done.stderr.splitlines() if "cause:" in line or "hint:" in line)
        return Answer({}, reason or done.stderr.strip()[-500:])
    return Answer(dict(re.findall(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==(\S+)", done.stdout, re.MULTILINE)))


def intel_mac_tensorflow(uv: str, index: str, python: str, alone: Answer, scratch: Path) -> Answer:
    """requirements.txt plus requirements-intel-mac.txt with protobuf held at `alone`'s version (what --no-deps
    installs over it); an error when that needs anything `alone` lacks or pins differently."""
    if not alone.ok:
        return alone
    override = scratch / f"protobuf-{python}.txt"
    override.write_text(f"protobuf=={alone.pins['protobuf']}\n")
    files = ["requirements.txt", "requirements-intel-mac.txt"]
    both = compile_pins(uv, index, files, PLATFORMS[INTEL_MAC], python, str(override))
    if both.ok:
        extra = {name: version for name, version in both.pins.items() if alone.pins.get(name) != version}
        if set(extra) != {"tensorflow-cpu"}:
            return Answer({}, f"TensorFlow's --no-deps install would miss or change {sorted(extra)}")
    return both


def resolve_all(uv: str, index: str, scratch: Path) -> dict[tuple[str, str, str], Answer]:
    """{(set, platform, python): Answer} for the runtime and dev sets everywhere, plus ("intel-mac", ...)."""
    jobs = [(kind, name, python) for kind in FILES for name in PLATFORMS for python in PYTHONS]

    def one(job: tuple[str, str, str]) -> Answer:
        kind, name, python = job
        return compile_pins(uv, index, FILES[kind], PLATFORMS[name], python)

    def mac(python: str) -> Answer:
        return intel_mac_tensorflow(uv, index, python, answers["runtime", INTEL_MAC, python], scratch)

    with ThreadPoolExecutor(max_workers=4) as pool:  # uv waits on the network more than on the CPU
        answers = dict(zip(jobs, pool.map(one, jobs)))
        answers.update(zip([("intel-mac", INTEL_MAC, python) for python in PYTHONS], pool.map(mac, PYTHONS)))
    return answers


def table(answers: dict[tuple[str, str, str], Answer]) -> str:
    """The markdown table of docs/install.md: one row per platform and Python."""
    rows = [
        "| platform | Python | TensorFlow | Keras | NumPy | protobuf | dev tools |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in PLATFORMS:
        for python in PYTHONS:
            runtime, dev = answers["runtime", name, python], answers["dev", name, python]
            if name == INTEL_MAC and runtime.ok:
                mac = answers["intel-mac", name, python]
                runtime = Answer({**runtime.pins, **mac.pins}, mac.error)
            if not runtime.ok:
                rows.append(f"| {name} | {python} | **no**: {_short(runtime.error)} | | | | |")
                continue
            pins = runtime.pins
            rows.append(
                f"| {name} | {python} | {runtime.tensorflow} | {pins.get('keras', '')} | {pins.get('numpy', '')} "
                f"| {pins.get('protobuf', '')} | {'ok' if dev.ok else 'no'} |"
            )
    return "\n".join(rows)


def _short(error: str) -> str:
    """The resolver's reason in a few words, for a table cell."""
    if found := re.search(r"(\S+)==(\S+) depends on Python(>=[\d.]+)", error):
        return f"{found[1]} {found[2]} needs Python {found[3]}"
    if found := re.search(
        r"Because (\S+?)(?:\{[^}]*\})?([<>=~!]\S*) has no (?:usable wheels|wheels with a matching)", error
    ):
        return f"no wheel of {found[1]}{found[2]} for this Python"
    return error.split(", we can conclude")[0].replace("cause: ", "").replace("|", "/")[:160]


if __name__ == "__main__":
    import tempfile

    uv = find_uv()
    if uv is None:
        sys.exit("uv is not installed here (pip install uv)")
    index = pip_index()
    if reason := unreachable(index):
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as scratch:
        print(table(resolve_all(uv, index, Path(scratch))))
