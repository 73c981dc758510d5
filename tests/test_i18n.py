"""The page in the students' language (issue 26): the chooser, per-session translation, numbers, every tab in
every language in AppTest. The catalogues' own checks are tests/test_i18n_catalogue.py."""

import re
import threading

import pytest

from testkit.apptest import canvas_drawing, run_app_test
from ui import i18n
from ui.tabs import TABS, TITLES

SPACES = "[\u00a0\u202f ]"  # Babel writes a (narrow) no-break space before % in French and German


@pytest.mark.parametrize(
    "query, header, expected",
    [
        ("fr", "de-DE,de;q=0.9", "fr"),  # the link wins: a teacher's QR code carries ?lang=
        ("FR", None, "fr"),
        (None, "de-CH,de;q=0.9,en;q=0.8", "de"),
        (None, "en-GB,en;q=0.9,es;q=0.8", "en"),
        (None, "ja,pt-BR;q=0.8,fr;q=0.7", "pt"),  # the first language we ship, by weight
        (None, "ja;q=1,es;q=0.2,de;q=0.5", "de"),
        (None, "es;q=0,fr;q=0.1", "fr"),  # q=0 refuses a language
        ("xx", "ja", "en"),  # nothing we ship: English
        (None, "es;q=nonsense", "en"),
        (None, None, "en"),
    ],
)
def test_the_language_comes_from_the_link_then_the_browser_then_english(query, header, expected):
    headers = {} if header is None else {"Accept-Language": header}
    assert i18n.choose(query, headers) == expected


def test_english_is_the_source_text_and_numbers_are_as_python_writes_them():
    i18n.use("en")
    assert i18n._("Prediction") == "Prediction"
    assert i18n.percent(0.974, 1) == "97.4%" and i18n.percent(0.97) == "97%"
    assert i18n.decimal(-0.25, 2, signed=True) == "-0.25" and i18n.group(61706) == "61,706"


@pytest.mark.parametrize("code, percent, group", [("fr", "97,4 %", "61 706"), ("de", "97,4 %", "61.706")])
def test_french_and_german_numbers(code, percent, group):
    i18n.use(code)
    try:
        assert re.fullmatch(percent.replace(" ", SPACES), i18n.percent(0.974, 1))
        assert re.fullmatch(group.replace(" ", SPACES), i18n.group(61706))
        assert i18n.decimal(0.25, 2, signed=True) == "+0,25"
    finally:
        i18n.use("en")


@pytest.mark.parametrize("code", [code for code in i18n.LANGUAGES if code != "en"])
def test_the_fast_number_formats_are_babel_s(code):
    """percent() and decimal() format with Python and the language's symbols (Babel's own costs ~40 µs a number,
    and a stroke shows a dozen): the same text as Babel's formatting."""
    from babel import numbers

    i18n.use(code)
    try:
        for p in (0.0, 0.0049, 0.5, 0.974, 1.0):
            assert i18n.percent(p) == numbers.format_percent(p, locale=code)
            pattern = numbers.parse_pattern(numbers.Locale.parse(code).percent_formats[None].pattern)
            pattern.frac_prec = (1, 1)
            assert i18n.percent(p, 1) == pattern.apply(p, code)
        assert i18n.decimal(-0.25, 2, signed=True) == numbers.format_decimal(-0.25, "+0.00;-0.00", locale=code)
    finally:
        i18n.use("en")


def test_a_language_belongs_to_the_run_that_chose_it_not_to_the_process():
    """Two students on one server read two languages: each script run (a thread of its own) has its own."""
    seen = {}

    def student(code: str) -> None:
        i18n.use(code)
        seen[code] = i18n._("Prediction")

    threads = [threading.Thread(target=student, args=(code,)) for code in ("fr", "de")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"fr": "Prédiction", "de": "Vorhersage"}
    assert i18n._("Prediction") == "Prediction"  # this thread chose nothing: English


def test_a_catalogue_is_parsed_once_per_language():
    assert i18n.catalogue("fr") is i18n.catalogue("fr")


def _labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def test_english_shows_exactly_today_s_labels(monkeypatch, dev_models):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    at = run_app_test(monkeypatch, canvas_drawing(7), lang="en")
    assert not at.exception
    assert _labels(at) == list(TITLES)
    assert [m.label for m in at.metric][:2] == ["Prediction", "Confidence"]
    assert re.fullmatch(r"\d+%", at.metric[1].value)
    assert [r.label for r in at.radio][:2] == ["Model", "Input"]
    assert at.radio(key="source").options == ["Draw", "Gallery", "Upload"]


def test_french_labels_and_numbers(monkeypatch, dev_models):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    at = run_app_test(monkeypatch, canvas_drawing(7), lang="fr", tab="Layers")  # an English ?tab= link
    assert not at.exception
    assert _labels(at)[:3] == ["Prédiction", "Couches", "Poids"]
    assert at.session_state["tab"] == "Couches"
    assert at.title[0].value == "✍️ LeNet-5 lit ton écriture"
    assert at.radio(key="source").options == ["Dessiner", "Galerie", "Importer"]
    at.session_state["tab"] = "Prédiction"
    at.run()
    assert [m.label for m in at.metric][:2] == ["Prédiction", "Confiance"]
    assert re.fullmatch(rf"\d+{SPACES}%", at.metric[1].value), at.metric[1].value


@pytest.mark.parametrize("code", list(i18n.LANGUAGES))
def test_every_tab_renders_in_every_language(monkeypatch, dev_models, code):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    at = run_app_test(monkeypatch, canvas_drawing(3), lang=code)
    for tab in TABS:
        at.session_state["tab"] = i18n.catalogue(code).gettext(tab.title)
        at.run()
        assert not at.exception, (tab.title, [e.value for e in at.exception])
        assert at.session_state["tab"] == _labels(at)[TABS.index(tab)]


def test_the_picker_switches_the_language_and_keeps_the_open_tab(monkeypatch, dev_models):
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    at = run_app_test(monkeypatch, canvas_drawing(7), tab="Weights")
    assert at.sidebar.radio(key=i18n.LANG_KEY).value == "en"
    at.sidebar.radio(key=i18n.LANG_KEY).set_value("de").run()
    assert not at.exception
    assert _labels(at)[2] == "Gewichte" and at.session_state["tab"] == "Gewichte"
    assert at.query_params[i18n.LANG_KEY] == "de"  # the link carries the choice
