"""The JSON behind term link previews: language-correct, published only, one query, cacheable."""

import pytest

from publishing.models import Status

from .factories import make_term, make_term_version

pytestmark = pytest.mark.django_db


def test_preview_gives_the_name_and_short_answer_in_the_url_language(client, django_assert_num_queries):
    term = make_term(key="rag")
    with django_assert_num_queries(1):
        response = client.get("/fr/encyclopedie/rag-fr/preview.json")
    assert response.status_code == 200
    assert response.json() == {"name": "Terme rag", "lede": "Terme lede for rag.", "url": "/fr/encyclopedie/rag-fr/"}
    english = client.get("/en/encyclopedia/rag-en/preview.json").json()
    assert english["name"] == "Term rag" and english["url"] == "/en/encyclopedia/rag-en/"
    assert term.versions.count() == 2


def test_preview_is_cacheable_by_browsers(client):
    make_term(key="llm")
    response = client.get("/en/encyclopedia/llm-en/preview.json")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_preview_of_a_draft_or_of_the_other_language_slug_is_a_404(client, admin_client):
    term = make_term(key="agent", languages=["en"])
    make_term_version(term, "fr", status=Status.DRAFT)
    assert client.get("/fr/encyclopedie/agent-fr/preview.json").status_code == 404
    assert admin_client.get("/fr/encyclopedie/agent-fr/preview.json").status_code == 404
    assert client.get("/fr/encyclopedie/agent-en/preview.json").status_code == 404
    assert client.get("/en/encyclopedia/nothing/preview.json").status_code == 404


def test_preview_text_is_data_not_markup(client):
    make_term(key="xss", lede='<img src=x onerror="alert(1)">')
    response = client.get("/en/encyclopedia/xss-en/preview.json")
    # JSON carries the text as typed; the script writes it with textContent, never as HTML.
    assert response.json()["lede"] == '<img src=x onerror="alert(1)">'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_preview_answers_get_only(client):
    make_term(key="post")
    assert client.post("/en/encyclopedia/post-en/preview.json").status_code == 405
