"""Class mode in the page's language (issue 26): a French teacher's wall and join link, a German student's panel,
a challenge posed and tallied in French; the English labels are tests/classroom/test_class_app.py's and
tests/classroom/test_class_challenge_app.py's."""

import re

import numpy as np
import pytest

from classroom import ClassStore
from classroom import store as store_module
from classroom.errors import BadDrawing, UnknownClass, WrongPin
from classroom.validate import digit_label, digit_pixels
from testkit.apptest import canvas_drawing, run_app_test
from testkit.lesson import labels, page, press, teacher_of, words
from testkit.sends import digit
from ui import class_challenge, i18n
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


def test_a_french_student_with_an_unknown_code_and_in_a_full_class_reads_the_store_s_messages_in_french(
    db, monkeypatch
):
    at = run_app_test(monkeypatch, canvas_drawing(4), **{"class": "FORGED12", "lang": "fr"})
    said = words(at)
    assert "Il n'y a pas de classe avec le code «\u00a0FORGED12\u00a0». Vérifie le lien" in said, said
    assert "There is no class" not in said and not at.exception
    store = ClassStore(db)
    code, _pin = store.new_class()
    monkeypatch.setattr(store_module, "MAX_PER_CLASS", 2)
    for seed in range(2):  # two other students filled it
        store.add_drawing(code, f"s{seed}", seed, seed, 0.9, digit(seed))
    at = run_app_test(monkeypatch, canvas_drawing(3), **{"class": code, "lang": "fr"})
    at.radio(key="class_meant").set_value(3).run()
    press(at, "Envoyer à la classe")
    said = words(at)
    assert f"La classe {code} est pleine (2 dessins). Demande à ton professeur." in said, said
    assert "is full" not in said and not at.exception


def test_a_class_error_is_english_text_for_the_cli_and_its_template_for_the_app():
    with pytest.raises(BadDrawing) as raised:
        digit_pixels(np.zeros((28, 28)))
    assert str(raised.value) == "The canvas is blank: draw a digit before sending it."
    with pytest.raises(BadDrawing) as raised:
        digit_label(12)
    err = raised.value  # a field that is itself our words ("The digit you meant") is translated too
    assert str(err) == "The digit you meant must be one of the digits 0 to 9 (got 12)."
    assert err.template == "{what} must be one of the digits 0 to 9 (got {value})."
    assert err.fields == {"what": "The digit you meant", "value": "12"}
    unknown = UnknownClass("There is no class with the code “{code}”.", code="A*B")
    assert str(unknown) == "There is no class with the code “A*B”."
    i18n.use("de")
    try:
        assert i18n.problem(err) == "Die gemeinte Ziffer muss eine der Ziffern 0 bis 9 sein \\(erhalten\\: 12\\)\\."
        assert i18n.problem(unknown) == "Es gibt keine Klasse mit dem Code „A\\*B“\\."  # the user's * is no Markdown
        assert i18n.problem(WrongPin("Wrong PIN.")) == "Falsche PIN\\."
        assert str(WrongPin("Wrong PIN.")) == "Wrong PIN."
    finally:
        i18n.use("en")
