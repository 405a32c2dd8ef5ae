"""Salary figures formatted for the reader's language by Babel (CLDR data), never by hand."""

import functools

from babel import Locale
from babel.numbers import format_compact_currency

# CLDR locales per site language: "fr" writes "115 k $US", "en" writes "$115K".
BABEL_LOCALES = {"fr": "fr", "en": "en"}


def babel_locale(language: str) -> str:
    return BABEL_LOCALES.get(language, "en")


# Pure functions of a handful of values, and Babel parses its patterns on every call
# (0.4 ms each, 18 calls per term page): remembered per process (performance issue).
@functools.lru_cache(maxsize=4096)
def format_amount(amount: int, currency: str, language: str) -> str:
    return format_compact_currency(amount, currency, locale=babel_locale(language), fraction_digits=1)


def format_range(low: int, high: int, currency: str, language: str) -> str:
    separator = " – " if language == "fr" else "–"
    return f"{format_amount(low, currency, language)}{separator}{format_amount(high, currency, language)}"


@functools.lru_cache(maxsize=1024)
def region_name(code: str, language: str) -> str:
    return Locale.parse(babel_locale(language)).territories.get(code, code)
