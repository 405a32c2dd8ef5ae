import datetime

import pytest

from publishing.models import Status

from .factories import make_band, make_career, make_term, make_user
from .support import TERM_PAGE_QUERIES

pytestmark = pytest.mark.django_db

REFERENCE = {"fr": "/fr/encyclopedie/gestion-projet-ia/", "en": "/en/encyclopedia/ai-project-management/"}


def block_positions(html: str, markers: list[str]) -> list[int]:
    positions = [html.find(marker) for marker in markers]
    assert -1 not in positions, [m for m, p in zip(markers, positions, strict=True) if p == -1]
    return positions


BLOCKS = [
    'class="breadcrumb"', 'class="terminal-line"', 'class="category"', "<h1>", 'class="lede"',
    'class="reading-time"', 'id="definition-heading"', 'class="analogy"', 'id="takeaways-heading"',
    'id="market-heading"', 'id="faq-heading"', 'id="cta-heading"', "cat ./full-guide.md",
    'id="related-heading"', 'id="author-heading"', 'class="updated"',
]  # fmt: skip
WORDS = {
    "fr": ["retour à l’encyclopédie", "man gestion-projet-ia", "Productivité &amp; carrière",
           "Qu’est-ce que la gestion de projet IA", "min de lecture", "définition", "chiot", "à retenir",
           "le marché de l’emploi", "questions fréquentes", "pour aller plus loin",
           "Lance-toi en Gestion Projets IA", "termes liés", "Haythem Rehouma", "Dernière mise à jour"],
    "en": ["back to the encyclopedia", "man ai-project-management", "Productivity &amp; Career",
           "What is AI project management", "min read", "definition", "puppy", "key takeaways",
           "the job market", "frequently asked questions", "to go further",
           "Get started in AI project management", "related terms", "Haythem Rehouma", "Last updated"],
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_reference_term_page_shows_every_block_in_order(client, corpus, language):
    response = client.get(REFERENCE[language])
    assert response.status_code == 200
    html = response.content.decode()
    positions = block_positions(html, BLOCKS)
    assert positions == sorted(positions)
    missing = [word for word in WORDS[language] if word not in html]
    assert missing == []


def test_reference_term_has_the_five_takeaways_and_four_faqs(client, corpus):
    response = client.get(REFERENCE["en"])
    version = response.context["version"]
    assert len(version.takeaways.all()) == 5
    assert len(version.faqs.all()) == 4
    assert response.content.decode().count('<details class="faq"') == 4


def test_job_market_lists_the_related_roles_with_bands_formatted_for_the_language(client, corpus):
    en = client.get(REFERENCE["en"]).content.decode()
    assert "AI Project Manager" in en and "$115K–$165K" in en and "£70K–£105K" in en
    fr = client.get(REFERENCE["fr"]).content.decode()
    assert "Chef de projet IA" in fr and "115\xa0k\xa0$US – 165\xa0k\xa0$US" in fr
    # The reference figures are not verified: never shown as fact.
    assert "à vérifier" in fr and "to be verified" in en


def test_job_market_block_is_absent_without_related_careers(client):
    term = make_term(languages=["en"])
    response = client.get(term.versions.get().get_absolute_url())
    assert "the job market" not in response.content.decode()


def test_reading_time_is_shown(client, corpus):
    version = client.get(REFERENCE["en"]).context["version"]
    assert version.reading_minutes >= 2
    assert f"{version.reading_minutes} min read" in client.get(REFERENCE["en"]).content.decode()


def test_related_terms_link_to_their_version_in_the_page_language(client, corpus):
    html = client.get(REFERENCE["fr"]).content.decode()
    assert 'href="/fr/encyclopedie/mlops/"' in html
    assert 'href="/fr/encyclopedie/qualite-des-donnees/"' in html
    assert "/en/encyclopedia/data-quality/" not in html.split("termes liés")[1]


def test_author_box_shows_initial_and_bio_in_the_page_language(client, corpus):
    fr = client.get(REFERENCE["fr"]).content.decode()
    assert '<span class="avatar" aria-hidden="true">H</span>' in fr
    assert "Ingénieur et architecte IA et cloud" in fr
    en = client.get(REFERENCE["en"]).content.decode()
    assert "AI and cloud engineer and architect" in en


def test_aliases_are_shown_as_also_called(client):
    term = make_term(languages=["en"], aliases="LLM\nlarge language models")
    html = client.get(term.versions.get().get_absolute_url()).content.decode()
    assert "Also called:" in html and "large language models" in html


def test_entry_text_is_escaped(client):
    term = make_term(languages=["en"], title="<img src=x onerror=alert(1)>", lede='"><script>alert(2)</script>')
    html = client.get(term.versions.get().get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_draft_is_404_for_readers_and_previewable_by_staff(client):
    term = make_term(languages=["en"], status=Status.DRAFT)
    url = term.versions.get().get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(make_user(staff=True))
    response = client.get(url)
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_draft_is_not_listed_in_the_index_or_as_related(client):
    published = make_term(languages=["en"])
    draft = make_term(languages=["en"], status=Status.DRAFT)
    published.related_terms.add(draft)
    index = client.get("/en/encyclopedia/").content.decode()
    assert draft.versions.get().name not in index
    page = client.get(published.versions.get().get_absolute_url()).content.decode()
    assert draft.versions.get().get_absolute_url() not in page


def test_last_updated_date_is_shown(client):
    term = make_term(languages=["en"], updated_at=datetime.datetime(2026, 3, 14, tzinfo=datetime.UTC))
    assert "March 14, 2026" in client.get(term.versions.get().get_absolute_url()).content.decode()


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
    for url in [entry.versions.get().get_absolute_url() for entry in (small, large)]:
        with django_assert_num_queries(TERM_PAGE_QUERIES):
            assert client.get(url).status_code == 200
