"""Salary figures formatted for the reader's language by Babel (CLDR data), never by hand."""

from babel import Locale
from babel.numbers import format_compact_currency

# CLDR locales per site language: "fr" writes "115 k $US", "en" writes "$115K".
BABEL_LOCALES = {"fr": "fr", "en": "en"}


def babel_locale(language: str) -> str:
    return BABEL_LOCALES.get(language, "en")


def format_amount(amount: int, currency: str, language: str) -> str:
    return format_compact_currency(amount, currency, locale=babel_locale(language), fraction_digits=1)


def format_range(low: int, high: int, currency: str, language: str) -> str:
    separator = " – " if language == "fr" else "–"
    return f"{format_amount(low, currency, language)}{separator}{format_amount(high, currency, language)}"


def region_name(code: str, language: str) -> str:
    return Locale.parse(babel_locale(language)).territories.get(code, code)
