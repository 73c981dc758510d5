"""The load benchmark's numbers: one row per class size from Locust's request events, and the markdown table."""

import numpy as np

HEADERS = [
    "students",
    "joined",
    "join p95 s",
    "strokes",
    "stroke → answer p50 / p95 / max s",
    "lost",
    "wrong",
    "errors",
    "server ms per stroke p50 / p95",
    "server CPU (cores)",
    "peak RSS MB",
    "load generator CPU (cores)",
]


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)) / 1000, 3) if values else float("nan")


def level_row(students: int, events: list[dict], server_ms: list[float], cpu_cores: float, rss_mb: float) -> dict:
    """Summarise one level. `events`: {"name", "ms", "error", digit/shown/exceptions/lost...} per request."""
    joins = [e for e in events if e["name"] == "join"]
    strokes = [e for e in events if e["name"] == "stroke"]
    answered = [e for e in strokes if e["error"] is None]
    times = [e["ms"] for e in answered]
    failures = [e for e in events if e["error"] is not None and not e.get("lost")]
    shown = [x for e in events for x in e.get("exceptions", [])]
    errors = [f"{e['name']}: {e['error']}" for e in failures] + [f"exception shown: {x[:80]}" for x in shown]
    return {
        "students": students,
        "joined": sum(e["error"] is None for e in joins),
        "join_p95_s": _pct([e["ms"] for e in joins if e["error"] is None], 95),
        "strokes": len(strokes),
        "stroke_p50_s": _pct(times, 50),
        "stroke_p95_s": _pct(times, 95),
        "stroke_max_s": round(max(times) / 1000, 3) if times else float("nan"),
        "lost": len(strokes) - len(answered) + (students - len(joins)),  # a student who never joined lost it all
        "wrong": sum(e.get("shown") != str(e.get("digit")) for e in answered),
        "errors": len(errors),
        "error_samples": errors[:5],
        "lost_samples": [f"{e['name']}: {e['error']}" for e in strokes if e["error"] is not None][:5],  # why
        "server_p50_ms": round(float(np.median(server_ms)), 1) if server_ms else float("nan"),
        "server_p95_ms": round(float(np.percentile(server_ms, 95)), 1) if server_ms else float("nan"),
        "cpu_cores": round(cpu_cores, 2),
        "rss_peak_mb": round(rss_mb),
    }


def cells(r: dict) -> list:
    return [
        r["students"],
        r["joined"],
        r["join_p95_s"],
        r["strokes"],
        f"{r['stroke_p50_s']} / {r['stroke_p95_s']} / {r['stroke_max_s']}",
        r["lost"],
        r["wrong"],
        r["errors"],
        f"{r['server_p50_ms']} / {r['server_p95_ms']}",
        r["cpu_cores"],
        r["rss_peak_mb"],
        r.get("client_cpu_cores", ""),
    ]


def markdown(headers: list[str], rows: list[list]) -> list[str]:
    return [
        "| " + " | ".join(map(str, headers)) + " |",
        "|" + " --- |" * len(headers),
        *["| " + " | ".join(map(str, row)) + " |" for row in rows],
    ]


def lines(result: dict) -> list[str]:
    rows = [cells(r) for r in result["levels"]]
    samples = [f"  {r['students']}: {s}" for r in result["levels"] for s in r["error_samples"]]
    title = (
        f"Load: {result['servers']} server(s); students join within {result['join_window_s']:.0f} s, then "
        f"draw every 2-4 s for {result['duration_s']:.0f} s"
    )
    return [
        title,
        "",
        *markdown(HEADERS, rows),
        "",
        f"knee (most students with stroke p95 <= 1 s, 0 lost, 0 errors): {result['knee'] or 'below the first level'}",
        *(["error samples:", *samples] if samples else []),
    ]


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    top = r["levels"][-1]
    return (
        f"knee {r['knee']} students; at {top['students']}: stroke p95 {top['stroke_p95_s']} s, "
        f"join p95 {top['join_p95_s']} s, lost {top['lost']}, wrong {top['wrong']}, errors {top['errors']}, "
        f"RSS {top['rss_peak_mb']} MB"
    )
