"""pyproject.toml ships what the installed app needs: every package (the list is written out, see there), and
every shipped file it names (a renamed asset would otherwise be left out of the wheel without a word)."""

import tomllib

from testkit import ROOT

SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_is_listed():
    found = {
        ".".join(folder.relative_to(ROOT).parts)
        for top in ("launch", "lenet", "train", "ui")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir() and any(folder.glob("*.py"))
    }
    assert found <= set(SETUPTOOLS["packages"]), (
        f"add to pyproject.toml's packages: {sorted(found - set(SETUPTOOLS['packages']))}"
    )


def test_every_shipped_file_is_there():
    roots = {"lenet5_classroom": ROOT}  # package-dir: the repository's root, installed as lenet5_classroom
    for package, patterns in SETUPTOOLS["package-data"].items():
        folder = roots.get(package, ROOT.joinpath(*package.split(".")))
        for pattern in patterns:
            assert list(folder.glob(pattern)), f"{package}: nothing matches {pattern}"
    assert SETUPTOOLS["package-dir"] == {"lenet5_classroom": "."}


def test_every_language_s_compiled_catalogue_is_shipped():
    """The page's languages (ui/i18n.py) read ui/locale/<lang>/LC_MESSAGES/messages.mo: each goes into the wheel."""
    shipped = {path for pattern in SETUPTOOLS["package-data"]["ui"] for path in (ROOT / "ui").glob(pattern)}
    catalogues = set((ROOT / "ui" / "locale").glob("*/LC_MESSAGES/messages.mo"))
    assert len(catalogues) >= 4 and catalogues <= shipped
