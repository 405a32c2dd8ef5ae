import pytest

from encyclopedia.models import Term, TermVersion
from publishing.models import Status

from .factories import editors_group, make_author, make_category, make_term, make_user
from .support import ADMIN, inline_management

pytestmark = pytest.mark.django_db

PREVIEW = f"{ADMIN}markdown-preview/"


def test_editors_group_can_manage_content_but_not_users_or_groups():
    codenames = set(editors_group().permissions.values_list("codename", flat=True))
    assert {"add_term", "change_termversion", "delete_takeaway", "change_salaryband", "add_tag"} <= codenames
    assert {"add_termsource", "change_careersource", "add_termdesignation", "delete_termdesignation"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_an_editor_creates_and_publishes_a_term_through_the_admin(client):
    client.force_login(make_user(editor=True))
    category, author = make_category(), make_author()
    related = make_term(languages=["fr"])
    response = client.post(f"{ADMIN}encyclopedia/term/add/", {
        "key": "reseau-neuronal", "category": category.pk, "author": author.pk, "related_terms": [related.pk],
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(key="reseau-neuronal")

    data = {
        "term": term.pk, "language": "fr", "status": Status.PUBLISHED, "name": "Réseau neuronal",
        "slug": "reseau-neuronal", "title": "Qu’est-ce qu’un réseau neuronal ?", "lede": "Un modèle en couches.",
        "tags": "apprentissage profond", "definition": "Des **couches** de neurones.",
        "analogy": "Comme une équipe.", "market": "", "cta_title": "", "cta_text": "", "cta_url": "",
        "published_at_0": "", "published_at_1": "", "updated_at_0": "2026-11-21", "updated_at_1": "10:00:00",
        **inline_management("takeaways", 1), "takeaways-0-position": "0", "takeaways-0-text": "Ça apprend.",
        **inline_management("faqs", 1), "faqs-0-position": "0", "faqs-0-question": "Pourquoi ?",
        "faqs-0-answer": "Parce que.", **inline_management("sources"),
        **inline_management("designations", 1), "designations-0-position": "0",
        "designations-0-term": "réseau de neurones artificiels", "designations-0-status": "admitted",
    }  # fmt: skip
    response = client.post(f"{ADMIN}encyclopedia/termversion/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    version = TermVersion.objects.get(slug="reseau-neuronal")
    assert version.definition_html == "<p>Des <strong>couches</strong> de neurones.</p>"
    assert version.published_at is not None

    client.logout()
    page = client.get("/fr/encyclopedie/reseau-neuronal/")
    assert page.status_code == 200
    assert "Ça apprend." in page.content.decode() and "Pourquoi ?" in page.content.decode()
    assert "Réseau neuronal" in client.get("/fr/encyclopedie/").content.decode()
    # Its other name, typed in the designations inline, is an address of the page.
    alias = client.get("/fr/encyclopedie/reseau-de-neurones-artificiels/")
    assert alias.status_code == 301 and alias.url == "/fr/encyclopedie/reseau-neuronal/"


def test_entry_list_offers_one_click_to_each_language_version(admin_client):
    term = make_term(languages=["fr"])
    html = admin_client.get(f"{ADMIN}encyclopedia/term/").content.decode()
    fr_version = term.versions.get()
    assert f"{ADMIN}encyclopedia/termversion/{fr_version.pk}/change/" in html
    assert f"{ADMIN}encyclopedia/termversion/add/?term={term.pk}&amp;language=en" in html


def test_missing_translation_filter(admin_client):
    only_fr = make_term(languages=["fr"])
    both = make_term()
    html = admin_client.get(f"{ADMIN}encyclopedia/term/?missing=en").content.decode()
    assert only_fr.key in html and both.key not in html


def test_publish_and_unpublish_actions(client):
    client.force_login(make_user(editor=True))
    term = make_term(languages=["en"], status=Status.DRAFT)
    version = term.versions.get()
    url = version.get_absolute_url()
    changelist = f"{ADMIN}encyclopedia/termversion/"
    client.post(changelist, {"action": "publish", "_selected_action": [version.pk]})
    client.logout()
    assert client.get(url).status_code == 200
    client.force_login(make_user(editor=True))
    client.post(changelist, {"action": "unpublish", "_selected_action": [version.pk]})
    client.logout()
    assert client.get(url).status_code == 404


def test_preview_renders_with_the_same_sanitizing_renderer_for_staff(editor_client):
    response = editor_client.post(PREVIEW, {"content": "**bold** <script>alert(1)</script>"})
    assert response.status_code == 200
    assert response.content.decode() == "<p><strong>bold</strong> </p>"  # the script is dropped, not escaped


def test_preview_requires_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user(editor=True))
    assert strict.post(PREVIEW, {"content": "x"}).status_code == 403


def test_term_version_form_uses_the_markdownx_widget_pointing_at_the_staff_preview(editor_client):
    html = editor_client.get(f"{ADMIN}encyclopedia/termversion/add/").content.decode()
    assert "markdownx" in html
    assert f'data-markdownx-urls-path="{PREVIEW}?language=fr"' in html  # a new version: French first
    english = editor_client.get(f"{ADMIN}encyclopedia/termversion/add/?language=en").content.decode()
    assert f'data-markdownx-urls-path="{PREVIEW}?language=en"' in english
