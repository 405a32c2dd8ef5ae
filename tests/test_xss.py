"""No text an editor or a reader types runs as script: the XSS corpus through every path.

Pages are parsed by the HTML5 parsing algorithm browsers use (the WHATWG specification), so
what is checked is the document a browser would build, not a regular expression's idea of it:
the sweeps through lexbor (selectolax, in C: most of a sweep's time was parsing), the
single-page checks through html5lib.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET

import html5lib
import pytest
import rdflib
from django.conf import settings
from selectolax.lexbor import LexborHTMLParser

from publishing.markdown import render_markdown
from publishing.templatetags.safety import is_safe_url
from publishing.typography import for_language
from website.opendata import formats, store

from .hostile import admin_pages, alias_redirects, feeds, public_pages
from .support import each_page, html_sweep
from .xss_vectors import VECTORS

pytestmark = pytest.mark.django_db

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "srcdoc"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "math", "style"}
STATIC = settings.STATIC_URL


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def url_is_dangerous(value: str) -> bool:
    compact = "".join(char for char in value if ord(char) > 0x20).lower()
    # "/\host" and "\/host" are "//host" to a browser: another site dressed as a path.
    return compact.startswith(BAD_SCHEMES) or compact[:2] in {"//", "/\\", "\\/", "\\\\"}


def problems_in(html: str, *, admin: bool = False) -> list[str]:
    """Everything in a parsed document that could run script or that an attacker could have put there."""
    found = []
    for element in LexborHTMLParser(html).root.traverse():
        name = element.tag.lower()
        if name.startswith("-"):
            continue  # comments, the doctype
        if name in FORBIDDEN_ELEMENTS and not (admin and name == "svg") and not is_salary_chart(element):
            found.append(f"<{name}> element")  # the admin's own icons and our range charts aside
        attributes = {local_name(key): value or "" for key, value in element.attributes.items()}
        if name == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            found.append("meta refresh")
        if name == "script":
            found += script_problems(attributes, element.text(deep=True), admin=admin)
        for attribute, value in attributes.items():
            if attribute.startswith("on"):
                found.append(f"<{name} {attribute}=…>")
            if attribute in URL_ATTRIBUTES and url_is_dangerous(value):
                found.append(f"<{name} {attribute}={value!r}>")
            if attribute == "style" and not admin:
                found.append(f"<{name} style=…>")
    return found


CHART_PARTS = {"line", "rect", "text", "-text"}


DRAWN_CHARTS = {"salary-chart", "roadmap-timeline"}  # careers.templatetags: salaries, roadmap


def is_salary_chart(element) -> bool:
    """A chart as careers.templatetags draws it (a salary range, a roadmap's timeline): lines,
    rectangles and labels only."""
    if element.tag.lower() != "svg" or element.attributes.get("class") not in DRAWN_CHARTS:
        return False
    parts = list(element.traverse(include_text=True))[1:]  # the svg itself first
    return all(part.tag.lower() in CHART_PARTS for part in parts)


def script_problems(attributes: dict, text: str, *, admin: bool) -> list[str]:
    """Our scripts are JSON-LD data and files from /static/ (the admin's); nothing else."""
    if attributes.get("type") == "application/ld+json":
        try:
            json.loads(text or "")
        except ValueError:
            return ["a JSON-LD block that is not JSON (text broke out of it)"]
        return []
    source = attributes.get("src", "")
    if source.startswith(STATIC) and not (text or "").strip():
        return []
    if admin and source == f"/{settings.ADMIN_PATH}jsi18n/":
        return []
    return [f"<script src={source!r}>{(text or '')[:60]!r}"]


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_renderer_output_is_inert(vector):
    html = render_markdown(vector)
    assert problems_in(f"<!DOCTYPE html><body>{html}") == []
    assert "<script" not in html.lower() and "javascript:" not in html.lower()


def test_markdown_keeps_what_editors_write():
    html = render_markdown("[guide](https://example.org/a) and [page](/fr/carrieres/) **bold**\n\n| a |\n|:--|\n| 1 |")
    assert '<a href="https://example.org/a" rel="noopener">guide</a>' in html
    assert '<a href="/fr/carrieres/" rel="noopener">page</a>' in html
    assert "<strong>bold</strong>" in html and '<td align="left">1</td>' in html


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/x", True), ("/fr/carrieres/", True), ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False),
        ("/\t/evil.example", False), ("/\\evil.example", False), ("https:alert(1)", False), ("", False),
        ("vbscript:x", False), ("java\nscript:x", False), ("\\/evil.example", False),
        ("/\\\\evil.example", False), ("\\\\evil.example", False), (" /\\evil.example", False),
        ("/fr/a\\b/", True),
    ],
)  # fmt: skip
def test_link_filter_lets_through_only_http_and_site_paths(url, safe):
    assert is_safe_url(url) is safe


@html_sweep
def test_every_public_page_renders_hostile_text_inert(client, hostile):
    pages = public_pages(hostile)
    assert len(pages) > 4 * len(VECTORS)
    failures = {}
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), (url, response.status_code)
        if problems := problems_in(response.content.decode()):
            failures[url] = problems
    assert failures == {}
    # An alias naming one term leads to that term's page, swept above.
    redirects = alias_redirects()
    assert len(redirects) > len(VECTORS)
    for url, target in redirects.items():
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target), url
        assert target in pages, url


def test_hostile_text_is_shown_as_text(client, hostile):
    """Inert, not deleted: the reader sees what the editor typed, escaped."""
    version = hostile.term_versions[0]
    html = client.get(version.get_absolute_url()).content.decode()
    assert "&lt;script&gt;xss(1)&lt;/script&gt;" in html  # title, lede, FAQ questions, takeaways
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert document.find(".//h1").text == VECTORS[0]


@html_sweep
def test_meta_tags_and_json_ld_carry_hostile_text_escaped(client, hostile):
    for version in hostile.term_versions + hostile.career_versions:
        html = client.get(version.get_absolute_url()).content.decode()
        document = LexborHTMLParser(html)
        description = document.css_first('meta[name="description"]').attributes["content"]
        vector = VECTORS[int(version.slug.rsplit("-", 1)[1])]
        # As typed, spaced the French way on a French page (publishing.typography): text, not markup.
        assert description.startswith(for_language(vector, version.language)[:20])
        blocks = [block.text() for block in document.css('script[type="application/ld+json"]')]
        assert blocks and all(json.loads(block) for block in blocks)
        assert "</script" not in "".join(blocks).lower()


def test_feeds_and_sitemap_stay_well_formed_xml(client, hostile):
    for url in feeds():
        response = client.get(url)
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # raises if hostile text broke the XML
        assert not [element for element in root.iter() if local_name(element.tag) == "script"]
    feed = ET.fromstring(client.get("/fr/atom.xml").content)
    titles = {element.text for element in feed.iter("{http://www.w3.org/2005/Atom}title")}
    assert len(set(VECTORS) & titles) == 30  # the 30 latest, shown as text, not dropped


def test_downloads_and_the_api_carry_hostile_text_as_data(client, hostile, settings, tmp_path):
    """Every bulk file parses and gives back the names as typed; no CSV cell starts a formula;
    the download page stays inert."""
    settings.DOWNLOADS_ROOT = tmp_path
    store.content_changed()  # the hostile site was built before this folder existed
    fetched = {name: b"".join(client.get(f"/data/{name}").streaming_content) for name in store.BY_NAME}
    names = {version.name for version in hostile.term_versions}
    assert {term["label"] for term in json.loads(fetched["terms-fr.json"])["terms"]} == names
    for name in ("terms-fr.csv", "careers-fr.csv"):
        cells = [cell for row in csv.reader(io.StringIO(fetched[name].decode("utf-8-sig"))) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    tbx = ET.fromstring(fetched["glossary.tbx"])
    assert names <= {element.text for element in tbx.iter(f"{{{formats.TBX}}}term")}
    labels = {str(label) for label in rdflib.Graph().parse(data=fetched["glossary.ttl"], format="turtle").objects(
        None, rdflib.namespace.SKOS.prefLabel)}  # fmt: skip
    assert names <= labels
    assert problems_in(client.get("/fr/donnees/").content.decode()) == []
    api_names = {row["label"] for row in client.get("/api/v1/graph?language=fr").json()["nodes"]}
    assert names <= api_names


@html_sweep
def test_admin_pages_render_hostile_text_inert(admin_client, hostile):
    failures = {}
    for url, body in each_page(admin_client, admin_pages(hostile)):
        if problems := problems_in(body.decode(), admin=True):
            failures[url] = problems
    assert failures == {}


@pytest.mark.parametrize("vector", VECTORS)
def test_admin_preview_returns_inert_html(editor_client, vector):
    response = editor_client.post(f"/{settings.ADMIN_PATH}markdown-preview/", {"content": vector})
    assert response.status_code == 200
    assert problems_in(f"<!DOCTYPE html><body>{response.content.decode()}") == []


def test_search_snippet_marks_cannot_be_forged_by_entry_text(client):
    """Snippets turn two control characters into <mark>: entry text carrying them stays text."""
    from .factories import make_term

    make_term(languages=["en"], lede="Forged \x02<b>bold</b>\x03 marker near the word robustness.")
    html = client.get("/en/search/?q=robustness").content.decode()
    snippet = html5lib.parse(html, namespaceHTMLElements=False).findall(".//mark")
    assert [mark.text for mark in snippet] == ["robustness"]
    assert "<b>" not in html and "\x02" not in html


def test_only_a_range_chart_as_drawn_passes_for_an_svg():
    chart = '<svg class="salary-chart" viewBox="0 0 9 9"><line x1="1"/><rect x="1"/><text x="1">$1K</text></svg>'
    assert problems_in(chart) == []
    hostile_svgs = [
        '<svg class="salary-chart"><foreignObject><p>x</p></foreignObject></svg>',
        '<svg class="salary-chart"><a href="#"><text>x</text></a></svg>',
        "<svg><rect/></svg>",
    ]
    for hostile in hostile_svgs:
        assert "<svg> element" in problems_in(hostile), hostile
