import datetime

import pytest

from publishing.models import Status

from .factories import make_author, make_band, make_career, make_term
from .support import TERM_PAGE_QUERIES, assert_entry_pages_cost, assert_in_order, entry_page

pytestmark = pytest.mark.django_db

BLOCKS = [
    'class="breadcrumb"', 'class="terminal-line"', 'class="category"', "<h1>", 'class="lede"',
    'class="reading-time"', 'id="definition-heading"', 'class="analogy"', 'id="takeaways-heading"',
    'id="market-heading"', 'id="faq-heading"', 'id="cta-heading"', "cat ./full-guide.md",
    'id="related-heading"', 'id="author-heading"', 'class="updated"',
]  # fmt: skip
# The interface's words for those blocks (templates and catalogues, not entry text).
HEADINGS = {
    "fr": ["retour à l’encyclopédie", "min de lecture", "définition", "à retenir", "le marché de l’emploi",
           "questions fréquentes", "pour aller plus loin", "termes liés", "Dernière mise à jour"],
    "en": ["back to the encyclopedia", "min read", "definition", "key takeaways", "the job market",
           "frequently asked questions", "to go further", "related terms", "Last updated"],
}  # fmt: skip


@pytest.fixture
def full_term(db):
    """A term with every block filled: related term and role (with a salary band), market, author."""
    term = make_term(key="complete", related=1, market="Hiring is *up*.", author=make_author(name="Grace Hopper"))
    term.related_careers.add(make_career(key="role", bands=[{"region": "US"}]))
    return term


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_term_page_shows_every_block_in_order(client, full_term, language):
    version = full_term.versions.get(language=language)
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_in_order(html, BLOCKS)
    missing = [word for word in HEADINGS[language] if word not in html]
    assert missing == []
    shown = [f"man {version.slug}", version.title, version.cta_title, "Grace Hopper"]
    shown.append(full_term.category.name_fr if language == "fr" else full_term.category.name_en)
    shown += [takeaway.text for takeaway in version.takeaways.all()]
    shown += [faq.question for faq in version.faqs.all()]
    assert [text for text in shown if text not in html] == []


def test_a_term_page_shows_all_its_takeaways_and_faqs(client):
    term = make_term(languages=["en"], takeaways=5, faqs=4)
    response = client.get(term.versions.get().get_absolute_url())
    version = response.context["version"]
    assert len(version.takeaways.all()) == 5
    assert len(version.faqs.all()) == 4
    assert response.content.decode().count('<details class="faq"') == 4


def test_job_market_lists_the_related_roles_with_bands_formatted_for_the_language(client):
    career = make_career(bands=[{"region": "US"}, {"region": "GB", "currency": "GBP", "low": 70000, "high": 105000}])
    term = make_term()
    term.related_careers.add(career)
    en = entry_page(client, term, language="en")
    assert career.versions.get(language="en").title in en and "$115K–$165K" in en and "£70K–£105K" in en
    fr = entry_page(client, term, language="fr")
    assert career.versions.get(language="fr").title in fr and "115\xa0k\xa0$US – 165\xa0k\xa0$US" in fr
    # Figures nobody verified are never shown as fact.
    assert "à vérifier" in fr and "to be verified" in en


def test_job_market_block_is_absent_without_related_careers(client):
    term = make_term(languages=["en"])
    response = client.get(term.versions.get().get_absolute_url())
    assert "the job market" not in response.content.decode()


def test_reading_time_is_shown(client):
    term = make_term(languages=["en"], definition=" ".join(["word"] * 600))
    response = client.get(term.versions.get().get_absolute_url())
    version = response.context["version"]
    assert version.reading_minutes >= 2
    assert f"{version.reading_minutes} min read" in response.content.decode()


@pytest.mark.parametrize(("language", "other_language"), [("fr", "en"), ("en", "fr")])
def test_related_terms_link_to_their_version_in_the_page_language(client, language, other_language):
    term = make_term(related=2)
    related = entry_page(client, term, language=language).split('id="related-heading"')[1]
    for other in term.related_terms.all():
        assert f'href="{other.versions.get(language=language).get_absolute_url()}"' in related
        assert other.versions.get(language=other_language).get_absolute_url() not in related


def test_author_box_shows_initial_and_bio_in_the_page_language(client):
    author = make_author(name="Haythem Rehouma", bio_fr="Ingénieur IA.", bio_en="AI engineer.")
    term = make_term(author=author)
    fr = entry_page(client, term, language="fr")
    assert '<span class="avatar" aria-hidden="true">H</span>' in fr
    assert "Ingénieur IA." in fr and "AI engineer." not in fr
    en = entry_page(client, term, language="en")
    assert "AI engineer." in en and "Ingénieur IA." not in en


def test_aliases_are_shown_as_also_called(client):
    term = make_term(languages=["en"], aliases="LLM\nlarge language models")
    html = entry_page(client, term)
    assert "Also called:" in html and "large language models" in html


def test_entry_text_is_escaped(client):
    term = make_term(languages=["en"], title="<img src=x onerror=alert(1)>", lede='"><script>alert(2)</script>')
    html = entry_page(client, term)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_draft_is_not_listed_as_related(client):
    published = make_term(languages=["en"])
    draft = make_term(languages=["en"], status=Status.DRAFT)
    published.related_terms.add(draft)
    page = entry_page(client, published)
    assert draft.versions.get().get_absolute_url() not in page


def test_last_updated_date_is_shown(client):
    term = make_term(languages=["en"], updated_at=datetime.datetime(2026, 3, 14, tzinfo=datetime.UTC))
    assert "March 14, 2026" in entry_page(client, term)


@pytest.mark.engine
def test_term_page_query_count_does_not_grow_with_relations(client, django_assert_num_queries):
    small = make_term(languages=["en"], related=1)
    small.related_careers.add(make_career(languages=["en"], bands=[{"region": "US"}]))
    large = make_term(languages=["en"], related=30, takeaways=6, faqs=5)
    for _index in range(5):
        career = make_career(languages=["en"], phases=0)
        make_band(career, region="US")
        make_band(career, region="CA", currency="CAD")
        large.related_careers.add(career)
    assert_entry_pages_cost(client, django_assert_num_queries, TERM_PAGE_QUERIES, [small, large])
