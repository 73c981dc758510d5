"""launch/ (run.py's work and lenet-lab's): the Windows layout and command lines, checked here on Linux with
Windows' paths (there is no Windows machine to run them on), the Python checks, and the wait for the server."""

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path, PureWindowsPath

import pytest

from launch import checks, cli, serve, venv
from testkit import ROOT

TEACHER = PureWindowsPath(r"C:\Users\teacher\Downloads\lenet5-classroom-main")


def test_the_windows_venv_layout():
    python = venv.python_in(TEACHER / ".venv", windows=True)
    assert str(python) == r"C:\Users\teacher\Downloads\lenet5-classroom-main\.venv\Scripts\python.exe"
    assert str(venv.site_packages(TEACHER / ".venv", windows=True)).endswith(r"\.venv\Lib\site-packages")
    assert venv.python_in(Path("/srv/lab/.venv"), windows=False) == Path("/srv/lab/.venv/bin/python")


def test_windows_command_lines():
    python = venv.python_in(TEACHER / ".venv", windows=True)
    install = venv.install_commands(python, TEACHER / "requirements.txt", intel_mac=False)
    assert install == [
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-r", rf"{TEACHER}\requirements.txt"]
    ]
    line = serve.command(python, TEACHER, 8502, None, ["--server.fileWatcherType", "auto"])
    assert line == [
        str(python),
        "-m",
        "streamlit",
        "run",
        rf"{TEACHER}\app.py",
        "--server.port",
        "8502",
        "--server.fileWatcherType",
        "auto",
    ]


def test_an_intel_mac_installs_tensorflow_apart():
    python = Path("/Users/t/lab/.venv/bin/python")
    extra = venv.install_commands(python, Path("/Users/t/lab/requirements-dev.txt"), intel_mac=True)[1]
    assert extra[-4:] == ["--disable-pip-version-check", "--no-deps", "-r", "/Users/t/lab/requirements-intel-mac.txt"]
    assert checks.intel_mac("darwin", "x86_64") and not checks.intel_mac("darwin", "arm64")


def test_windows_long_paths_are_warned_about_before_tensorflow_fails(capsys):
    synced = PureWindowsPath(r"C:\Users\teacher\OneDrive - Lincoln High School\Documents\lenet5-classroom-main\.venv")
    assert venv.warn_long_paths(synced, enabled=False)
    assert "LongPathsEnabled" in capsys.readouterr().err
    assert not venv.warn_long_paths(TEACHER / ".venv", enabled=False)  # 234 characters at the deepest: fits
    assert not venv.warn_long_paths(synced, enabled=True)


@pytest.mark.parametrize(
    ("version", "system", "machine", "advice"),
    [
        ((3, 11), "linux", "x86_64", ""),
        ((3, 13), "darwin", "arm64", ""),
        ((3, 9), "darwin", "arm64", "python3.13 run.py app"),  # the Mac's own python3
        ((3, 13), "darwin", "x86_64", "python3.12 run.py app"),  # no TensorFlow for an Intel Mac past 3.12
        ((3, 14), "win32", "AMD64", "py -3.13 run.py app"),
    ],
)
def test_python_versions(version, system, machine, advice):
    problem = checks.python_problem(version, system, machine)
    assert (advice in problem) if advice else problem == ""


def test_install_once_per_content_in_a_fake_windows_venv(tmp_path, monkeypatch):
    (tmp_path / ".venv" / "Scripts").mkdir(parents=True)
    (tmp_path / ".venv" / "Scripts" / "python.exe").touch()
    (tmp_path / "requirements.txt").write_text("numpy\n")
    monkeypatch.setattr(venv, "WINDOWS", True)
    monkeypatch.setattr(checks, "intel_mac", lambda: False)
    ran: list[list[str]] = []

    def install(root):
        return venv.ensure(root, "requirements.txt", run=lambda line, check: ran.append(line))

    assert install(tmp_path) == tmp_path / ".venv" / "Scripts" / "python.exe"
    assert [line[-2:] for line in ran] == [["-r", str(tmp_path / "requirements.txt")]]
    install(tmp_path)
    assert len(ran) == 1  # same content: nothing to do
    (tmp_path / "requirements.txt").write_text("numpy\npillow\n")
    install(tmp_path)
    assert len(ran) == 2


def test_a_real_venv_is_created_and_installed_into(tmp_path):
    """The POSIX path for real, with an empty requirements file: python -m venv, then pip."""
    (tmp_path / "requirements.txt").write_text("# nothing\n")
    python = venv.ensure(tmp_path, "requirements.txt")
    assert python == tmp_path / ".venv" / "bin" / "python" and python.exists()
    assert (tmp_path / ".venv" / ".installed-requirements.txt").read_text().strip() == venv.requirements_hash(tmp_path)


@pytest.mark.parametrize(
    ("env", "system", "shown"),
    [
        ({}, "win32", True),
        ({}, "darwin", True),
        ({}, "linux", False),  # no display: a server, a container
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"DISPLAY": ":0", "CI": "true"}, "linux", False),
        ({"SSH_CONNECTION": "10.0.0.2 5 10.0.0.1 22"}, "darwin", False),
        ({"LENET_NO_BROWSER": "1"}, "win32", False),
    ],
)
def test_a_browser_opens_only_where_someone_can_see_it(env, system, shown):
    assert serve.has_desktop(env, system) is shown


def test_addresses_and_ports():
    assert serve.url(8501, None) == serve.url(8501, "0.0.0.0") == "http://localhost:8501"
    assert serve.url(8501, "192.168.1.20") == "http://192.168.1.20:8501"
    with socket.socket() as taken:
        taken.bind(("", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve.free_port(port, None) != port
    options, extra = cli.app_parser("run.py app").parse_known_args(["--server.port", "8600", "--theme.base", "dark"])
    assert (options.port, options.address, extra) == (8600, None, ["--theme.base", "dark"])


def test_usage_and_exit_codes(capsys):
    assert cli.main([], ROOT) == 2 and "run.py app" in capsys.readouterr().err
    assert cli.main(["serve"], ROOT) == 2


def test_hand_over_on_windows_waits_and_passes_the_exit_code(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "name", "nt")  # no exec: the child is waited for
    assert cli.hand_over([sys.executable, "-c", "import sys; sys.exit(3)"], tmp_path) == 3


def test_the_address_is_printed_and_opened_once_the_server_answers(tmp_path, monkeypatch, capsys):
    """A stand-in for Streamlit that answers /_stcore/health after a moment, then exits."""
    server = tmp_path / "server.py"
    server.write_text(
        textwrap.dedent(
            """
            import http.server, sys, threading, time
            class Health(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
                def log_message(self, *args): pass
            time.sleep(0.5)
            httpd = http.server.HTTPServer(("127.0.0.1", int(sys.argv[sys.argv.index("--server.port") + 1])), Health)
            threading.Timer(1.5, httpd.shutdown).start()
            httpd.serve_forever()
            """
        )
    )
    opened: list[str] = []
    monkeypatch.setattr(serve.webbrowser, "open", opened.append)
    port = serve.free_port(18501, None)
    code = serve.serve([sys.executable, str(server), "--server.port", str(port)], tmp_path, None, browser=True)
    assert code == 0 and opened == [f"http://localhost:{port}"]
    assert f"open http://localhost:{port}" in capsys.readouterr().out


def test_run_sh_hands_everything_to_run_py():
    done = subprocess.run(["bash", str(ROOT / "run.sh")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "python run.py app" in done.stderr


def test_the_tests_debian_packages_include_the_container_tools(monkeypatch):
    """`./run.sh test` as root on Debian apt-gets what is missing: with nothing found, every package, podman's
    tools for tests/e2e/test_container.py included, in one apt-get install."""
    monkeypatch.setattr(checks.os.path, "exists", lambda path: False)
    monkeypatch.setattr(checks.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    missing = checks.missing_services()
    assert missing == ["chromium", "postgresql", "nginx", "podman", "podman-compose", "mmdebstrap", "runc", "uidmap"]
    monkeypatch.setattr(checks.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(checks.os, "geteuid", lambda: 0, raising=False)
    lines = []
    monkeypatch.setattr(checks.subprocess, "run", lambda line, **kwargs: lines.append(line))
    checks.install_services(missing)
    assert lines[-1] == ["apt-get", "install", "-y", "-qq", *missing]
    monkeypatch.setattr(checks.os.path, "exists", lambda path: True)
    monkeypatch.setattr(checks.glob, "glob", lambda pattern: ["/usr/lib/postgresql/15/bin/initdb"])
    assert checks.missing_services() == []  # everything here: nothing to install


@pytest.mark.parametrize(("outside", "expected"), [(None, "1"), ("4", "4")])
def test_a_server_runs_numpys_products_on_one_thread_unless_told_otherwise(outside, expected):
    """OpenBLAS' threads cost an Invariance run ~40 ms of CPU for nothing on a busy server (launch/cli.py): every
    server the launcher starts gets OPENBLAS_NUM_THREADS=1, unless the environment asks for more."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if outside is not None:
        env["OPENBLAS_NUM_THREADS"] = outside
    code = "from launch.cli import SERVER_ENV; print(SERVER_ENV['OPENBLAS_NUM_THREADS'])"
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == expected
