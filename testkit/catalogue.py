"""The gettext catalogues' checks (issue 26), as functions a test can also run on a planted defect: what Babel's
extractor finds in the code (babel.cfg), what a catalogue holds, and what is wrong with a translation."""

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from testkit import ROOT

LOCALE = ROOT / "ui" / "locale"
TEMPLATE = LOCALE / "messages.pot"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\(?[A-Za-z_]*\)?[sdf]")  # {name}, %s, %(name)s


def key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """A message's id: its singular for a plural message."""
    return message_id if isinstance(message_id, str) else message_id[0]


def extracted(root: Path = ROOT, config: Path = ROOT / "babel.cfg") -> set[str]:
    """Every message Babel's extractor finds under `root` with the mapping in `config` (the pybabel extract run)."""
    with config.open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    return {key(found[2]) for found in extract_from_dir(str(root), method_map, options_map)}


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def ids(catalog: Catalog) -> set[str]:
    return {key(message.id) for message in catalog if message.id}


def languages() -> list[str]:
    """The shipped languages: a folder of ui/locale with a messages.po."""
    return sorted(path.parent.parent.name for path in LOCALE.glob("*/LC_MESSAGES/messages.po"))


def problems(message: Message) -> list[str]:
    """What is wrong with one translated message: untranslated, fuzzy, or a {placeholder} lost or made up."""
    if not message.id:
        return []
    name = key(message.id)[:60]
    strings = tuple(message.string) if isinstance(message.string, (tuple, list)) else (str(message.string or ""),)
    if message.fuzzy:
        return [f"fuzzy: {name}"]
    if not all(strings):
        return [f"untranslated: {name}"]
    wanted = sorted(set(PLACEHOLDER.findall(key(message.id))))  # a plural's two English forms have the same
    return [
        f"placeholders {got} instead of {wanted}: {name}"
        for s in strings
        if (got := sorted(set(PLACEHOLDER.findall(s)))) != wanted
    ]


def compiled(catalog: Catalog) -> bytes:
    """The .mo that `pybabel compile` writes for `catalog`."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()
