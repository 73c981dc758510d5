"""Class mode in the page's language (issue 26): a French teacher's wall and join link, a German student's panel,
a challenge posed and tallied in French; the English labels are tests/classroom/test_class_app.py's and
tests/classroom/test_class_challenge_app.py's."""

import re

from classroom import ClassStore
from testkit.apptest import canvas_drawing, run_app_test
from testkit.lesson import labels, page, press, teacher_of, words
from testkit.sends import digit
from ui import class_challenge
from ui.i18n import LANG_KEY
from ui.plain import plain


def test_a_french_teacher_s_wall_and_the_class_s_language_in_its_join_link(db, monkeypatch):
    at = run_app_test(monkeypatch, None, tab="Class", lang="fr")  # an English ?tab= link, a French page
    next(b for b in at.button if b.label == "Démarrer une classe").click().run()
    store = ClassStore(db)
    (info,) = store.list_classes()
    assert any(f"La classe **{info.code}** a démarré" in str(m.value) for m in at.markdown)
    assert any(plain(f"?class={info.code}&lang=fr") in str(m.value) for m in at.markdown)  # the QR code's link
    for seed, (meant, answered) in enumerate([(4, 4), (4, 9), (7, 7)]):
        store.add_drawing(info.code, f"s{seed}", meant, answered, 0.8, digit(seed))
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dessins"] == "3" and re.fullmatch(r"67[\u00a0\u202f ]%", metrics["Précision de la classe"])
    assert at.table[0].value.loc["voulait 4", "a dit 9"] == 1 and not at.exception


def test_a_german_student_in_a_class(db, monkeypatch):
    code, _pin = ClassStore(db).new_class()
    at = run_app_test(monkeypatch, canvas_drawing(3), **{"class": code, "lang": "de"})
    assert not at.exception
    assert any(f"Du bist in der Klasse **{code}**" in str(s.value) for s in at.success)
    assert at.radio(key="class_meant").label == "Ich meinte:"
    send = next(b for b in at.button if b.label == "An die Klasse schicken")
    send.click().run()
    assert any("Wähle, welche Ziffer du meinst" in str(w.value) for w in at.warning)


def test_a_french_student_sees_the_posed_challenge_in_french_and_the_teacher_s_tally_is_in_french(db, monkeypatch):
    store = ClassStore(db)
    code, pin = store.new_class(pin="2468")
    teacher = teacher_of(monkeypatch, code, pin)  # opened in English, then the picker: French
    teacher.radio(key=LANG_KEY).set_value("fr").run()
    teacher.selectbox(key=class_challenge.PICK_KEY).set_value("fool").run()
    press(teacher, "Lancer à la classe")  # "Pose to the class"
    assert "En cours\u00a0: **Trompe LeNet-5\u00a0: dessine un chiffre" in words(teacher) and not teacher.exception
    student = page(monkeypatch, canvas_drawing(3), **{"class": code, "lang": "fr"})
    assert "Défi de ton professeur\u00a0:** Trompe LeNet-5\u00a0: dessine un chiffre" in words(student)
    assert "Répondre" in labels(student) and "Answer" not in labels(student)  # the verb, not the noun "Réponse"
    asked = store.lesson(code).challenge
    assert asked is not None and asked.id is not None
    meant = student.radio(key=f"challenge_meant_{asked.id}")
    assert meant.label == "Je voulais\u00a0:"
    meant.set_value(3).run()
    press(student, "Répondre")
    assert "C'est répondu. LeNet-5 a lu ton chiffre comme un" in words(student) and not student.exception
    teacher.run()  # the wall as it next draws
    tally = {m.label: str(m.value) for m in teacher.metric}
    assert tally["Réponses"] == "1" and tally["Justes"] == str(len(store.tally(code).right))
    assert tally["LeNet-5 trompé"] == str(len(store.tally(code).fooled)) and "Answered" not in tally
    titles = [h.value.replace("\\", "") for h in teacher.subheader]  # Markdown escapes removed
    assert any(t.startswith("Défi\u00a0: Trompe LeNet-5\u00a0: dessine") for t in titles), titles
    assert "LeNet-5 se fie à l'endroit où se trouve l'encre" in words(teacher) and not teacher.exception
