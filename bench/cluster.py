"""Several `streamlit run app.py` processes behind Debian's nginx, on 127.0.0.1, started and stopped cleanly.

    python -m bench.cluster --servers 3 [--port 8080] [--db postgresql+psycopg://...]   # until Ctrl-C
    python -m bench.cluster --servers 2 --port 8501 --address 0.0.0.0   # a class of 160 on a 2-core laptop

nginx runs in the foreground with its own prefix and configuration (deploy/nginx.conf.template) in a
temporary folder; sessions are sticky by a cookie (see the template). The class store's URL is passed to
every server as LENET_CLASS_DB. `cluster(0)` is one plain server without nginx, so the load benchmark
measures 0 (direct), 1, 2, 3 servers the same way.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.harness.common import ROOT, log, parser
from bench.harness.server import LOG_DIR, Server, free_port, start_server, stop_server
from bench.harness.timed_server import read_runlog

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
CLASS_DB_ENV = "LENET_CLASS_DB"
UPSTREAM = "        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;"  # passive health check per server
START_TIMEOUT_S = 30
LOCAL = "127.0.0.1"  # where the servers listen, and nginx unless told otherwise (tests, benchmarks)


@dataclass
class Cluster:
    """What the load benchmark drives: a URL, the processes to measure, and their per-run server times."""

    url: str
    servers: list[Server]
    nginx: subprocess.Popen | None
    runlog: Path

    @property
    def pids(self) -> list[int]:
        return [s.pid for s in self.servers] + ([self.nginx.pid] if self.nginx else [])

    def server_ms(self, since: float) -> list[float]:
        """Server time of every stroke (a run whose BackMsg carried a canvas value) finished since `since`."""
        return [ms for _, ms, _, stroke in read_runlog(str(self.runlog), since) if stroke]


def nginx_conf(port: int, upstream_ports: list[int], prefix: Path, address: str = LOCAL) -> str:
    servers = "\n".join(UPSTREAM.format(port=p) for p in upstream_ports)
    fields = {"{{LISTEN}}": f"{address}:{port}", "{{SERVERS}}": servers, "{{PREFIX}}": str(prefix)}
    text = TEMPLATE.read_text()
    for field, value in fields.items():
        text = text.replace(field, value)
    return text


def wait_ok(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer ok within {timeout:.0f} s")


@contextmanager
def start_nginx(port: int, upstream_ports: list[int], address: str = LOCAL):
    """A foreground nginx on address:port with its own prefix; stopped (SIGQUIT: graceful) on exit."""
    prefix = Path(tempfile.mkdtemp(prefix="lenet-nginx-"))
    prefix.chmod(0o755)  # run as root, nginx's workers are `nobody`
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(port, upstream_ports, prefix, address))
    with open(prefix / "stderr.log", "w") as err:
        process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        wait_ok(f"http://{LOCAL if address == '0.0.0.0' else address}:{port}/_stcore/health", process)
        yield process
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


@contextmanager
def cluster(
    n: int,
    log_dir: Path = LOG_DIR,
    db_url: str | None = None,
    port: int | None = None,
    address: str = LOCAL,
    timed: bool = True,
):
    """`n` servers behind nginx on address:port (n = 0: one server, no nginx); yields a Cluster, stops
    everything after. `timed`: the servers log each run's time (bench/harness/timed_server.py), for the benchmarks."""
    log_dir.mkdir(exist_ok=True)
    runlog = log_dir / f"runs-{os.getpid()}-{time.time_ns()}.log"
    env = {CLASS_DB_ENV: db_url} if db_url else {}
    with ExitStack() as stack:
        servers = []
        for _ in range(max(n, 1)):
            server = start_server("app.py", runlog if timed else None, port=None if n else port, env=env)
            stack.callback(stop_server, server)
            servers.append(server)
        for server in servers:
            server.wait_healthy()
        if not n:
            yield Cluster(servers[0].url, servers, None, runlog)
            return
        port = port or free_port()
        nginx = stack.enter_context(start_nginx(port, [int(s.url.rsplit(":", 1)[1]) for s in servers], address))
        yield Cluster(f"http://127.0.0.1:{port}", servers, nginx, runlog)


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--servers", type=int, default=2, help="streamlit processes (about one per core)")
    p.add_argument("--port", type=int, default=8080, help="nginx listens on ADDRESS:PORT")
    p.add_argument("--address", default=LOCAL, help="nginx's address; 0.0.0.0 lets the class's devices in")
    p.add_argument("--db", default=os.environ.get(CLASS_DB_ENV), help=f"class store URL, passed as {CLASS_DB_ENV}")
    args = p.parse_args(argv)
    with cluster(args.servers, db_url=args.db, port=args.port, address=args.address, timed=False) as running:
        log(f"cluster: {args.servers} servers behind nginx at {running.url} (Ctrl-C stops them all)")
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it as cleanly as Ctrl-C
        try:
            while running.nginx.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
