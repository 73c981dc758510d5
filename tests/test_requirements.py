"""requirements.txt installs from wheels on every platform and Python that docs/install.md promises (issue 24),
answered by uv's resolver for those machines (testkit/resolution.py); skipped when no package index answers.
The table it wrote is in test-artifacts/resolution.md (docs/install.md shows it)."""

import pytest
from packaging.requirements import Requirement

from testkit import ROOT, resolution
from testkit.resolution import INTEL_MAC, PLATFORMS

SUPPORTED = ("3.11", "3.12", "3.13")
# What each platform's TensorFlow line picks (requirements.txt, requirements-intel-mac.txt).
TENSORFLOW = {
    "Windows x86-64": "tensorflow-cpu 2.21.0",
    "macOS Apple silicon": "tensorflow 2.21.0",
    INTEL_MAC: "tensorflow-cpu 2.16.2",
    "Linux x86-64": "tensorflow-cpu 2.21.0",
    "Linux aarch64": "tensorflow 2.21.0",
}


@pytest.fixture(scope="session")
def answers(tmp_path_factory):
    """Every resolution, once per test run (about 35 uv runs, 4 at a time: ~30 s with uv's cache, more without)."""
    uv = resolution.find_uv()
    if uv is None:
        pytest.skip("uv is not installed (requirements-dev.txt installs it)")
    index = resolution.pip_index()
    if reason := resolution.unreachable(index):
        pytest.skip(reason)
    found = resolution.resolve_all(uv, index, tmp_path_factory.mktemp("resolution"))
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "resolution.md").write_text(resolution.table(found) + "\n")
    return found


def test_linux_x86_64_python_3_11_resolves_as_before(answers):
    pins = answers["runtime", "Linux x86-64", "3.11"].pins
    assert (pins.get("tensorflow-cpu"), "tensorflow" in pins) == ("2.21.0", False)
    assert (pins.get("streamlit"), pins.get("streamlit-drawable-canvas")) == ("1.67.0", "0.13.0")


@pytest.mark.parametrize("python", SUPPORTED)
@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_wheels_for_every_platform(answers, platform, python):
    runtime, dev = answers["runtime", platform, python], answers["dev", platform, python]
    if platform == INTEL_MAC and python == "3.13":  # TensorFlow 2.16.2 (and its NumPy 1.26) stop at 3.12
        assert not runtime.ok and not answers["intel-mac", platform, python].ok
        return
    assert runtime.ok, runtime.error
    assert dev.ok, dev.error
    if platform == INTEL_MAC:
        runtime = answers["intel-mac", platform, python]
        assert runtime.ok, runtime.error
    assert runtime.tensorflow == TENSORFLOW[platform]
    assert runtime.pins["streamlit"] == "1.67.0"
    assert runtime.pins["keras"].startswith("3.")
    if runtime.pins["numpy"].startswith("1."):  # pyarrow 26 and newer stop at import under NumPy 1
        assert int(runtime.pins["pyarrow"].split(".")[0]) < 26


@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_python_3_10_is_refused_for_streamlit(answers, platform):
    assert "streamlit" in answers["runtime", platform, "3.10"].error


def test_requirements_are_plain_pep_508_lines():
    """pyproject.toml reads requirements.txt as the package's dependencies: one requirement a line, no options,
    no comment after a requirement."""
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and line[0] != "#"]
    for line in lines:
        assert "#" not in line, line
        Requirement(line)  # raises on anything else
