"""One behaviour contract for search, run on SQLite and on PostgreSQL (CI runs both)."""

import pytest
from django.core.management import call_command

from .factories import make_category, make_term
from .snapshot import capture
from .support import CATEGORY_PAGE_QUERIES, INDEX_PAGE_QUERIES, SEARCH_PAGE_MAX_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [result.version.title for result in response.context["results"].results]


def first_names(client, url, count=3) -> list[str]:
    response = client.get(url)
    return [getattr(r.version, "name", r.version.title) for r in response.context["results"].results[:count]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/fr/recherche/?q=projets", "Gestion de projet IA"),  # French plural → singular
        ("/fr/recherche/?q=réseaux", "Réseau de neurones"),
        ("/fr/recherche/?q=ethique", "IA responsable"),  # accents ignored in the query…
        ("/fr/recherche/?q=éthique", "IA responsable"),  # …and in the text
        ("/fr/recherche/?q=surveillance+des+modeles", "Surveillance des modèles"),
        ("/en/search/?q=drifts", "Data drift"),  # English stemming
        ("/en/search/?q=MLOPS", "MLOps"),  # case ignored
        ("/fr/recherche/?q=GML", "Grand modèle de langage"),  # an alias (acronym)
        ("/en/search/?q=large+language+models", "Large language model"),
    ],
)
def test_matching_rules(client, corpus, url, expected):
    assert expected in first_names(client, url)


def test_title_matches_rank_first(client, corpus):
    assert first_names(client, "/en/search/?q=mlops", 1) == ["MLOps"]
    assert first_names(client, "/fr/recherche/?q=hallucination", 1) == ["Hallucination"]


def test_quoted_phrase_and_excluded_word(client, corpus):
    with_phrase = titles(client, '/fr/recherche/?q="gestion+de+projet"')
    reference = "Qu’est-ce que la gestion de projet IA (et pourquoi tant de projets IA échouent-ils) ?"
    assert reference in with_phrase
    without = titles(client, '/fr/recherche/?q="gestion+de+projet"+-chiot')
    assert reference not in without and len(without) < len(with_phrase)


def test_results_show_type_category_and_highlighted_snippet(client, corpus):
    html = client.get("/fr/recherche/?q=dérive").content.decode()
    assert "<mark>" in html and 'class="badge">Terme<' in html
    assert "Mise en production &amp; MLOps" in html


def test_filters_by_type_and_category(client, corpus):
    careers = client.get("/en/search/?q=data&type=career").context["results"].results
    assert careers and all(result.kind == "career" for result in careers)
    data = client.get("/fr/recherche/?q=donnees&category=donnees").context["results"].results
    assert data and all(result.version.term.category.key == "data" for result in data)


def test_did_you_mean_for_a_typo(client, corpus):
    response = client.get("/fr/recherche/?q=inteligence+artificielle")
    assert response.context["results"].suggestion == "Intelligence artificielle"
    html = response.content.decode()
    assert 'href="/fr/recherche/?q=Intelligence%20artificielle"' in html
    assert "Intelligence artificielle" in first_names(client, "/fr/recherche/?q=Intelligence%20artificielle")


def test_snippets_escape_entry_text_and_only_mark_is_markup(client):
    make_term(languages=["en"], lede="Danger <b>bold</b> <script>alert(1)</script> zebrafish here.")
    html = client.get("/en/search/?q=zebrafish").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
    assert "<mark>zebrafish</mark>" in html


def test_aliases_redirect_permanently_to_the_entry(client, corpus):
    response = client.get("/en/encyclopedia/llm/")
    assert response.status_code == 301
    assert response["Location"] == "/en/encyclopedia/large-language-model/"
    french = client.get("/fr/encyclopedie/gml/")
    assert french.status_code == 301 and french["Location"] == "/fr/encyclopedie/grand-modele-de-langage/"


def test_shared_alias_gives_a_disambiguation_page(client):
    first = make_term(languages=["en"], aliases="PM")
    second = make_term(languages=["en"], aliases="PM")
    response = client.get("/en/encyclopedia/pm/")
    assert response.status_code == 200
    html = response.content.decode()
    for term in (first, second):
        assert term.versions.get().get_absolute_url() in html


def test_drafts_are_not_found(client):
    make_term(languages=["en"], status="draft", lede="Secret quokka draft.")
    assert client.get("/en/search/?q=quokka").context["results"].total == 0


BAD_QUERIES = [
    "", "   ", "a" * 10_000, "%00", "\x00abc", "' OR 1=1 --", 'c++ "', '"unbalanced', "-", ":*", "NEAR(",
    "a AND OR NOT b", "<script>alert(1)</script>", "^*?[]{}()", "\\", "%",
]  # fmt: skip


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_fail(client, corpus, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%00", "%FF%FE", "q%5B%5D=1"])
def test_undecodable_bytes_in_the_query_string(client, corpus, raw):
    assert client.get(f"/fr/recherche/?q={raw}").status_code == 200


def test_long_query_is_shortened_with_a_message(client, corpus):
    html = client.get("/en/search/", {"q": "model " * 2000}).content.decode()
    assert "shortened to its first 200 characters" in html


@pytest.mark.parametrize(("page", "status"), [("-1", 200), ("abc", 200), ("999999", 404), ("1", 200)])
def test_page_parameter(client, corpus, page, status):
    response = client.get("/en/search/", {"q": "model", "page": page})
    assert response.status_code == status
    if page in ("-1", "abc"):
        assert "not valid" in response.content.decode()


def test_unknown_filters_are_ignored_with_a_message(client, corpus):
    response = client.get("/en/search/", {"q": "model", "type": "planet", "category": "nope"})
    assert response.status_code == 200 and "unknown filter was ignored" in response.content.decode()


def test_search_box_in_every_page_header(client, corpus):
    for url in ("/fr/", "/en/encyclopedia/", "/fr/carrieres/chef-de-projet-ia/"):
        html = client.get(url).content.decode()
        assert 'role="search"' in html and 'name="q"' in html


def test_search_query_count_is_constant(client, corpus, django_assert_max_num_queries):
    for url in ("/en/search/?q=hallucination", "/en/search/?q=model"):  # few results, many
        with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
            assert client.get(url).status_code == 200


@pytest.fixture(scope="session")
def large_corpus_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return capture(lambda: call_command("generate_corpus", terms=450, verbosity=0, stdout=None))


@pytest.fixture
def large_corpus(db, large_corpus_snapshot):
    """450 generated terms per language (generate_corpus), generated once per session."""
    large_corpus_snapshot.restore()


def test_index_is_paginated_and_filtered_by_letter_at_scale(client, large_corpus):
    first = client.get("/en/encyclopedia/")
    assert first.status_code == 200
    assert len(first.context["page_obj"].object_list) == 100
    assert first.context["total"] == 450
    assert client.get("/en/encyclopedia/?page=5").status_code == 200
    assert client.get("/en/encyclopedia/?page=6").status_code == 404
    letter = client.get("/en/encyclopedia/?letter=M")
    names = [v.name for v in letter.context["page_obj"].object_list]
    assert names and all(name.startswith("M") for name in names)
    assert client.get("/en/encyclopedia/?page=abc&letter=%00").status_code == 200


def test_index_and_category_query_counts_do_not_grow_with_the_corpus(client, large_corpus, django_assert_num_queries):
    category = make_category(name_en="Tiny", slug_en="tiny")
    make_term(languages=["en"], category=category)
    with django_assert_num_queries(INDEX_PAGE_QUERIES):
        assert client.get("/en/encyclopedia/").status_code == 200
    for url in ("/en/encyclopedia/category/synthetic-en-0/", "/en/encyclopedia/category/tiny/"):  # big, small
        with django_assert_num_queries(CATEGORY_PAGE_QUERIES):
            assert client.get(url).status_code == 200


def test_generated_corpus_is_searchable_and_related(client, large_corpus):
    from encyclopedia.models import Term

    assert client.get("/en/search/?q=federated").context["results"].total > 0
    term = Term.objects.filter(key__startswith="synthetic-").first()
    assert term.related_terms.count() >= 1 and term.related_careers.count() == 1
    assert term.versions.count() == 2
