"""Issue 13's load scenarios, briefly: `python -m bench.load --scenario wall|learn` with three students.
Every stroke answered and right, no error on the students' pages nor on the teacher's refreshing wall,
and every "Send to class" the students made is in the class store (counted there by the benchmark)."""

import json
import subprocess
import sys

import pytest

from testkit import ROOT


@pytest.mark.parametrize("scenario", ["wall", "learn"])
def test_scenario_answers_right_and_sends_arrive(scenario):
    command = [
        sys.executable,
        "-m",
        "bench.load",
        "--scenario",
        scenario,
        "--students",
        "3",
        "--duration",
        "15",  # each student strokes every 2-4 s: enough for every one to send, even on a busy CPU
        "--join-window",
        "1",
        "--send-share",
        "1",
        "--json",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    row = json.loads(done.stdout.strip().splitlines()[-1])["levels"][0]
    assert row["joined"] == 3 and row["strokes"] >= 3, row
    assert (row["lost"], row["wrong"], row["errors"]) == (0, 0, 0), row["error_samples"]
    assert row["wall_refreshes"] >= 2 and row["wall_errors"] == 0, row["wall_error_samples"]
    assert row["sent"] >= 3 and row["sends_lost"] == 0, row
    assert row["stored"] == row["sent_distinct"] >= 2, row  # each drawing new to the class stored once
    assert row["training"] == ("running" if scenario == "learn" else ""), row
