"""Cite this page (issue 17): APA and BibTeX on both entry pages, in the page's language."""

import datetime
import html
import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import formats, timezone, translation

from publishing.citation import bibtex_escape

from .factories import make_author, make_career, make_term
from .support import entry_page

pytestmark = pytest.mark.django_db

UPDATED = datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)
NNBSP = "\u202f"


def citations(page: str) -> dict[str, str]:
    """The two citations as a reader selects them (the text of their <pre>)."""
    found = dict(re.findall(r'<pre id="cite-(apa|bibtex)"[^>]*>(.*?)</pre>', page, re.S))
    return {name: html.unescape(text) for name, text in found.items()}


def today_in(language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localdate(), "DATE_FORMAT")


def test_a_term_page_cites_itself_in_apa_and_bibtex_in_both_languages(client):
    term = make_term(key="overfitting", author=make_author(name="Ada Lovelace"), updated_at=UPDATED)
    french = term.versions.get(language="fr")
    cited = citations(client.get(french.get_absolute_url()).content.decode())
    url = f"http://testserver{french.get_absolute_url()}"
    assert cited["apa"] == (
        f"Ada Lovelace. (2026, 1 novembre). Terme overfitting{NNBSP}? gneurone. "
        f"Consulté le {today_in('fr')}, à l’adresse {url}"
    )
    bibtex = cited["bibtex"]
    assert bibtex.startswith("@misc{gneurone-overfitting-fr,\n")
    for line in (
        "  author = {{Ada Lovelace}},",
        "  title = {{Terme overfitting ?}},",
        "  howpublished = {gneurone},",
        "  year = {2026},",
        "  month = nov,",
        f"  url = {{{url}}},",
        f"  urldate = {{{timezone.localdate().isoformat()}}},",
        "  langid = {french},",
        "  note = {Dernière mise à jour le 1 novembre 2026},",
    ):
        assert line in bibtex.splitlines(), bibtex
    assert bibtex.endswith("\n}")

    english = term.versions.get(language="en")
    cited = citations(client.get(english.get_absolute_url()).content.decode())
    assert cited["apa"] == (
        f"Ada Lovelace. (2026, November 1). Term overfitting ? gneurone. "
        f"Retrieved {today_in('en')}, from http://testserver{english.get_absolute_url()}"
    )
    assert "  langid = {english}," in cited["bibtex"].splitlines()


def test_a_career_page_cites_itself_too(client):
    career = make_career(key="ml-engineer", author=make_author(name="Rédaction gneurone"), updated_at=UPDATED)
    for version in career.versions.all():
        page = client.get(version.get_absolute_url()).content.decode()
        cited = citations(page)
        assert cited["apa"].startswith("Rédaction gneurone. (2026, ")
        assert f"{version.title}. gneurone." in cited["apa"]
        assert f"@misc{{gneurone-ml-engineer-{version.language}," in cited["bibtex"]
        assert {"fr": "citer cette page", "en": "cite this page"}[version.language] in page
        toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group(0)
        assert 'href="#cite-heading"' in toc and 'id="cite-heading"' in page


def test_a_hostile_title_is_escaped_for_html_and_for_bibtex(client):
    title = "<script>alert(1)</script> {50%} & $x$ #1 a_b \\emph ~^"
    term = make_term(languages=["en"], title=title)
    page = entry_page(client, term)
    assert "<script>alert(1)" not in page
    cited = citations(page)
    assert f"{title}. gneurone." in cited["apa"]  # the reader's text, as typed
    assert (
        "  title = {{<script>alert(1)</script> \\{50\\%\\} \\& \\$x\\$ \\#1 a\\_b "
        "\\textbackslash{}emph \\textasciitilde{}\\textasciicircum{}}},"
    ) in cited["bibtex"].splitlines()


def test_bibtex_escapes_each_special_once():
    assert bibtex_escape("\\{}%&$#_~^") == (
        "\\textbackslash{}\\{\\}\\%\\&\\$\\#\\_\\textasciitilde{}\\textasciicircum{}"
    )
    assert bibtex_escape("Réseau « neuronal »") == "Réseau « neuronal »"


def test_the_copy_button_is_a_deferred_same_origin_script_hidden_without_it(client):
    term = make_term(languages=["fr"])
    page = entry_page(client, term)
    assert re.search(r'<script src="/static/js/cite\.js" defer></script>', page)
    assert finders.find("js/cite.js")
    for script in re.findall(r"<script\b[^>]*>", page):
        assert 'type="application/ld+json"' in script or re.search(r'src="/static/[^"]+" defer', script), script
    buttons = re.findall(r"<button[^>]*data-copy[^>]*>", page)
    assert len(buttons) == 2 and all(" hidden" in b and 'type="button"' in b for b in buttons)
    assert not re.search(r"<[^>]+\son[a-z]+=", page)
