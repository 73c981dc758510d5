"""The catalogues are complete and current (issue 26): every string the code marks is in messages.pot and in
every language, each language is 100 % translated with its placeholders kept, and each shipped .mo is its .po
compiled. Each check is also run on a planted defect, so none of them can pass by finding nothing."""

import pytest
from babel.messages.catalog import Catalog

from testkit import catalogue
from ui.i18n import LANGUAGES

SHIPPED = catalogue.languages()


def test_every_language_the_picker_offers_is_shipped_and_the_other_way_round():
    assert SHIPPED == sorted(code for code in LANGUAGES if code != "en")


def test_every_string_in_the_code_is_in_the_catalogue_template():
    """pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o ui/locale/messages.pot ."""
    in_code, template = catalogue.extracted(), catalogue.ids(catalogue.read(catalogue.TEMPLATE))
    assert not in_code - template, f"not in messages.pot (extract again): {sorted(in_code - template)[:5]}"
    assert not template - in_code, f"in messages.pot but not in the code: {sorted(template - in_code)[:5]}"


def test_the_extraction_check_finds_a_planted_string(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "planted.py").write_text('from ui.i18n import _\n\nLABEL = _("A planted label")\n')
    found = catalogue.extracted(tmp_path)
    assert "A planted label" in found - catalogue.ids(catalogue.read(catalogue.TEMPLATE))


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_is_complete_with_its_placeholders(code):
    """pybabel update -i ui/locale/messages.pot -d ui/locale, then translate what it leaves empty."""
    po = catalogue.read(catalogue.LOCALE / code / "LC_MESSAGES" / "messages.po")
    assert catalogue.ids(po) == catalogue.ids(catalogue.read(catalogue.TEMPLATE)), "pybabel update"
    found = [problem for message in po for problem in catalogue.problems(message)]
    found += [f"{message.id}: {errors}" for message, errors in po.check()]  # Babel's own checks
    assert not found, found[:5]


def test_the_completeness_check_finds_planted_defects():
    planted = Catalog(locale="fr")
    planted.add("{digits} digits from {students}", "{digits} chiffres")  # a lost placeholder
    planted.add("Undo", "")  # untranslated
    planted.add("Class {code}", "Classe {code}", flags=["fuzzy"])
    planted.add("{n} sure", "sûr à {n}")  # fine
    found = [problem for message in planted for problem in catalogue.problems(message)]
    assert len(found) == 3 and [p.split(":")[0] for p in found] == [
        "placeholders ['{digits}'] instead of ['{digits}', '{students}']",
        "untranslated",
        "fuzzy",
    ]


@pytest.mark.parametrize("code", SHIPPED)
def test_each_shipped_mo_is_its_po_compiled(code):
    """pybabel compile -d ui/locale: the .mo files are committed, so the app works offline from the first run."""
    folder = catalogue.LOCALE / code / "LC_MESSAGES"
    assert (folder / "messages.mo").read_bytes() == catalogue.compiled(catalogue.read(folder / "messages.po"))
