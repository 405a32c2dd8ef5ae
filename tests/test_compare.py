"""Two career guides side by side (issue 19): what the second role needs that the first does
not, what they share, the second's phases with what the first covers, both salary pictures;
in both languages with hreflang; reached from each guide."""

import pytest
from selectolax.lexbor import LexborHTMLParser

from publishing.models import Status

from .factories import make_band, make_career, make_term

pytestmark = pytest.mark.django_db

COMPARE_QUERIES = 6  # the two guides; their phases, the phases' terms, salary bands, language rows; the terms named


@pytest.fixture
def roles():
    """An analyst (SQL, statistics) and a scientist (statistics, machine learning, deep learning)."""
    terms = {key: make_term(key=key, languages=["fr", "en"], takeaways=0, faqs=0)
             for key in ("sql", "statistics", "machine-learning", "deep-learning")}  # fmt: skip
    analyst = make_career(key="analyst", languages=["fr", "en"])
    scientist = make_career(key="scientist", languages=["fr", "en"], phases=2)
    make_band(scientist)
    for version in analyst.versions.all():
        version.phases.first().terms.add(terms["sql"], terms["statistics"])
    for version in scientist.versions.all():
        first, second = version.phases.all()
        first.terms.add(terms["statistics"])
        second.terms.add(terms["machine-learning"], terms["deep-learning"])
    return analyst, scientist, terms


def chips(document, heading_id):
    section = document.css_first(f'section[aria-labelledby="{heading_id}"]')
    return [a.text() for a in section.css("a")] if section else []


def test_what_to_learn_what_is_shared_and_the_phases(client, roles, django_assert_num_queries):
    url = "/en/careers/analyst-en/compare/scientist-en/"
    with django_assert_num_queries(COMPARE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    document = LexborHTMLParser(response.content.decode())
    assert document.css_first("h1").text() == "From Role analyst to Role scientist: what to learn"
    assert chips(document, "to-learn-heading") == ["Term deep-learning", "Term machine-learning"]
    assert chips(document, "shared-heading") == ["Term statistics"]
    assert chips(document, "left-heading") == ["Term sql"]
    phases = document.css("ol.phases > li")
    assert [len(p.css("ul.known a")) for p in phases] == [1, 0]  # statistics: already covered
    assert [len(p.css("ul.chips:not(.known) a")) for p in phases] == [0, 2]
    assert len(document.css("table.salary-table")) == 1  # the scientist's band; none for the analyst


def test_in_french_with_hreflang_to_the_same_comparison_in_english(client, roles):
    html = client.get("/fr/carrieres/analyst-fr/comparer/scientist-fr/").content.decode()
    document = LexborHTMLParser(html)
    assert document.css_first("h1").text() == "Métier analyst → Métier scientist\xa0: ce qu’il faut apprendre"
    alternates = {
        link.attributes["hreflang"]: link.attributes["href"] for link in document.css('link[rel="alternate"][hreflang]')
    }
    assert alternates["en"].endswith("/en/careers/analyst-en/compare/scientist-en/")
    assert alternates["fr"].endswith("/fr/carrieres/analyst-fr/comparer/scientist-fr/")


def test_each_guide_links_to_its_comparisons(client, roles):
    document = LexborHTMLParser(client.get("/en/careers/analyst-en/").content.decode())
    links = [a.attributes["href"] for a in document.css("section.compare-with a")]
    assert links == ["/en/careers/analyst-en/compare/scientist-en/"]


@pytest.mark.parametrize("url", [
    "/en/careers/analyst-en/compare/missing/",
    "/en/careers/analyst-en/compare/analyst-en/",
    "/en/careers/analyst-en/compare/scientist-fr/",  # the French slug on the English site
    "/en/careers/analyst-en/compare/draft-en/",
])  # fmt: skip
def test_a_missing_same_or_unpublished_guide_is_a_404_in_the_page_language(client, roles, url):
    make_career(key="draft", languages=["en"], status=Status.DRAFT)
    response = client.get(url)
    assert response.status_code == 404 and "Page not found" in response.content.decode()
