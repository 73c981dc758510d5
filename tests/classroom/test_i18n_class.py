"""Class mode in the page's language (issue 26): a French teacher's wall and join link, a German student's panel;
the English labels are tests/classroom/test_class_app.py's."""

import re

from classroom import ClassStore
from testkit.apptest import canvas_drawing, run_app_test
from testkit.sends import digit
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
