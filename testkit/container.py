"""Podman for tests/e2e/test_container.py: the images of the Dockerfiles built here (the base from Debian's packages,
deploy/base.sh), the compose stack of deploy/compose.yaml started and removed, and its containers' memory."""

import json
import os
import resource
import shutil
import subprocess
import time
from pathlib import Path

from testkit import ROOT

BASE = "docker.io/library/debian:bookworm-slim"  # what `FROM debian:bookworm-slim` finds (deploy/base.sh)
APP_IMAGE = "lenet5-classroom:test"  # the test's own tag (compose.yaml's LENET_IMAGE): a real one is left alone
OTHER_IMAGES = {"lenet5-nginx": "deploy/nginx.Dockerfile", "lenet5-postgres": "deploy/postgres.Dockerfile"}
COMPOSE = ROOT / "deploy" / "compose.yaml"
TOOLS = ("podman", "podman-compose")
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"  # Debian's, with any certificate this machine added
BUILD_TIMEOUT_S = 900


def missing_tools(env: dict[str, str]) -> list[str]:
    """The commands this test needs and lacks (mmdebstrap only while the base image is not there yet)."""
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if not missing and not shutil.which("mmdebstrap") and not _exists(env, BASE):
        missing.append("mmdebstrap")
    return missing


def podman_env(folder: Path) -> dict[str, str]:
    """The environment of every podman call: a containers.conf of the test's own. crun cannot start a container
    on some hosts (this project's, itself a container), runc can; and podman asks for resource limits above this
    process's own, which such a host refuses, so they are the ones this process has (processes: at most 4096)."""
    files = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    processes = min(resource.getrlimit(resource.RLIMIT_NPROC)[1], 4096)
    runtime = 'runtime = "runc"\n' if shutil.which("runc") else ""
    conf = folder / "containers.conf"
    conf.write_text(
        f'[engine]\n{runtime}cgroup_manager = "cgroupfs"\nevents_logger = "file"\n\n'
        f'[containers]\ndefault_ulimits = ["nofile={files}:{files}", "nproc={processes}:{processes}"]\n'
    )
    return {**os.environ, "CONTAINERS_CONF": str(conf)}


def podman(env: dict[str, str], *args: str, timeout: float = 120, check: bool = True) -> str:
    """`podman args...`; its stdout. A failure raises with the end of its output."""
    done = subprocess.run(["podman", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if check and done.returncode:
        raise AssertionError(f"podman {' '.join(args[:3])} failed ({done.returncode}): {done.stderr[-3000:]}")
    return done.stdout


def build(env: dict[str, str], log: Path) -> dict[str, float]:
    """The base image (only if absent), then the app (TENSORFLOW=no), nginx and PostgreSQL images from the
    repository's Dockerfiles, with podman's layer cache; seconds per step."""
    seconds: dict[str, float] = {}
    with log.open("w") as out:
        if not _exists(env, BASE):
            seconds["base"] = _timed(["sh", "deploy/base.sh"], env, out)
        # pip inside the build trusts what this machine trusts (an HTTPS proxy's CA): a build secret, not a layer
        secret = ["--secret", f"id=ca,src={CA_BUNDLE}"] if Path(CA_BUNDLE).is_file() else []
        build_app = ["--build-arg", "TENSORFLOW=no", *secret, "-t", APP_IMAGE, "."]
        before = _image_id(env, APP_IMAGE)
        seconds["app"] = _timed(["podman", "build", "--format", "docker", *build_app], env, out)
        if before and before != _image_id(env, APP_IMAGE):  # the last test's app image: 650 MB of its own layer
            podman(env, "rmi", before, check=False)
        for name, dockerfile in OTHER_IMAGES.items():
            seconds[name] = _timed(
                ["podman", "build", "--format", "docker", "-f", dockerfile, "-t", name, "."], env, out
            )
    return seconds


def _image_id(env: dict[str, str], image: str) -> str:
    return podman(env, "image", "inspect", "--format", "{{.Id}}", image, check=False).strip()


def _exists(env: dict[str, str], image: str) -> bool:
    return subprocess.run(["podman", "image", "exists", image], env=env, check=False).returncode == 0


def _timed(line: list[str], env: dict[str, str], out) -> float:
    started = time.monotonic()
    out.write(f"$ {' '.join(line)}\n")
    out.flush()
    done = subprocess.run(
        line, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT_S, check=False
    )
    assert done.returncode == 0, f"{' '.join(line[:3])} failed ({done.returncode}): see {out.name}"
    return round(time.monotonic() - started, 1)


def image_mb(env: dict[str, str], image: str) -> float:
    return round(json.loads(podman(env, "image", "inspect", image))[0]["Size"] / 1e6, 1)


def compose(env: dict[str, str], folder: Path, project: str, *args: str, timeout: float = 300) -> None:
    """`podman-compose -p project -f folder/compose.yaml args...` in `folder` (its secrets/ sit beside it)."""
    line = ["podman-compose", "-p", project, "-f", str(folder / "compose.yaml"), *args]
    done = subprocess.run(line, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"podman-compose {' '.join(args)} failed: {done.stdout[-2000:]}{done.stderr[-2000:]}"


def remove_stack(env: dict[str, str], folder: Path, project: str) -> None:
    """Everything the stack made: containers, volumes (the drawings) and its network; never raises."""
    line = ["podman-compose", "-p", project, "-f", str(folder / "compose.yaml"), "down", "-v", "-t", "5"]
    subprocess.run(line, cwd=folder, env=env, capture_output=True, timeout=300, check=False)
    for leftover in ("pod", "container", "volume"):  # what down may leave behind after a failed start
        ids = podman(env, leftover, "ls", "-q", "--filter", f"label=io.podman.compose.project={project}", check=False)
        for one in ids.split():
            podman(env, leftover, "rm", "-f", one, check=False)
    for volume in ("classes", "runs"):
        podman(env, "volume", "rm", "-f", f"{project}_{volume}", check=False)
    podman(env, "network", "rm", "-f", f"{project}_default", check=False)


def containers(env: dict[str, str], project: str) -> list[dict]:
    """The stack's containers as `podman ps --format json` lists them."""
    return json.loads(
        podman(env, "ps", "-a", "--format", "json", "--filter", f"label=io.podman.compose.project={project}")
    )


# Sums VmRSS over the container's processes (lenet-lab and its Streamlit server): kB, as /proc gives them.
RSS = "import glob; print(sum(int(line.split()[1]) for f in glob.glob('/proc/[0-9]*/status') for line in open(f) if line.startswith('VmRSS')))"


def rss_mib(env: dict[str, str], name: str) -> float:
    """The resident memory of every process in the app container `name`, in MiB."""
    return round(int(podman(env, "exec", name, "python3", "-c", RSS)) / 1024, 1)
