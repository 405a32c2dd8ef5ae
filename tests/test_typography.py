"""French typography on render (issue 17): the rules, where they apply, what they never touch."""

import re

import html5lib
import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from encyclopedia.models import TermVersion
from publishing.markdown import render_markdown
from publishing.typography import NBSP, french_html, french_text

from .factories import make_career, make_term
from .support import ADMIN

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"

# (typed, shown)
RULES = [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Attention !", f"Attention{NNBSP}!"),
    ("Attention!", f"Attention{NNBSP}!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    ("un; deux", f"un{NNBSP}; deux"),
    ("Note : ceci", f"Note{NBSP}: ceci"),
    ("Note: ceci", f"Note{NBSP}: ceci"),
    ("« mot »", f"«{NNBSP}mot{NNBSP}»"),
    ("«mot»", f"«{NNBSP}mot{NNBSP}»"),
    # A group of signs is spaced once, before it.
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("Vraiment?!", f"Vraiment{NNBSP}?!"),
    ("Stop!!", f"Stop{NNBSP}!!"),
    ("Et alors… ?", f"Et alors…{NNBSP}?"),
    ("(vraiment?)", f"(vraiment{NNBSP}?)"),
    ("« Pourquoi ? »", f"«{NNBSP}Pourquoi{NNBSP}?{NNBSP}»"),
    # Every kind of space already there becomes the right one, once.
    (f"Pourquoi{NBSP}?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi  ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi\t?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi\u2009?", f"Pourquoi{NNBSP}?"),
    (f"Note{NNBSP}: ceci", f"Note{NBSP}: ceci"),
    (f"Note {NBSP}: ceci", f"Note{NBSP}: ceci"),
    (f"«{NBSP}mot{NBSP}»", f"«{NNBSP}mot{NNBSP}»"),
]

# Not punctuation, or not ours to guess: left as typed.
UNTOUCHED = [
    "à 10:30",
    "un format 3:2",
    "https://example.org/a?b=1&c=2",
    "voir www.example.org/page?x=1",
    "mailto:a@example.org",
    "term:prompt",
    "a;b",
    "a != b",
    "clin d'œil ;)",
    ":)",
    "C:\\dossier",
    "?",
    "",
]


@pytest.mark.parametrize(("typed", "shown"), RULES)
def test_french_text_spaces_each_sign(typed, shown):
    assert french_text(typed) == shown


@pytest.mark.parametrize(("typed", "shown"), RULES)
def test_french_text_is_idempotent(typed, shown):
    assert french_text(shown) == shown


@pytest.mark.parametrize("text", UNTOUCHED)
def test_french_text_leaves_tokens_alone(text):
    assert french_text(text) == text


def test_a_sentence_after_an_address_is_spaced_but_not_the_address():
    typed = "Lisez https://example.org/faq?id=3 : tout y est. Et https://example.org?"
    assert french_text(typed) == f"Lisez https://example.org/faq?id=3{NBSP}: tout y est. Et https://example.org{NNBSP}?"


def test_french_html_changes_text_nodes_only():
    html = (
        '<p>Un <code>a ? b : c</code> : suite, <a href="https://x.org/?q=1" title="Vrai ? Faux : oui">lien ?</a>'
        " <em>mot</em>? R&amp;D ; &lt;b&gt; !</p>"
        "<pre><code>x = y ? 1 : 2; « raw »</code></pre>"
    )
    assert french_html(html) == (
        f'<p>Un <code>a ? b : c</code>{NBSP}: suite, <a href="https://x.org/?q=1" title="Vrai ? Faux : oui">'
        f"lien{NNBSP}?</a> <em>mot</em>{NNBSP}? R&amp;D{NNBSP}; &lt;b&gt;{NNBSP}!</p>"
        "<pre><code>x = y ? 1 : 2; « raw »</code></pre>"
    )


def test_french_html_does_not_carry_a_sign_across_blocks():
    assert french_html("<p>Fin</p><p>?</p>") == "<p>Fin</p><p>?</p>"
    assert french_html(f"<p>Fin{NNBSP}?</p>") == f"<p>Fin{NNBSP}?</p>"


def test_markdown_in_french_is_spaced_outside_code_and_links():
    source = (
        'Pourquoi ? Voir `a ? b : c` et [la page](https://example.org/?q=1 "Titre ?") : « oui ».\n\n    code ? : ;\n'
    )
    html = render_markdown(source, language="fr")
    assert html == (
        f"<p>Pourquoi{NNBSP}? Voir <code>a ? b : c</code> et "
        f'<a href="https://example.org/?q=1" title="Titre ?" rel="noopener">la page</a>{NBSP}: '
        f"«{NNBSP}oui{NNBSP}».</p>\n<pre><code>code ? : ;\n</code></pre>"
    )


def test_markdown_in_english_is_untouched():
    source = "Why? Because : « this » ; and `a ? b`!"
    assert render_markdown(source, language="en") == "<p>Why? Because : « this » ; and <code>a ? b</code>!</p>"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("R&D : <b>gras</b> ?", f"R&amp;D{NBSP}: &lt;b&gt;gras&lt;/b&gt;{NNBSP}?"),
        ('Il dit "oui" ?', f"Il dit &quot;oui&quot;{NNBSP}?"),
        (mark_safe("<em>mot</em>?"), f"<em>mot</em>{NNBSP}?"),
    ],
)
def test_filter_escapes_plain_text_and_spaces_french(value, shown):
    template = Template("{% load typography %}{{ value|typo }}")
    with translation.override("fr"):
        assert template.render(Context({"value": value})) == shown


def test_filter_leaves_english_alone_but_escaped():
    template = Template('{% load typography %}{{ value|typo }}|{{ value|typo:"en" }}')
    with translation.override("en"):
        assert template.render(Context({"value": "Why ? <b>"})) == "Why ? &lt;b&gt;|Why ? &lt;b&gt;"


def test_the_stored_markdown_keeps_what_the_editor_typed(client):
    term = make_term(definition="Quoi ? Voir « ceci » : `x ? y`.", title="Pourquoi ?")
    french = TermVersion.objects.get(term=term, language="fr")
    assert french.definition == "Quoi ? Voir « ceci » : `x ? y`."
    assert french.title == "Pourquoi ?"
    assert french.definition_html == (f"<p>Quoi{NNBSP}? Voir «{NNBSP}ceci{NNBSP}»{NBSP}: <code>x ? y</code>.</p>")
    english = TermVersion.objects.get(term=term, language="en")
    assert english.definition_html == "<p>Quoi ? Voir « ceci » : <code>x ? y</code>.</p>"


def visible_text(html: str) -> str:
    """What a reader reads: text nodes, the title and the meta description; not code."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    skipped = {"script", "style", "code", "pre", "kbd"}
    parts = [document.find(".//meta[@name='description']").get("content")]

    def walk(element, inside_code=False):
        verbatim = inside_code or element.tag in skipped
        if element.text and not verbatim:
            parts.append(element.text)
        for child in element:
            walk(child, verbatim)
            if child.tail and not verbatim:
                parts.append(child.tail)

    walk(document)
    return "\n".join(parts)


BREAKING_BEFORE = re.compile(r"[ \t\n]+[?!;:»]|«[ \t\n]")
MISSING_SPACE = re.compile(r"\w[?!;»](?=\s|$)|«\w|\w:(?=\s|$)")


def test_a_french_page_shows_no_breaking_space_before_signs(client):
    term = make_term(
        title="Pourquoi ?",
        lede="Une « courte » réponse : oui !",
        definition="Définition : voir `a ? b`, [ici](https://example.org/?q=1) ; fin ?",
        related=1,
    )
    french = TermVersion.objects.get(term=term, language="fr")
    text = visible_text(client.get(french.get_absolute_url()).content.decode())
    assert f"Pourquoi{NNBSP}?" in text
    assert BREAKING_BEFORE.findall(text) == []
    assert MISSING_SPACE.findall(text) == []
    english = TermVersion.objects.get(term=term, language="en")
    page = client.get(english.get_absolute_url()).content.decode()
    assert "Pourquoi ?" in page and "Une « courte » réponse : oui !" in page
    assert NNBSP not in page


def test_a_french_career_page_is_spaced_too(client):
    career = make_career(title="Chef de projet ?", summary="Le métier : piloter.")
    french = career.versions.get(language="fr")
    html = client.get(french.get_absolute_url()).content.decode()
    assert f"<h1>Chef de projet{NNBSP}?</h1>" in html
    assert f"Le métier{NBSP}: piloter." in html


REFERENCE_AND_NAMED_TERMS = ["ai-project-management", "prompt", "large-language-model", "eu-ai-act", "deep-learning"]


@pytest.mark.parametrize("key", REFERENCE_AND_NAMED_TERMS)
def test_the_reference_term_and_named_terms_are_spaced_in_french(client, corpus, key):
    french = TermVersion.objects.get(term__key=key, language="fr")
    text = visible_text(client.get(french.get_absolute_url()).content.decode())
    assert BREAKING_BEFORE.findall(text) == []
    assert MISSING_SPACE.findall(text) == []


def test_the_admin_preview_renders_in_the_version_language(editor_client):
    preview = f"{ADMIN}markdown-preview/"
    assert editor_client.post(preview, {"content": "Quoi ?"}).content.decode() == f"<p>Quoi{NNBSP}?</p>"
    assert editor_client.post(f"{preview}?language=en", {"content": "Quoi ?"}).content.decode() == "<p>Quoi ?</p>"
    term = make_term()
    english = TermVersion.objects.get(term=term, language="en")
    html = editor_client.get(f"{ADMIN}encyclopedia/termversion/{english.pk}/change/").content.decode()
    assert f'data-markdownx-urls-path="{preview}?language=en"' in html
    assert f'data-markdownx-urls-path="{preview}?language=fr"' not in html


def test_the_link_preview_of_a_french_term_is_spaced(client):
    term = make_term(lede="Réponse courte : oui !")
    french = TermVersion.objects.get(term=term, language="fr")
    english = TermVersion.objects.get(term=term, language="en")
    assert client.get(f"{french.get_absolute_url()}preview.json").json()["lede"] == f"Réponse courte{NBSP}: oui{NNBSP}!"
    assert client.get(f"{english.get_absolute_url()}preview.json").json()["lede"] == "Réponse courte : oui !"
