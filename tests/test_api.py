"""The read-only JSON API (issue 20): published content only, filters, designations, sources,
salary bands with provenance, errors as JSON, ETag/304, CORS, the rate limit, OpenAPI."""

import datetime

import jsonschema
import pytest

from careers.models import OccupationCode
from publishing.models import Status
from website import api

from .factories import make_band, make_career, make_term

pytestmark = pytest.mark.django_db

DESIGNATION = {"term": "grand modèle de langage", "status": "preferred", "authority": "franceterme",
               "date": datetime.date(2024, 9, 6), "region": "FR"}  # fmt: skip


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, (response.json() if response.content else None)


def test_terms_list_only_published_versions_of_the_language(client):
    published = make_term(key="llm", languages=["fr", "en"])
    make_term(key="draft", languages=["fr"], status=Status.DRAFT)
    response, data = get(client, "/api/v1/terms/?language=fr")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert [row["key"] for row in data["results"]] == ["llm"] and data["count"] == 1
    assert data["results"][0]["url"].endswith(published.versions.get(language="fr").get_absolute_url())
    assert data["license"]["name"] == "CC BY 4.0"


def test_term_detail_carries_designations_sources_and_relations(client):
    term = make_term(key="llm", languages=["fr"], designations=[DESIGNATION], related=1,
                     sources=[{"key": "jo", "kind": "official", "title": "Vocabulaire de l’IA"}],
                     definition="Un modèle[^jo].")  # fmt: skip
    _response, data = get(client, "/api/v1/terms/llm?language=fr")
    assert data["designations"][0] | {"date": None} == DESIGNATION | {"date": None, "url": ""}
    assert data["designations"][0]["date"] == "2024-09-06"
    assert [s["key"] for s in data["sources"]] == ["jo"] and 'href="#source-jo"' in data["definition_html"]
    assert data["related_terms"] == sorted(t.key for t in term.related_terms.all())
    assert data["category"] == term.category.key


def test_career_detail_carries_bands_with_provenance_and_codes(client):
    career = make_career(key="data-scientist", languages=["en"])
    make_band(career, statistic="p10-p90", median=140000, flags={"high": "top-coded"}, reference_period="May 2024")
    OccupationCode.objects.create(career=career, classification="soc-2018", code="15-2051", title="Data Scientists",
                                  match="exact")  # fmt: skip
    _response, data = get(client, "/api/v1/careers/data-scientist?language=en")
    (band,) = data["salary_bands"]
    assert (band["statistic"], band["median"], band["flags"], band["to_be_verified"]) == (
        "p10-p90",
        140000,
        {"high": "top-coded"},
        True,
    )
    assert data["occupations"] == [{"classification": "soc-2018", "code": "15-2051", "title": "Data Scientists",
                                    "match": "exact", "url": "", "verified_on": None}]  # fmt: skip
    assert len(data["phases"]) == 2 and data["phases"][0]["weeks"] == [1, 5]


def test_filters_by_category_tag_and_date(client):
    one = make_term(key="one", languages=["en"])
    make_term(key="two", languages=["en"], updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    one.versions.get().tags.add("production")
    keys = lambda url: [row["key"] for row in get(client, url)[1]["results"]]  # noqa: E731
    assert keys(f"/api/v1/terms/?language=en&category={one.category.key}") == ["one"]
    assert keys("/api/v1/terms/?language=en&tag=production") == ["one"]
    assert keys("/api/v1/terms/?language=en&updated_since=2026-01-01") == ["one"]


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/api/v1/terms/?language=de", 400, "language"),
    ("/api/v1/terms/?updated_since=yesterday", 400, "updated_since"),
    ("/api/v1/terms/?page=0", 400, "page"),
    ("/api/v1/terms/?page=9", 404, "page(s)"),
    ("/api/v1/terms/missing?language=en", 404, "No published term"),
    ("/api/v1/careers/missing", 404, "No published career"),
])  # fmt: skip
def test_bad_requests_answer_json_with_their_status(client, url, status, message):
    response, data = get(client, url)
    assert response.status_code == status and message in data["detail"]


def test_drafts_are_not_found_even_for_staff(admin_client):
    make_term(key="draft", languages=["en"], status=Status.DRAFT)
    assert admin_client.get("/api/v1/terms/draft?language=en").status_code == 404


def test_etag_304_cache_control_and_cors(client):
    make_term(key="llm", languages=["en"])
    response, _data = get(client, "/api/v1/terms/llm?language=en")
    assert response["Access-Control-Allow-Origin"] == "*" and response["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/v1/terms/llm?language=en", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again["ETag"] == response["ETag"] and not again.content


def test_a_client_past_its_rate_gets_429(client, monkeypatch):
    (throttle,) = api.api.throttle
    monkeypatch.setattr(throttle, "num_requests", 2)
    throttle.cache.clear()  # the test run's local-memory cache: a fresh count
    statuses = [client.get("/api/v1/careers/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


ROUTE_EXAMPLES = {"{key}": {"/api/v1/terms/{key}": "llm", "/api/v1/careers/{key}": "data-scientist"}}


def test_every_documented_route_answers_in_both_languages_with_the_documented_shape(client):
    """Each path of the OpenAPI document, in each language, validated against the schema the
    document gives for its 200 answer."""
    term = make_term(key="llm", languages=["fr", "en"], designations=[DESIGNATION], related=1)
    career = make_career(key="data-scientist", languages=["fr", "en"])
    make_band(career)
    term.related_careers.add(career)
    document = client.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) == {"/api/v1/terms/", "/api/v1/terms/{key}", "/api/v1/careers/",
                                      "/api/v1/careers/{key}", "/api/v1/search", "/api/v1/graph"}  # fmt: skip
    for path, methods in document["paths"].items():
        schema = methods["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        validator = jsonschema.Draft202012Validator(document | schema)  # its $ref points into the document
        url = path.replace("{key}", ROUTE_EXAMPLES["{key}"].get(path, ""))
        for language in ("fr", "en"):
            response = client.get(
                url, {"language": language, "q": "term"} if "search" in path else {"language": language}
            )
            assert response.status_code == 200, (url, language)
            errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(response.json())]
            assert not errors, (url, language, errors[:3])


def test_the_graph_links_roles_to_the_terms_their_roadmap_needs(client):
    term = make_term(key="llm", languages=["en"])
    draft = make_term(key="draft", languages=["en"], status=Status.DRAFT)
    career = make_career(key="genai-engineer", languages=["en"])
    phase = career.versions.get().phases.first()
    phase.terms.add(term, draft)
    term.related_careers.add(career)
    data = client.get("/api/v1/graph?language=en").json()
    assert {node["id"] for node in data["nodes"]} == {"term:llm", "career:genai-engineer"}
    assert {(e["source"], e["target"], e["relation"]) for e in data["edges"]} == {
        ("career:genai-engineer", "term:llm", "needs"),
        ("term:llm", "career:genai-engineer", "related_role"),
    }
    assert [e["phase"] for e in data["edges"] if e["relation"] == "needs"] == [phase.title]


def test_the_licence_is_in_the_footer_the_json_ld_and_the_api(client):
    term = make_term(key="llm", languages=["fr", "en"])
    fr = client.get(term.versions.get(language="fr").get_absolute_url()).content.decode()
    assert (
        'Textes sous licence <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in fr
    )
    assert '"license": "https://creativecommons.org/licenses/by/4.0/"' in fr
    en = client.get(term.versions.get(language="en").get_absolute_url()).content.decode()
    assert "Texts under the" in en and 'rel="license">CC BY 4.0</a> licence' in en
    assert client.get("/api/v1/terms/llm?language=en").json()["license"]["name"] == "CC BY 4.0"


def test_search_finds_published_entries_of_the_language(client):
    make_term(
        key="overfitting", languages=["en"], name="Overfitting", lede="When a model learns its examples by heart."
    )
    make_term(key="hidden", languages=["en"], name="Overfitting draft", status=Status.DRAFT)
    _response, data = get(client, "/api/v1/search?q=overfitting&language=en")
    assert [row["key"] for row in data["results"]] == ["overfitting"] and data["results"][0]["kind"] == "term"
    assert "<mark>" not in data["results"][0]["snippet"]
    response, data = get(client, "/api/v1/search?language=en")
    assert response.status_code == 400 and "q" in data["detail"]
