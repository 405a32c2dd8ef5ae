"""The reading experience as served: what the browser tests rely on, checked on the HTML."""

import re

import pytest

from .factories import make_career, make_term
from .support import PAGES, entry_page, expected_status

pytestmark = pytest.mark.django_db


def test_pages_carry_no_inline_script_style_or_handler(client, site_corpus):
    """Everything works under a Content Security Policy without 'unsafe-inline'."""
    for name, urls in PAGES.items():
        for url in urls.values():
            response = client.get(url)
            assert response.status_code == expected_status(name)
            html = response.content.decode()
            assert not re.search(r"<[^>]+\sstyle=", html), url
            assert not re.search(r"<[^>]+\son[a-z]+=", html), url
            assert "<style" not in html, url
            for script in re.findall(r"<script\b[^>]*>", html):
                # Scripts are external and deferred; JSON-LD is data, not script.
                assert ('src="' in script and " defer" in script) or 'type="application/ld+json"' in script, script


def test_term_previews_are_offered_on_entry_pages_only(client, corpus):
    term = client.get(PAGES["term"]["fr"]).content.decode()
    assert 'data-term-previews="/fr/encyclopedie/"' in term
    assert re.search(r'<script src="/static/js/term-preview\.js" defer>', term)
    career = client.get(PAGES["career"]["en"]).content.decode()
    assert 'data-term-previews="/en/encyclopedia/"' in career
    assert "term-preview.js" not in client.get(PAGES["index"]["fr"]).content.decode()


def table_of_contents(html: str) -> str:
    return re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)


def test_on_this_page_lists_the_blocks_the_page_has(client):
    bare = make_term(key="bare", takeaways=0, faqs=0, cta_url="")
    toc = table_of_contents(entry_page(client, bare, language="en"))
    assert 'href="#definition-heading"' in toc
    for absent in ("takeaways", "faq", "cta", "related", "market"):
        assert f'href="#{absent}-heading"' not in toc
    full = make_term(key="full", related=1, market="Hiring is up.")
    full.related_careers.add(make_career(bands=[{"region": "US"}]))
    html = entry_page(client, full, language="en")
    toc = table_of_contents(html)
    for present in ("definition", "takeaways", "market", "faq", "cta", "related"):
        assert f'href="#{present}-heading"' in toc
        assert f'id="{present}-heading"' in html


def test_a_search_without_results_offers_a_way_on(client):
    response = client.get("/fr/recherche/?q=zzqxj")
    html = response.content.decode()
    assert "0 résultat" in html
    assert 'href="/fr/encyclopedie/"' in html and 'href="/fr/carrieres/"' in html
    assert "Essayez" in html
