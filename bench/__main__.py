"""Run every benchmark (each in its own process, one after another) and print a summary table.

python -m bench [--quick] [--only NAME[,NAME]] [--json]
"""

import argparse
import json
import subprocess
import sys

from bench.harness.common import ROOT, log, table

BENCHMARKS = (
    "compute",
    "engine",
    "throughput",
    "roundtrip",
    "coldstart",
    "load",
    "classdb",
    "learn",
)  # CPU-only ones first


def key_figures(r: dict) -> str:
    """One line of the numbers that decide each goal."""
    name = r["name"]
    if name == "compute":
        return (
            f"app median {r['app']['median_ms']} ms (p95 {r['app']['p95_ms']}), "
            f"naive {r['naive']['median_ms']} ms ({r['speedup_median']}x)"
        )
    if name == "engine":
        s, m = r["speeds"], r["memory"]
        return (
            f"one image {s['forward']['engine_ms']} ms (Keras {s['forward']['keras_ms']}); batch 512 "
            f"{s['batch 512']['keras_over_engine']}x Keras' speed; RSS {m['engine']['rss_mb']} MB vs {m['keras']['rss_mb']}"
        )
    if name == "throughput":
        return f"faithful {r['median']['faithful']} img/s, plain {r['median']['plain']} img/s, {r['ratio_median']}x"
    if name == "roundtrip":
        return (
            f"app {r['app']['median_ms']} ms (p95 {r['app']['p95_ms']}), bare {r['bare']['median_ms']} ms "
            f"(p95 {r['bare']['p95_ms']}), {r['ratio_median']}x"
        )
    if name == "coldstart":
        m = r["median_s"]
        return f"health {m['health_ok']} s, first run {m['first_run_done']} s, prediction {m['prediction_shown']} s"
    if name == "load":
        top = r["levels"][-1]
        return (
            f"knee {r['knee']} students; at {top['students']}: stroke p95 {top['stroke_p95_s']} s, "
            f"join p95 {top['join_p95_s']} s, lost {top['lost']}, wrong {top['wrong']}, errors {top['errors']}, "
            f"RSS {top['rss_peak_mb']} MB"
        )
    if name == "classdb":
        return "; ".join(
            f"{b['backend']}: {b['concurrent']['sends_per_s']} sends/s, p95 {b['concurrent']['p95_ms']} ms "
            f"({b['p95_over_single']}x 1 sender), lost {b['concurrent']['lost']}"
            for b in r["results"]
        )
    if name == "learn":
        t, r = r.get("throughput", {}), r.get("roundtrip", {})
        return (
            f"app trainer {t.get('app', {}).get('images_per_s')} img/s vs python -m train "
            f"{t.get('cli', {}).get('images_per_s')} ({t.get('app_over_cli')}x); round trip while training "
            f"{r.get('training', {}).get('median_ms')} ms vs idle {r.get('idle', {}).get('median_ms')} ms "
            f"({r.get('ratio_median')}x)"
        )
    return ""


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
            [n, "MET" if r["met"] else "NOT MET", r.get("error") or key_figures(r), r["goal"]]
            for n, r in results.items()
        ]
        print("\n".join(table(["benchmark", "status", "result", "goal"], rows)))
    return 0 if all(r["met"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
