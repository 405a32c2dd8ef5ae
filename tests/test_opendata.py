"""The bulk downloads and the API reference (issue 20): JSON, CSV, SKOS and TBX files of the
published content only, rebuilt after a change, with their licence; CSV cells that cannot
run formulas; the reference page generated from the OpenAPI document."""

import csv
import fcntl
import io
import json

import pytest
from lxml import etree
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from publishing.models import Status
from website.opendata import formats, store, views

from .factories import make_career, make_term, make_user

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DEPRECATED = {"term": "prompt", "status": "deprecated", "authority": "franceterme"}
PREFERRED = {"term": "instruction générative", "status": "preferred", "authority": "franceterme"}


@pytest.fixture(autouse=True)
def downloads_root(settings, tmp_path):
    """Each test its own folder of builds (the rows of another test are gone)."""
    settings.DOWNLOADS_ROOT = tmp_path / "downloads"


@pytest.fixture
def content():
    """Two terms in both languages (one with designations, related to a guide), a draft, a
    guide whose roadmap needs the first term."""
    term = make_term(key="prompt", languages=["fr", "en"], designations=[PREFERRED, DEPRECATED])
    make_term(key="other", languages=["fr", "en"])
    make_term(key="secret-draft", languages=["fr", "en"], status=Status.DRAFT)
    career = make_career(key="prompt-engineer", languages=["fr", "en"])
    term.related_careers.add(career)
    career.versions.get(language="fr").phases.first().terms.add(term)
    return term


def fetch(client, name: str, **headers):
    response = client.get(f"/data/{name}", headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_the_download_page_lists_every_file_with_its_size_and_licence(client, content):
    page = client.get("/fr/donnees/").content.decode()
    for download in store.DOWNLOADS:
        assert f'href="/data/{download.name}"' in page
    assert f'href="{LICENCE_URL}" rel="license"' in page and "\xa0Kio" in page  # sizes
    assert 'href="/fr/donnees/api/"' in page
    english = client.get("/en/data/").content.decode()
    assert "French and English" in english and "KB" in english


def test_files_answer_with_etag_304_cors_and_the_licence_link(client, content):
    response, body = fetch(client, "glossary.ttl")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/turtle")
    assert response["Access-Control-Allow-Origin"] == "*" and response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    assert response["Cache-Control"] == f"public, max-age={views.MAX_AGE}"
    again = client.get("/data/glossary.ttl", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert client.get("/data/passwords.txt").status_code == 404


def test_json_holds_published_entries_only_with_their_licence(client, content):
    _response, body = fetch(client, "terms-fr.json")
    data = json.loads(body)
    assert [t["key"] for t in data["terms"]] == ["other", "prompt"]  # A to Z
    assert data["license"]["url"] == LICENCE_URL and data["count"] == 2
    (prompt,) = [t for t in data["terms"] if t["key"] == "prompt"]
    assert {d["term"]: d["status"] for d in prompt["designations"]} == {"instruction générative": "preferred",
                                                                       "prompt": "deprecated"}  # fmt: skip
    assert prompt["url"].startswith("http://127.0.0.1:8000/fr/") and prompt["related_careers"] == ["prompt-engineer"]
    careers = json.loads(fetch(client, "careers-en.json")[1])
    assert [c["key"] for c in careers["careers"]] == ["prompt-engineer"]
    assert "secret-draft" not in fetch(client, "terms-en.csv")[1].decode()


def test_csv_cells_that_look_like_formulas_are_neutralised(client):
    make_term(key="hostile", languages=["en"], name='=HYPERLINK("http://evil")', lede="+1-800 call now")
    make_term(key="at", languages=["en"], name="@SUM(A1)", lede="-2+3")
    _response, body = fetch(client, "terms-en.csv")
    assert body.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 with the mark
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    by_key = {row["key"]: row for row in rows}
    assert (
        by_key["hostile"]["name"] == '\'=HYPERLINK("http://evil")'
        and by_key["hostile"]["short_answer"] == "'+1-800 call now"
    )
    assert by_key["at"]["name"] == "'@SUM(A1)" and by_key["at"]["short_answer"] == "'-2+3"
    assert all(row["licence"] == LICENCE_URL for row in rows)
    assert not any(value[:1] in "=+-@" for row in rows for value in row.values() if value)


def test_skos_has_one_concept_per_published_term_with_labels_in_both_languages(client, content):
    graph = Graph().parse(data=fetch(client, "glossary.ttl")[1], format="turtle")
    scheme = URIRef("http://127.0.0.1:8000/api/v1/terms/")
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert {str(c).rsplit("/", 1)[-1] for c in concepts} == {"prompt", "other"}
    prompt = URIRef("http://127.0.0.1:8000/api/v1/terms/prompt")
    assert {label.language for label in graph.objects(prompt, SKOS.prefLabel)} == {"fr", "en"}
    assert Literal("instruction générative", lang="fr") in set(graph.objects(prompt, SKOS.altLabel))
    assert Literal("prompt", lang="fr") in set(graph.objects(prompt, SKOS.hiddenLabel))
    assert (prompt, SKOS.broader, None) in graph and (prompt, SKOS.related, None) in graph
    careers = URIRef("http://127.0.0.1:8000/api/v1/careers/")
    assert set(graph.subjects(SKOS.inScheme, careers)) == {
        URIRef("http://127.0.0.1:8000/api/v1/careers/prompt-engineer")
    }
    assert (scheme, DCTERMS.license, URIRef(LICENCE_URL)) in graph and (scheme, RDF.type, SKOS.ConceptScheme) in graph
    rdfxml = Graph().parse(data=fetch(client, "glossary.rdf")[1], format="xml")
    assert len(rdfxml) == len(graph)


def test_tbx_is_well_formed_and_lists_each_designation_with_its_status(client, content):
    root = etree.fromstring(fetch(client, "glossary.tbx")[1])
    ns = {"t": formats.TBX}
    assert root.tag == f"{{{formats.TBX}}}tbx" and root.get("type") == "TBX-Basic"
    entries = root.findall(".//t:conceptEntry", ns)
    assert sorted(e.get("id") for e in entries) == ["term-other", "term-prompt"]
    (prompt,) = [e for e in entries if e.get("id") == "term-prompt"]
    (french,) = [section for section in prompt.findall("t:langSec", ns) if section.get(formats.XML_LANG) == "fr"]
    statuses = {
        term_section.findtext("t:term", namespaces=ns): term_section.findtext(
            "t:termNote[@type='administrativeStatus']", namespaces=ns
        )
        for term_section in french.findall("t:termSec", ns)
    }
    assert statuses["instruction générative"] == "preferredTerm-admn-sts"
    assert statuses["prompt"] == "deprecatedTerm-admn-sts"
    assert LICENCE_URL in root.findtext(".//t:publicationStmt/t:p", namespaces=ns)


def test_files_are_rebuilt_after_a_change_and_only_then(client, content):
    first, body = fetch(client, "terms-en.json")
    assert fetch(client, "terms-en.json")[0]["ETag"] == first["ETag"]  # no change: the same build
    builds = sorted(p.name for p in store.root().glob("build-*"))
    make_term(key="fresh", languages=["en"])
    second, body = fetch(client, "terms-en.json")
    assert second["ETag"] != first["ETag"] and "fresh" in [t["key"] for t in json.loads(body)["terms"]]
    assert sorted(p.name for p in store.root().glob("build-*")) != builds


def test_a_build_in_progress_elsewhere_serves_the_previous_one(client, content):
    built = store.current()
    make_term(key="fresh", languages=["en"])
    with open(store.root() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process is building
        assert store.current() == built
    assert store.current() != built


def test_the_api_reference_page_describes_every_route_in_both_languages(client):
    document = client.get("/api/v1/openapi.json").json()
    french = client.get("/fr/donnees/api/").content.decode()
    english = client.get("/en/data/api/").content.decode()
    for path, methods in document["paths"].items():
        for operation in methods.values():
            assert f"<code>GET {path}</code>" in french and f'id="{operation["operationId"]}"' in english
            assert operation["summary"] in english
    assert "Termes publiés, de A à Z" in french and "Published terms, A to Z" not in french
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in english


def test_no_file_or_api_answer_names_a_reviewer_or_an_email_address(client, content):
    reviewer = make_user(staff=True, username="reviewer-login-x")
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    type(content.versions.first()).objects.filter(term=content).update(
        reviewed_by=reviewer, intentional_uses="staff only note"
    )
    store.content_changed()
    answers = [fetch(client, name)[1] for name in store.BY_NAME]
    answers += [client.get(url).content for url in ("/api/v1/terms/prompt?language=fr", "/api/v1/graph?language=fr")]
    for body in answers:
        assert b"reviewer-login-x" not in body and b"reviewer@example.org" not in body and b"staff only" not in body
