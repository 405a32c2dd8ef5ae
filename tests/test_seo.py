import datetime
import re
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.utils import timezone

from careers.models import CareerVersion
from encyclopedia.models import TermVersion
from publishing.models import Status

from .factories import make_career, make_term, make_term_version
from .support import entry_page, html_sweep

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
TERM = {"fr": "/fr/encyclopedie/gestion-projet-ia/", "en": "/en/encyclopedia/ai-project-management/"}
CAREER = {"fr": "/fr/carrieres/chef-de-projet-ia/", "en": "/en/careers/ai-project-manager/"}


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">')


def json_ld(html: str) -> dict[str, dict]:
    items = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]
    by_type = {}
    for item in items:
        by_type.setdefault(item["@type"], item)
    return by_type


def sitemap(client) -> dict[str, dict]:
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {}
    for url in root.findall("s:url", NS):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        lastmod = url.find("s:lastmod", NS)
        urls[url.find("s:loc", NS).text] = {"lastmod": getattr(lastmod, "text", None), "alternates": links}
    return urls


def test_sitemap_lists_every_published_version_with_its_alternates(client, corpus):
    urls = sitemap(client)
    published = list(TermVersion.objects.published()) + list(CareerVersion.objects.published())
    for version in published:
        loc = f"http://testserver{version.get_absolute_url()}"
        assert loc in urls
        assert urls[loc]["lastmod"] == version.updated_at.date().isoformat()
        assert urls[loc]["alternates"][version.language] == loc
    reference = urls["http://testserver" + TERM["fr"]]["alternates"]
    assert reference == {
        "en": "http://testserver" + TERM["en"],
        "fr": "http://testserver" + TERM["fr"],
        "x-default": "http://testserver" + TERM["fr"],
    }
    assert "http://testserver/fr/" in urls and "http://testserver/en/encyclopedia/" in urls


def test_sitemap_leaves_out_drafts_and_lists_untranslated_entries_in_their_language_only(client):
    only_en = make_term(languages=["en"])
    make_term_version(only_en, "fr", status=Status.DRAFT)
    draft = make_term(languages=["en"], status=Status.DRAFT)
    urls = sitemap(client)
    loc = "http://testserver" + only_en.versions.get(language="en").get_absolute_url()
    assert set(urls[loc]["alternates"]) == {"en", "x-default"}
    assert not any(only_en.versions.get(language="fr").slug in url for url in urls)
    assert not any(draft.versions.get().slug in url for url in urls)


def test_robots_txt_points_at_the_sitemap_and_keeps_admin_and_search_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /fr/recherche/" in text and "Disallow: /en/search/" in text


def meta_tags(html: str, attribute: str) -> dict[str, str]:
    """A page's `<meta {attribute}="…" content="…">` tags (attribute: "name" or, for Open
    Graph, "property"), as {name: content}."""
    return dict(re.findall(rf'<meta {attribute}="([^"]+)" content="([^"]*)">', html))


def test_every_page_has_canonical_description_and_open_graph(client, corpus):
    html = client.get(TERM["fr"]).content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/encyclopedie/gestion-projet-ia/">' in html
    assert '<html lang="fr">' in html
    names = meta_tags(html, "name")
    assert names["description"].startswith("La gestion de projet IA") and names["twitter:card"] == "summary"
    properties = meta_tags(html, "property")
    assert properties["og:title"].startswith("Qu’est-ce que la gestion de projet IA")
    assert (
        properties.items()
        >= {
            "og:type": "article",
            "og:locale": "fr_FR",
            "og:locale:alternate": "en_US",
            "article:modified_time": TermVersion.objects.get(slug="gestion-projet-ia").updated_at.isoformat(),
        }.items()
    )
    index = client.get("/en/careers/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/careers/">' in index
    assert meta_tags(index, "property")["og:type"] == "website"


@html_sweep
def test_hreflang_is_reciprocal_with_x_default_across_every_published_page(client, corpus_pages):
    seen = {}

    def hreflangs(url):  # each page read once, however many pages point at it
        if url not in seen:
            html = (corpus_pages[url] if url in corpus_pages else client.get(url).content).decode()
            seen[url] = dict(
                re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">', html)
            )
        return seen[url]

    for version in list(TermVersion.objects.published()) + list(CareerVersion.objects.published()):
        own = hreflangs(version.get_absolute_url())
        assert own[version.language] == version.get_absolute_url()
        assert own["x-default"] == own.get("fr", own[version.language])  # French first
        for url in own.values():
            assert hreflangs(url) == own, url


def test_term_json_ld_article_about_a_defined_term_faq_and_breadcrumb(client, corpus):
    data = json_ld(client.get(TERM["en"]).content.decode())
    article = data["Article"]
    assert article["headline"].startswith("What is AI project management")
    assert article["author"] == {"@type": "Person", "name": "Haythem Rehouma"}
    assert article["inLanguage"] == "en"
    assert article["datePublished"] and article["dateModified"]
    assert article["about"]["@type"] == "DefinedTerm"
    assert article["about"]["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert len(data["FAQPage"]["mainEntity"]) == 4
    assert data["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["@type"] == "Answer"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == "http://testserver" + TERM["en"]


def test_career_json_ld_has_no_occupation_for_unverified_bands(client, corpus):
    data = json_ld(client.get(CAREER["en"]).content.decode())
    assert {"Article", "FAQPage", "BreadcrumbList"} <= set(data)
    assert "Occupation" not in data
    assert "115000" not in str(data)


def test_occupation_only_from_verified_fresh_bands_with_the_page_values(client):
    today = timezone.localdate()
    career = make_career(languages=["en"], bands=[
        {"region": "US", "verified_on": today},
        {"region": "CA", "currency": "CAD", "low": 95000, "high": 140000},
        {"region": "GB", "currency": "GBP", "low": 70000, "high": 105000,
         "verified_on": today - datetime.timedelta(days=500)},
    ])  # fmt: skip
    html = entry_page(client, career)
    occupation = json_ld(html)["Occupation"]
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "US"}]
    (salary,) = occupation["estimatedSalary"]
    # A band typed from a quoted range is no percentile: its ends are the distribution's min and max.
    assert (salary["currency"], salary["minValue"], salary["maxValue"], salary["duration"]) == (
        "USD", 115000, 165000, "P1Y",
    )  # fmt: skip
    assert "percentile10" not in salary
    assert "$115K–$165K" in html  # the same figures the page shows
    assert html.count('"@type": "Occupation"') == 1


def test_hostile_title_cannot_close_the_json_ld_script(client):
    hostile = "</script><script>alert(1)</script>"
    term = make_term(languages=["en"], title=hostile, name=hostile, lede=hostile)
    html = entry_page(client, term)
    assert "<script>alert(1)" not in html
    # Still three JSON-LD blocks (no script of its own: test_reading_experience, test_xss).
    assert html.count('<script type="application/ld+json">') == 3
    assert json_ld(html)["Article"]["headline"] == hostile


def test_atom_feed_per_language_linked_from_the_head(client, corpus):
    html = client.get("/fr/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/fr/atom.xml"' in html
    root = ET.fromstring(client.get("/fr/atom.xml").content)
    atom = {"a": "http://www.w3.org/2005/Atom"}
    links = [entry.find("a:link", atom).get("href") for entry in root.findall("a:entry", atom)]
    assert len(links) == 30
    assert all("/fr/" in link for link in links)
    en = ET.fromstring(client.get("/en/atom.xml").content)
    assert all("/en/" in e.find("a:link", atom).get("href") for e in en.findall("a:entry", atom))
