"""The page's language: `?lang=xx` in the link, else the browser's Accept-Language, else English (issue 26).

The catalogues are gettext's (ui/locale/<lang>/LC_MESSAGES/messages.po, compiled to .mo beside it; Babel extracts
them: docs/developers.md, "Adding a language"). `_()` and `ngettext()` translate into the language of the session
that runs them, not of the process: two students on one server can read two languages. Each run sets it once
(`language_ui`, first thing in app.main); a fragment's rerun, in a thread of its own, reads it back from the
session state. A catalogue is parsed once per process and language (lru_cache), so a lookup is a dict's.
English is the source text: `?lang=en` shows exactly the words in the code, and numbers as Python formats them.
"""

import gettext
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import streamlit as st
from babel import numbers

from lenet.text import N_  # noqa: F401  (re-exported: ui/ marks its constants with it)
from ui.plain import ESCAPED, TEMPLATE_ESCAPED, plain

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
DEFAULT = "en"
LANGUAGES = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português"}  # each in itself
LANG_KEY = "lang"  # ?lang=xx in the link and st.session_state[LANG_KEY]: the picker's value

_ACTIVE: ContextVar[str | None] = ContextVar("lenet_language", default=None)  # this run's language code


def from_accept_language(header: str | None) -> str | None:
    """The shipped language the browser prefers most, by q weight then order: 'de-CH,fr;q=0.9' -> 'de'; None if none."""
    ranked = []
    for order, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0  # a malformed weight: as if the language were refused
        if code in LANGUAGES and weight > 0:
            ranked.append((-weight, order, code))
    return min(ranked)[2] if ranked else None


def choose(query: str | None, headers: Mapping[str, str]) -> str:
    """The language of a new session: `?lang=` if it is one we ship, else Accept-Language's, else English."""
    if query and query.strip().lower() in LANGUAGES:
        return query.strip().lower()
    return from_accept_language(headers.get("Accept-Language")) or DEFAULT


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code`, parsed once per process; English (and a missing file) is the source text."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def current() -> str:
    """This run's language code; outside a run (a test, the CLI) English."""
    code = _ACTIVE.get()
    if code is None:
        # A fragment's rerun (a thread of its own) reads the session's; outside a server (a test, a benchmark): English
        code = str(st.session_state.get(LANG_KEY, DEFAULT)) if st.runtime.exists() else DEFAULT
        code = code if code in LANGUAGES else DEFAULT
        _ACTIVE.set(code)
    return code


def use(code: str) -> None:
    """Make `code` this run's language (language_ui does; tests and benchmarks may)."""
    _ACTIVE.set(code if code in LANGUAGES else DEFAULT)


def _(message: str) -> str:
    """`message` in this session's language."""
    return catalogue(current()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in this session's language, where one English word has two senses ("Answer": the button, a verb,
    beside the metric, a noun): `context` tells the translator which."""
    return catalogue(current()).pgettext(context, message)


def problem(err: Exception) -> str:
    """A class-mode error as literal Markdown, in this session's language: classroom/ raises its English template
    (marked N_) with named fields (classroom.errors.ClassError); a field that is itself one of our marked words
    ("The digit you meant") is translated too, any other (a code, a number, the driver's words) shown as it is,
    through plain(). Our own words are escaped whole, not through plain(): it would turn French no-break spaces
    to spaces. An error without fields (ui's own NotAllowed, already translated) is looked up whole."""
    template, fields = getattr(err, "template", "") or str(err), getattr(err, "fields", {})
    if not fields:
        return _(template).translate(ESCAPED)
    words = {name: plain(_(value) if isinstance(value, str) else value) for name, value in fields.items()}
    return _(template).translate(TEMPLATE_ESCAPED).format(**words)


def translator() -> Callable[[str], str]:
    """`_` bound to this run's language: a widget's format_func, which Streamlit (and AppTest) may call later,
    outside this run."""
    return catalogue(current()).gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, by the language's own plural rule."""
    return catalogue(current()).ngettext(singular, plural, n)


def percent(p: float, digits: int = 0) -> str:
    """A share as the language writes it: 0.974 is '97.4%' in English, '97,4 %' in French and German."""
    code = current()
    if code == DEFAULT:
        return f"{p:.{digits}%}"  # exactly what the app always showed
    symbols = _symbols(code)
    return symbols.percent_prefix + f"{p * 100:.{digits}f}".replace(".", symbols.decimal) + symbols.percent_suffix


def decimal(x: float, digits: int, signed: bool = False) -> str:
    """A number with `digits` decimals ('+0.25' / '+0,25'); `signed` writes + before positive ones too."""
    text = f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"
    code = current()
    return text if code == DEFAULT else text.replace(".", _symbols(code).decimal)


class Symbols(NamedTuple):
    """What a language writes around a number (CLDR's, through Babel), read once per language."""

    decimal: str  # "," in French and German
    percent_prefix: str  # "" in the shipped languages
    percent_suffix: str  # a no-break space and "%" in French, German and Spanish; "%" in English and Portuguese


@lru_cache(maxsize=len(LANGUAGES))
def _symbols(code: str) -> Symbols:
    """Babel formats a sample once; Python's own formatting does the per-stroke work (Babel's own takes 15-40 µs
    a number, and a stroke shows 10-20 numbers)."""
    prefix, _digits, suffix = numbers.format_percent(0.5, locale=code).partition("50")
    return Symbols(numbers.get_decimal_symbol(code), prefix, suffix)


def group(n: int) -> str:
    """A whole number with the language's thousands separator: 61,706 / 61 706 / 61.706."""
    code = current()
    return f"{n:,}" if code == DEFAULT else numbers.format_decimal(n, "#,##0", locale=code)


def scale(low: float, high: float) -> dict[str, str]:
    """A colour scale's two ends, signed with 2 decimals, for a caption's "{low} … {high}": '+0.25' / '+0,25'."""
    return {"low": decimal(low, 2, signed=True), "high": decimal(high, 2, signed=True)}


def language_ui() -> str:
    """The language picker (in the sidebar: the first screen keeps its layout); sets this run's language.
    Not `bind="query-params"`: that would put the shown name ("Français") in the link, where ?lang= takes the code."""
    if LANG_KEY not in st.session_state:  # a new session: the link's, else the browser's
        st.session_state[LANG_KEY] = choose(st.query_params.get(LANG_KEY), st.context.headers)
    code = st.sidebar.radio(  # a radio, not a selectbox: one tap, and the page keeps a single selectbox (the gallery's)
        _("Language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, key=LANG_KEY, on_change=_into_link
    )
    use(code)
    return current()


def _into_link() -> None:
    """A language picked on the page goes into the link, so a copied link or a reload keeps it."""
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]
