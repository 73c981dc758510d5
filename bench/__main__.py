"""Run every benchmark (each in its own process, one after another) and print a summary table.

python -m bench [--quick] [--only NAME[,NAME]] [--json]
"""

import argparse
import importlib
import json
import subprocess
import sys

from bench.harness.common import ROOT, log, table

BENCHMARKS = (
    "compute",
    "engine",
    "why",
    "i18n",
    "drawn",
    "throughput",
    "roundtrip",
    "coldstart",
    "load",
    "classdb",
    "follow",
    "learn",
)  # CPU-only ones first


def summary(name: str, result: dict) -> str:
    """The benchmark's own one-line summary of the numbers that decide its goal (its module's `summary`)."""
    module = importlib.import_module("bench.load.report" if name == "load" else f"bench.{name}")
    return module.summary(result)


def run_one(name: str, quick: bool) -> dict:
    """`python -m bench.NAME --json`; its progress goes to our stderr, its JSON is parsed."""
    command = [sys.executable, "-m", f"bench.{name}", "--json", *(["--quick"] if quick else [])]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"name": name, "error": f"exit code {done.returncode}", "met": False, "goal": "-"}
    return json.loads(lines[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not a measurement")
    p.add_argument(
        "--only", action="append", help=f"run only these ({', '.join(BENCHMARKS)}); repeat or comma-separate"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object {name: result}")
    args = p.parse_args(argv)
    names = [n for o in args.only for n in o.split(",")] if args.only else list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        p.error(f"unknown benchmark(s) {sorted(unknown)}; choose from {list(BENCHMARKS)}")
    results = {}
    for name in names:
        log(f"=== {name} ===")
        results[name] = run_one(name, args.quick)
    if args.json:
        print(json.dumps(results))
    else:
        rows = [
            [n, "MET" if r["met"] else "NOT MET", r.get("error") or summary(n, r), r["goal"]]
            for n, r in results.items()
        ]
        print("\n".join(table(["benchmark", "status", "result", "goal"], rows)))
    return 0 if all(r["met"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
