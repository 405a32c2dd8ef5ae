import re

import pytest

from publishing.models import Status

from .factories import make_category, make_term, make_term_version
from .support import entry_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "target"),
    [("en-US,en;q=0.9", "/en/"), ("fr-CA,fr;q=0.9", "/fr/"), ("de-DE,de;q=0.9", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_browser_language_french_by_default(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(("url", "links"), [
    ("/fr/", ["/fr/encyclopedie/", "/fr/carrieres/"]),
    ("/en/", ["/en/encyclopedia/", "/en/careers/"]),
])  # fmt: skip
def test_home_pages_introduce_and_link_both_halves(client, corpus, url, links):
    html = client.get(url).content.decode()
    for link in links:
        assert f'href="{link}"' in html
    assert "<h1>" in html


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(("url", "switch"), [
    ("/fr/encyclopedie/entry-fr/", 'href="/en/encyclopedia/entry-en/" hreflang="en" lang="en"'),
    ("/en/encyclopedia/entry-en/", 'href="/fr/encyclopedie/entry-fr/" hreflang="fr" lang="fr"'),
], ids=["fr", "en"])  # fmt: skip
def test_language_switch_lands_on_the_same_entry_with_its_own_slug(client, url, switch):
    make_term(key="entry")  # slugs entry-fr and entry-en
    assert switch in client.get(url).content.decode()


def test_untranslated_entry_switches_to_the_other_index_with_a_notice(client):
    term = make_term(languages=["fr"])
    html = entry_page(client, term)
    assert 'href="/en/encyclopedia/?untranslated=1"' in html
    assert set(alternates(html)) == {"fr", "x-default"}
    notice = client.get("/en/encyclopedia/?untranslated=1").content.decode()
    assert "has no version in this language yet" in notice


def test_a_draft_translation_is_not_offered_to_readers(client):
    term = make_term(languages=["fr"])
    make_term(languages=[])  # unrelated
    make_term_version(term, "en", status=Status.DRAFT)
    html = entry_page(client, term, language="fr")
    assert "?untranslated=1" in html
    assert 'hreflang="en" href' not in html


def test_index_groups_terms_by_letter_with_counts_and_jumps(client):
    for name in ("Apprentissage", "Éthique", "Qualité des données"):
        make_term(languages=["fr"], name=name)
    html = client.get("/fr/encyclopedie/").content.decode()
    assert 'href="#letter-A"' in html and 'id="letter-A"' in html
    assert "3 termes" in html
    # Accents file under the plain letter: "Éthique" under E, "Qualité des données" under Q.
    for letter, name in (("E", "Éthique"), ("Q", "Qualité des données")):
        section = html.split(f'id="letter-{letter}"')[1].split("</section>")[0]
        assert name in section


def test_category_page_filters_and_translates_its_slug(client):
    data = make_category(name_fr="Données", slug_fr="donnees", name_en="Data", slug_en="data")
    make_term(languages=["fr"], category=data, name="Qualité des données")
    make_term(languages=["fr"], name="Gestion de projet IA")  # another category
    html = client.get("/fr/encyclopedie/categorie/donnees/").content.decode()
    assert "Qualité des données" in html and "Gestion de projet IA" not in html
    assert 'href="/en/encyclopedia/category/data/"' in html
    assert client.get("/en/encyclopedia/category/donnees/").status_code == 404


def test_tag_page_lists_tagged_terms_in_the_language(client):
    tagged = make_term(languages=["en"])
    tagged.versions.get().tags.add("privacy")
    other = make_term(languages=["en"])
    html = client.get("/en/encyclopedia/tag/privacy/").content.decode()
    assert tagged.versions.get().name in html and other.versions.get().name not in html
    assert client.get("/fr/encyclopedie/etiquette/privacy/").status_code == 404


@pytest.mark.parametrize("url", [
    "/fr/encyclopedie/inexistant/", "/en/encyclopedia/nope/", "/de/encyclopedia/", "/en/encyclopedie/",
    "/fr/encyclopedie/categorie/nope/", "/en/encyclopedia/tag/nope/", "/fr/carrieres/nope/",
    "/en/encyclopedia/%00/", "/en/encyclopedia/ai-project-management/extra/",
])  # fmt: skip
def test_unknown_pages_get_a_helpful_404(client, corpus, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="error-links"' in html


def test_404_speaks_the_language_of_the_path(client):
    fr = client.get("/fr/encyclopedie/inexistant/").content.decode()
    assert "Page introuvable" in fr and 'lang="fr"' in fr and 'href="/fr/encyclopedie/"' in fr
    en = client.get("/en/encyclopedia/missing/").content.decode()
    assert "Page not found" in en and 'lang="en"' in en and 'href="/en/encyclopedia/"' in en


def test_bad_parameters_are_ignored_not_errors(client, corpus):
    assert client.get("/en/encyclopedia/?untranslated=%00&page=abc&x=<script>").status_code == 200


def test_500_page_is_rendered_in_the_page_language_without_details(rf):
    from website.views import server_error

    response = server_error(rf.get("/en/encyclopedia/x/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b"Traceback" not in response.content
    assert "Un problème" in server_error(rf.get("/fr/x/")).content.decode()


def test_category_ordering_is_listed_with_counts(client):
    category = make_category(name_en="Risk", slug_en="risk")
    make_term(languages=["en"], category=category)
    html = client.get("/en/encyclopedia/").content.decode()
    assert 'href="/en/encyclopedia/category/risk/">Risk</a> <span class="muted">(1)</span>' in html
