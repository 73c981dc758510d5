"""Class mode in Chromium: a teacher starts a class, three students join by link and send drawings,
the wall shows them and counts them in its confusion matrix, and the downloaded export evaluates;
and two app servers share one class through PostgreSQL."""

import json
import re
import subprocess
import sys

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from testkit import ARTIFACTS, ROOT
from testkit.chromium import metric, prediction, settled
from testkit.class_pages import serve, start_class, student_sends
from ui.class_training import ONLY_TEACHER

MEANT = (1, 4, 7)
WALL_MS = 30_000  # a send shows on the wall within REFRESH_S; generous for a contended CPU


def confusion_rows(page: Page, total: int) -> dict[str, list[int]]:
    """The wall's confusion matrix once it counts `total` drawings: {"meant 4": [counts said 0..9]}.
    Read again until then: the wall redraws itself every few seconds, a read can meet it half drawn."""
    table = page.get_by_test_id("stTable")
    expect(table.locator("tbody tr")).to_have_count(10, timeout=WALL_MS)
    rows: dict[str, list[int]] = {}
    for _ in range(20):
        try:
            rows = {
                r.locator("th").inner_text(timeout=2000).strip(): [int(c) for c in r.locator("td").all_inner_texts()]
                for r in table.locator("tbody tr").all()
            }
        except (PlaywrightError, ValueError):  # a row replaced while being read
            rows = {}
        if len(rows) == 10 and sum(map(sum, rows.values())) == total:
            break
        page.wait_for_timeout(500)
    return rows


def open_newest_in_every_tab(page: Page) -> None:
    """Open drawing #3 from the wall; it becomes the input ("Class") and the Prediction tab reads it."""
    settled(page)
    page.get_by_label("Drawing #").fill("3")
    page.get_by_label("Drawing #").press("Enter")
    settled(page)
    page.get_by_role("button", name="Open in every tab").click()
    expect(page.get_by_text(re.compile(r"Class drawing #3: meant \d"))).to_be_visible(timeout=WALL_MS)
    expect(page.get_by_role("radio", name="Class", exact=True)).to_be_checked()
    page.get_by_role("tab", name="Prediction").click()
    expect(prediction(page)).to_be_visible(timeout=WALL_MS)


def watch_it_learn(teacher: Page, student: Page) -> None:
    """While the class is active, only the teacher may train: the student's Start is off, with the reason;
    the teacher's tab offers to fine-tune on the 3 sent digits (not pressed: that is AppTest's job)."""
    student.get_by_role("tab", name="Watch it learn").click()
    expect(student.get_by_text(ONLY_TEACHER)).to_be_visible(timeout=WALL_MS)
    expect(student.locator(".st-key-learn_start button")).to_be_disabled()
    expect(student.locator(".st-key-learn_finetune button")).to_be_disabled()
    teacher.get_by_role("tab", name="Watch it learn").click()
    expect(teacher.get_by_text("The class has sent 3 digits from 3 student(s)", exact=False)).to_be_visible(
        timeout=WALL_MS
    )
    expect(teacher.locator(".st-key-learn_start button")).to_be_enabled()
    expect(teacher.locator(".st-key-learn_finetune button")).to_be_enabled()
    expect(teacher.get_by_text(ONLY_TEACHER)).to_have_count(0)


def test_three_students_send_and_the_wall_counts_them(browser, class_app, tmp_path):
    contexts = [browser.new_context(viewport={"width": 1600, "height": 1000}) for _ in range(4)]
    try:
        teacher, *students = [context.new_page() for context in contexts]
        code = start_class(teacher, class_app)
        expect(teacher.get_by_role("img", name="Scan to join").or_(teacher.get_by_text("Scan to join"))).to_be_visible()
        for page, digit in zip(students, MEANT):
            student_sends(page, class_app, code, digit)
        expect(metric(teacher, "Drawings")).to_have_text("3", timeout=WALL_MS)  # the fragment refreshed, no reload
        rows = confusion_rows(teacher, 3)
        assert sum(map(sum, rows.values())) == 3
        assert all(sum(rows[f"meant {d}"]) == 1 for d in MEANT)
        teacher.screenshot(path=str(ARTIFACTS / "class_wall.png"), full_page=True)
        with teacher.expect_download(timeout=WALL_MS) as download:
            teacher.get_by_role("button", name="MNIST npz").click()
        export = tmp_path / "class.npz"
        download.value.save_as(export)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "lenet",
                "evaluate",
                "--data",
                str(export),
                "--model",
                str(ROOT / "assets/lenet5.keras"),
                "--json",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["n"] == 3
        open_newest_in_every_tab(teacher)
        watch_it_learn(teacher, students[0])
        for page in (teacher, *students):
            expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        for context in contexts:
            context.close()


def test_two_app_servers_share_one_class_on_postgresql(browser, request):
    """Several app servers, one PostgreSQL: the teacher on one server sees a send made through the other."""
    db = request.getfixturevalue("postgres_url")
    with serve(db, "streamlit_class_pg_a.log") as server_a, serve(db, "streamlit_class_pg_b.log") as server_b:
        contexts = [browser.new_context(viewport={"width": 1600, "height": 1000}) for _ in range(2)]
        try:
            teacher, student = [context.new_page() for context in contexts]
            code = start_class(teacher, server_a)
            student_sends(student, server_b, code, 4)
            expect(metric(teacher, "Drawings")).to_have_text("1", timeout=WALL_MS)
            rows = confusion_rows(teacher, 1)
            assert sum(rows["meant 4"]) == 1 and sum(map(sum, rows.values())) == 1
        finally:
            for context in contexts:
                context.close()
