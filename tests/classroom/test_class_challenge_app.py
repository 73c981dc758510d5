"""Challenges and the lesson plan in AppTest (issue 25): the teacher poses a challenge, a student's page shows it
(through the lesson poll), the student answers with the canvas or a choice, and the wall's tally agrees with the
store; a student cannot pose; Next / Back walk the class through the lesson plan's tabs and challenges."""

import time

from streamlit.testing.v1 import AppTest

from classroom import ClassStore
from classroom.challenge import KINDS, PRESETS
from lenet.lab import strokes
from testkit.apptest import TIMEOUT_S, canvas_drawing
from testkit.lesson import TAB, go_to, labels, page, press, teacher_of, words
from ui import class_challenge, class_lesson, lesson_plan, models
from ui.tabs import TITLES


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def test_a_posed_challenge_reaches_the_students_and_the_tally_counts_their_answers(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    teacher = teacher_of(monkeypatch, code, pin)
    press(teacher, "Pose to the class")  # the first of the short list: "Draw a 7"
    assert "Open now: **Draw a 7**" in words(teacher) and not teacher.exception
    seven = page(monkeypatch, canvas_drawing(7), **{"class": code})
    assert "Challenge from your teacher:** Draw a 7" in words(seven) and "Answer" in labels(seven)
    seven.text_input(key="class_alias").input("Ana").run()
    press(seven, "Answer")
    assert "Answered. LeNet-5 read your digit as" in words(seven) and not seven.exception
    blank = page(monkeypatch, None, **{"class": code})
    press(blank, "Answer")
    assert "canvas is blank" in words(blank)
    one = page(monkeypatch, canvas_drawing(1), **{"class": code})
    press(one, "Answer")
    press(one, "Answer")  # again: replaces, never counts twice
    assert "replaces your earlier answer" in words(one)
    tally = store.tally(code)
    assert tally is not None and len(tally.answers) == 2 and tally.answers[0].alias == "Ana"
    assert [a.meant for a in tally.answers] == [7, 7]
    teacher.run()  # the wall (a fragment refreshing every 2 s) as it next draws
    shown = metrics(teacher)
    assert shown["Answered"] == "2" and shown["Right"] == str(len(tally.right))
    assert shown["Fooled LeNet-5"] == str(len(tally.fooled))


def test_a_question_is_answered_with_a_choice_and_a_closed_challenge_leaves_the_students(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    teacher = teacher_of(monkeypatch, code, pin)
    teacher.selectbox(key=class_challenge.PICK_KEY).set_value("c1").run()
    press(teacher, "Pose to the class")
    student = page(monkeypatch, None, **{"class": code})
    press(student, "Answer")
    assert "Choose your answer first" in words(student)
    asked = store.lesson(code).challenge
    assert asked is not None and asked.id is not None
    # The C1 question's right answer is the model's: the C1 map the teacher's network lights up most on a
    # horizontal bar (lenet/lab/strokes.py), numbered as Layers numbers them.
    assert asked.correct == strokes.strongest_c1_map(models.load_network("Default (softmax)"))
    assert asked.choices[asked.correct] == f"C1·{asked.correct}"
    student.radio(key=f"challenge_choice_{asked.id}").set_value(asked.correct).run()
    press(student, "Answer")
    assert f"Answered: C1·{asked.correct}." in words(student)
    teacher.run()
    assert metrics(teacher)["Answered"] == "1" and metrics(teacher)["Right"] == "1"
    press(teacher, "Close the challenge")
    time.sleep(class_lesson.CACHE_S)
    student.run()
    assert "Challenge from your teacher" not in words(student) and not student.exception
    assert "Last challenge (closed)" in " ".join(str(s.value) for s in teacher.subheader)


def test_a_student_cannot_pose(db, monkeypatch, remote):
    code, _ = ClassStore(db).new_class()
    student = page(monkeypatch, canvas_drawing(4), **{"class": code})
    student.session_state["class_teacher_code"] = code  # even with the teacher's code in its session
    student.run()
    assert "Pose to the class" not in labels(student) and "Next" not in labels(student)

    def pose_here() -> None:
        import streamlit as st

        from classroom import ClassError
        from classroom.challenge import PRESETS
        from ui import class_challenge

        try:
            class_challenge.pose(st.query_params["class"], PRESETS["draw7"])
            st.write("posed")
        except ClassError as err:
            st.write(f"refused: {err}")

    forged = AppTest.from_function(pose_here, default_timeout=TIMEOUT_S)
    forged.query_params["class"] = code
    forged.session_state["class_teacher_code"] = code
    assert str(forged.run().markdown[0].value).startswith("refused: Only the class's teacher")
    assert ClassStore(db).lesson(code).challenge is None


def test_next_and_back_walk_the_class_through_the_lesson_plan(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    student = page(monkeypatch, canvas_drawing(4), **{"class": code}, tab="Weights")
    teacher = go_to(teacher_of(monkeypatch, code, pin), "Prediction")
    assert "Back" in labels(teacher) and "The lesson plan: Next starts its first step." in words(teacher)
    for step in range(4):  # to "Layers: which C1 map ...", posing each step's challenge on the way
        press(teacher, "Next")
        lesson = store.lesson(code)
        planned = lesson_plan.PLAN[step]
        assert (lesson.step, lesson.tab, lesson.mode) == (step, planned.tab, "follow")
        if planned.challenge:
            assert lesson.challenge is not None and lesson.challenge.prompt == PRESETS[planned.challenge].prompt
        go_to(teacher, planned.tab)  # (in a browser the teacher's page moves itself; AppTest's link wins)
    assert lesson_plan.step_words(3) in words(teacher)
    student.run()
    assert student.session_state[TAB] == "Layers" and "Which C1 map" in words(student)
    press(teacher, "Back")
    assert store.lesson(code).step == 2 and store.lesson(code).tab == "Prediction"
    student.run()
    assert student.session_state[TAB] == "Prediction" and not student.exception


def test_every_kind_has_words_for_the_teacher_and_every_plan_step_names_a_tab_and_a_ready_challenge():
    assert set(class_challenge.KIND_WORDS) == set(KINDS)
    assert all(step.tab in TITLES for step in lesson_plan.PLAN)
    assert all(step.challenge in PRESETS for step in lesson_plan.PLAN if step.challenge is not None)
    assert all(class_lesson.is_lab_setting(key) for step in lesson_plan.PLAN for key in step.settings)


def tables(at: AppTest) -> str:
    return " ".join(t.value.to_string() for t in at.table)


def test_the_fool_round_leaderboard_names_only_for_the_teacher(db, monkeypatch):
    from testkit.sends import digit
    from ui import class_challenge_wall

    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    fool = store.pose(code, PRESETS["fool"]).challenge
    assert fool is not None
    for token, meant, label, alias in (("a", 3, 8, "Ana"), ("b", 6, 5, "Bo"), ("c", 4, 4, "Cy")):
        store.answer(code, token, fool.id, meant=meant, label=label, confidence=0.9, digit28=digit(meant), alias=alias)
    teacher = teacher_of(monkeypatch, code, pin)
    assert "Ana" in tables(teacher) and "Bo" in tables(teacher) and "Cy" not in tables(teacher)  # Cy fooled nobody
    assert class_challenge_wall.RELIES_ON in words(teacher)
    teacher.toggle(key=f"{class_challenge_wall.HIDE_NAMES_KEY}_toggle").set_value(True).run()
    board = teacher.table[0].value.to_string()
    assert "Student 1" in board and "Ana" not in board  # the leaderboard; aliases only in the folded list
    images = len(teacher.image)
    teacher.toggle(key=f"{class_challenge_wall.REVEAL_KEY}_toggle").set_value(True).run()
    assert len(teacher.image) == images + 1 and "The best answers" in words(teacher)
    teacher.toggle(key=f"{class_challenge_wall.HIDE_NAMES_KEY}_toggle").set_value(False).run()
    assert "Ana" in teacher.table[0].value.to_string()
    teacher.toggle(key="class_projector").set_value(True).run()  # the projector view never shows names
    assert "Ana" not in tables(teacher) and "Student 1" in tables(teacher) and not teacher.exception
    assert len(teacher.image) == images + 1  # the best ones stay revealed on the projector
