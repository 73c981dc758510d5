"""The school server of docs/school-server.md, for real: the repository's Dockerfiles built with podman (the base
image from Debian's packages, the app with TENSORFLOW=no to keep the build short), deploy/compose.yaml started on
127.0.0.1 (two apps, nginx, PostgreSQL), a class started with the teacher PIN and a drawing sent to it through
nginx, then everything removed. One build, one stack, several checks; its figures go to
test-artifacts/container.json. Skipped where podman is missing, failing under CI."""

import json
import os
import re
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field

import pytest
import requests
from playwright.sync_api import expect

from bench.load.protocol import Session, load_drawings
from testkit import ARTIFACTS, container
from testkit.chromium import FIRST_LOAD_MS, draw_with_mouse, prediction, settled
from testkit.servers import free_port

UP_TIMEOUT_S = 180  # compose up to nginx answering with an app behind it, on a busy 2-core machine
LENET = ("lenet-entrypoint", "lenet")  # the class store's command line in an app container, with its secrets
STUDENTS = 6  # websocket clients drawing through nginx before the memory is read again


@dataclass
class Stack:
    url: str
    project: str
    env: dict[str, str]
    pin: str
    db_password: str
    figures: dict = field(default_factory=dict)

    def app(self, n: int) -> str:
        return f"{self.project}_app{n}_1"  # podman-compose's container names


def first_prediction(url: str) -> str | None:
    """One student over Streamlit's websocket (bench/load): the page, then a recorded drawing; its answer."""
    session = Session(url)
    try:
        session.rerun()
        return session.draw(load_drawings()[0]).prediction
    finally:
        session.close()


def wait_for_nginx(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/_stcore/health", timeout=2).text == "ok":  # an app answered behind nginx
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"nothing answered {url}/_stcore/health through nginx in {timeout_s:.0f} s")


def wait_for_each_app(stack: Stack, timeout_s: float) -> None:
    """nginx answers once one app does; its sticky sessions may send a browser to the other, still starting (its
    schema upgrade waits for PostgreSQL): a page then waits past a test's timeout. Both apps healthy, then on."""
    deadline = time.monotonic() + timeout_s
    for n in (1, 2):
        while subprocess.run(
            ["podman", "healthcheck", "run", stack.app(n)], env=stack.env, capture_output=True, check=False
        ).returncode:
            assert time.monotonic() < deadline, f"{stack.app(n)} not healthy in {timeout_s:.0f} s"
            time.sleep(0.5)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    env = container.podman_env(folder)
    if missing := container.missing_tools(env):
        message = f"{' '.join(missing)} not found (apt-get install -y podman podman-compose mmdebstrap runc uidmap)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    ARTIFACTS.mkdir(exist_ok=True)
    started = time.monotonic()
    figures: dict = {"build_s": container.build(env, ARTIFACTS / "container-build.log")}
    figures["build_total_s"] = round(time.monotonic() - started, 1)
    figures["image_mb"] = {
        name: container.image_mb(env, name) for name in (container.APP_IMAGE, *container.OTHER_IMAGES)
    }
    shutil.copy(container.COMPOSE, folder / "compose.yaml")
    (folder / "secrets").mkdir()
    pin, db_password = secrets.token_urlsafe(9), secrets.token_urlsafe(18)
    for name, value in (("teacher_pin", pin), ("db_password", db_password)):
        (folder / "secrets" / name).write_text(value + "\n")
        (folder / "secrets" / name).chmod(0o644)  # read by the containers' own users (the folder guards them)
    port, project = free_port(), f"lenettest{os.getpid()}"
    env_up = {**env, "LENET_BIND": "127.0.0.1", "LENET_PORT": str(port), "LENET_IMAGE": container.APP_IMAGE}
    stack = Stack(f"http://127.0.0.1:{port}", project, env, pin, db_password, figures)
    try:
        up = time.monotonic()
        container.compose(env_up, folder, project, "up", "-d", "--no-build")
        wait_for_nginx(stack.url, UP_TIMEOUT_S)
        figures["up_to_health_s"] = round(time.monotonic() - up, 1)
        wait_for_each_app(stack, UP_TIMEOUT_S)
        figures["up_to_both_apps_s"] = round(time.monotonic() - up, 1)
        figures["rss_idle_mib"] = [container.rss_mib(env, stack.app(n)) for n in (1, 2)]
        answer = first_prediction(stack.url)
        figures["up_to_first_prediction_s"] = round(time.monotonic() - up, 1)
        assert answer == str(load_drawings()[0]["digit"]), answer
        yield stack
    finally:
        for n in (1, 2):
            logs = container.podman(env, "logs", stack.app(n), check=False)
            (ARTIFACTS / f"container-app{n}.log").write_text(logs)
        container.remove_stack(env, folder, project)
        (ARTIFACTS / "container.json").write_text(json.dumps(figures, indent=1))


def test_only_nginx_publishes_a_port(stack):
    published = {
        c["Labels"]["com.docker.compose.service"]: c["Ports"] for c in container.containers(stack.env, stack.project)
    }
    assert sorted(published) == ["app1", "app2", "db", "nginx"]
    assert [service for service, ports in published.items() if ports] == ["nginx"], published
    assert [(p["host_ip"], p["container_port"]) for p in published["nginx"]] == [("127.0.0.1", 8080)]


def test_the_app_container(stack):
    """Non-root, no compiler, no TensorFlow (TENSORFLOW=no), healthy by its HEALTHCHECK, secrets not in sight."""
    probe = "id -u; command -v gcc cc || true; python3 -c 'import tensorflow' 2>/dev/null || echo no-tensorflow"
    assert container.podman(stack.env, "exec", stack.app(1), "sh", "-c", probe).split() == ["10001", "no-tensorflow"]
    container.podman(stack.env, "healthcheck", "run", stack.app(1))  # exits non-zero unless healthy
    inspected = container.podman(stack.env, "inspect", stack.app(1), stack.app(2))
    assert stack.pin not in inspected and stack.db_password not in inspected  # files, not environment variables


def test_a_class_through_nginx(browser, stack):
    """The teacher types the server's PIN and starts a class; a student draws and sends; both apps see it stored."""
    teacher = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    teacher.goto(f"{stack.url}/?tab=Class")
    try:
        teacher.get_by_label("The server's teacher PIN").fill(stack.pin, timeout=FIRST_LOAD_MS)  # a first page
    except Exception:  # what the page showed instead, for whoever reads CI's artifacts
        teacher.screenshot(path=ARTIFACTS / "container_teacher.png", full_page=True)
        (ARTIFACTS / "container_teacher.txt").write_text(teacher.inner_text("body"))
        raise
    settled(teacher)
    teacher.get_by_role("button", name="Start a class").click()
    started = teacher.get_by_text(re.compile(r"Class [A-Z0-9]{8} started"))
    expect(started).to_be_visible(timeout=FIRST_LOAD_MS)
    code = re.search(r"Class ([A-Z0-9]{8}) started", started.inner_text()).group(1)
    teacher.goto(f"{stack.url}/?tab=Watch it learn")  # an image without TensorFlow says why it cannot train
    expect(teacher.get_by_text("This server was installed without TensorFlow")).to_be_visible(timeout=FIRST_LOAD_MS)
    teacher.context.close()

    student = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    student.goto(f"{stack.url}/?class={code}")
    expect(student.get_by_text(f"You are in class {code}")).to_be_visible(timeout=FIRST_LOAD_MS)
    draw_with_mouse(student, 4)
    expect(prediction(student)).to_be_visible(timeout=FIRST_LOAD_MS)
    settled(student)
    student.get_by_test_id("stRadio").filter(has_text="I meant").get_by_text("4", exact=True).click()
    settled(student)
    student.get_by_role("button", name="Send to class").click()
    expect(student.get_by_text(re.compile(r"Sent as #\d+"))).to_be_visible(timeout=FIRST_LOAD_MS)
    student.context.close()

    for n in (1, 2):  # one PostgreSQL behind both apps
        listed = json.loads(container.podman(stack.env, "exec", stack.app(n), *LENET, "class", "list", "--json"))
        assert [(c["code"], c["drawings"]) for c in listed] == [(code, 1)], listed


def test_a_few_students_memory(stack):
    """A few students draw through nginx (each stroke answered right); the apps' memory before and after."""
    drawings = load_drawings()[:3]
    for _ in range(STUDENTS):
        session = Session(stack.url)
        try:
            session.rerun()
            answers = [(session.draw(drawing).prediction, str(drawing["digit"])) for drawing in drawings]
        finally:
            session.close()
        assert all(shown == meant for shown, meant in answers), answers
    stack.figures["rss_after_students_mib"] = [container.rss_mib(stack.env, stack.app(n)) for n in (1, 2)]
    stack.figures["students"] = STUDENTS
    assert all(mib < 690 for mib in stack.figures["rss_after_students_mib"])  # Community Cloud's smallest limit
