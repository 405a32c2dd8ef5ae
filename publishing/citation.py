"""Cite this page (issue 17): an entry page's reference in APA and BibTeX, in the page's
language, built on the server from what the page already loaded (no query).

The texts are plain: the template escapes them for HTML; BibTeX's own special characters
are escaped here (`bibtex_escape`), since titles come from editors.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .typography import for_language

# BibTeX (LaTeX) specials, one replacement each; the backslash first, or it would be doubled.
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_LANGUAGES = {"fr": "french", "en": "english"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in text)


@dataclass(frozen=True)
class Citation:
    """What a reference to one entry page names."""

    key: str  # the entry's key and language: the BibTeX key
    language: str
    title: str
    author: str  # the entry's author, or the editorial collective, as the page names it
    site: str
    updated: datetime.date
    url: str
    accessed: datetime.date

    def apa(self) -> str:
        """APA 7, a web page: Author. (Year, Month Day). Title. Site. Retrieved Month Day, Year, from URL."""
        # Translators: the date of an APA reference, a PHP-style date format ("2026, November 21").
        updated = formats.date_format(self.updated, pgettext("APA date", "Y, F j"))
        accessed = formats.date_format(self.accessed, "DATE_FORMAT")
        retrieved = _("Retrieved %(date)s, from %(url)s") % {"date": accessed, "url": self.url}
        text = f"{end_sentence(self.author)} ({updated}). {end_sentence(self.title)} {self.site}. {retrieved}"
        return for_language(text, self.language)  # French spacing, as the page shows the title

    def bibtex(self) -> str:
        """A `@misc` entry (BibTeX and biblatex read it); each value braced and escaped."""
        note = _("Last updated %(date)s") % {"date": formats.date_format(self.updated, "DATE_FORMAT")}
        fields = [
            ("author", "{{" + bibtex_escape(self.author) + "}}"),  # double braces: a name as written
            ("title", "{{" + bibtex_escape(self.title) + "}}"),  # and a title's capitals kept
            ("howpublished", "{" + bibtex_escape(self.site) + "}"),
            ("year", "{" + str(self.updated.year) + "}"),
            ("month", MONTHS[self.updated.month - 1]),  # BibTeX's month macro
            ("url", "{" + url_for_bibtex(self.url) + "}"),
            ("urldate", "{" + self.accessed.isoformat() + "}"),
            ("langid", "{" + BIBTEX_LANGUAGES.get(self.language, self.language) + "}"),
            ("note", "{" + bibtex_escape(note) + "}"),
        ]
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@misc{{{self.key},\n{body},\n}}"

    def formats(self) -> list[tuple[str, str, str, str]]:
        """(id, name, text, copy button label) of each style the page offers."""
        return [
            ("apa", "APA", self.apa(), _("Copy the APA citation")),
            ("bibtex", "BibTeX", self.bibtex(), _("Copy the BibTeX entry")),
        ]


def url_for_bibtex(url: str) -> str:
    """biblatex reads `url` verbatim (an escaped `_` would show its backslash): only what
    could end the field is percent-encoded; an address built by `reverse()` has none."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def end_sentence(text: str) -> str:
    """APA ends each element with a full stop, unless it ends with its own (`?`, `!`, `.`)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def cite(version, *, site: str, url: str, today: datetime.date) -> Citation:
    """The citation of a version's page: `url` its canonical address, `today` the day it is read."""
    entry = version.entry
    return Citation(
        key=f"{slugify(site)}-{entry.key}-{version.language}",
        language=version.language,
        title=version.title,
        author=entry.author.name,
        site=site,
        updated=timezone.localdate(version.updated_at),
        url=url,
        accessed=today,
    )
