"""Class store under load: 40 concurrent senders on SQLite and on PostgreSQL — sends/s, p95 latency, 0 lost.

Each sender is one student (its own session token) in its own thread, sending distinct drawings as fast
as it can, and every drawing twice (the double click): the store must keep each exactly once. Baseline,
same run and database: one sender alone. sends/s counts every call, the double clicks included.
PostgreSQL is Debian's server started in a temporary folder.
"""

import tempfile
import threading
import time

from bench.harness.common import emit, log, parser, ratio, stats_ms, table
from classroom import ClassStore, store
from testkit.pg import PG_BIN, Server
from testkit.sends import digit

SENDERS = 40
GOAL = "0 lost and 0 doubled with 40 concurrent senders, on SQLite and on PostgreSQL"


def load(url: str, senders: int, per_sender: int) -> dict:
    """`senders` threads each send `per_sender` distinct drawings (each twice); timings of the first sends."""
    s = ClassStore(url)
    code, _ = s.new_class()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(senders)

    def sender(k: int) -> None:
        start.wait()
        for i in range(per_sender):
            seed = k * per_sender + i
            t0 = time.perf_counter()
            try:
                s.add_drawing(code, f"student{k}", seed % 10, seed % 10, 0.9, digit(seed))
                elapsed = time.perf_counter() - t0
                s.add_drawing(code, f"student{k}", seed % 10, seed % 10, 0.9, digit(seed))  # the double click
            except Exception as err:  # noqa: BLE001  (counted: a lost send)
                with lock:
                    errors.append(repr(err))
                continue
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=sender, args=(k,)) for k in range(senders)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    kept = s.drawings(code)
    expected = senders * per_sender
    s.close()
    return {
        "senders": senders,
        "sends": expected,
        "kept": len(kept),
        "lost": expected - len({d.id for d in kept}),
        "doubled": len(kept) - len({d.pixels.tobytes() for d in kept}),
        "errors": errors[:3],
        "sends_per_s": round(2 * expected / wall, 1),
        **stats_ms(latencies),
    }


def backend(name: str, url: str, per_sender: int) -> dict:
    log(f"{name}: 1 sender (baseline), then {SENDERS}")
    single = load(url, 1, per_sender)
    many = load(url, SENDERS, per_sender)
    return {
        "backend": name,
        "single": single,
        "concurrent": many,
        "p95_over_single": ratio(many["p95_ms"], single["p95_ms"]),
    }


def run(per_sender: int) -> dict:
    per_sender = min(per_sender, store.MAX_PER_MINUTE // 2)  # each send is made twice: stay under the rate limit
    results = [backend("sqlite", f"sqlite:///{tempfile.mkdtemp()}/classes.db", per_sender)]
    if (PG_BIN / "initdb").exists():
        server = Server()
        try:
            results.append(backend("postgresql", server.new_database(), per_sender))
        finally:
            server.stop()
    else:
        log(f"PostgreSQL not found in {PG_BIN}: skipped")
    met = len(results) == 2 and all(r["concurrent"]["lost"] == 0 == r["concurrent"]["doubled"] for r in results)
    return {"name": "classdb", "goal": GOAL, "met": met, "per_sender": per_sender, "results": results}


def lines(result: dict) -> list[str]:
    rows = []
    for r in result["results"]:
        for label in ("single", "concurrent"):
            m = r[label]
            rows.append(
                [
                    f"{r['backend']} {m['senders']} sender(s)",
                    m["sends"],
                    m["kept"],
                    m["lost"],
                    m["doubled"],
                    m["sends_per_s"],
                    m["median_ms"],
                    m["p95_ms"],
                ]
            )
    return table(["run", "sends", "kept", "lost", "doubled", "sends/s", "median ms", "p95 ms"], rows)


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--per-sender", type=int, help="distinct drawings per sender (default 10, --quick 3)")
    args = p.parse_args(argv)
    result = run(args.per_sender or (3 if args.quick else 10))
    emit(result, args.json, lines(result))
    return 0


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    return "; ".join(
        f"{b['backend']}: {b['concurrent']['sends_per_s']} sends/s, p95 {b['concurrent']['p95_ms']} ms "
        f"({b['p95_over_single']}x 1 sender), lost {b['concurrent']['lost']}"
        for b in r["results"]
    )


if __name__ == "__main__":
    raise SystemExit(main())
