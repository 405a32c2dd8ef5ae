"""The editorial workflow: states, scheduled publication, reviews, history, translations."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from reversion.models import Version

from encyclopedia.models import TermVersion
from publishing import services, workflow
from publishing.models import Status

from .factories import make_career, make_term, make_term_version, make_user
from .support import ADMIN, change_data, change_url, entry_page, inline_management, split

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- states


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
@pytest.mark.parametrize("kind", ["term", "career"])
def test_unpublished_versions_are_hidden_from_readers_and_shown_to_staff(client, kind, status):
    entry = (
        make_term(languages=["en"], status=status) if kind == "term" else make_career(languages=["en"], status=status)
    )
    version = entry.versions.get()
    name, index = (version.name, "/en/encyclopedia/") if kind == "term" else (version.title, "/en/careers/")
    assert client.get(version.get_absolute_url()).status_code == 404
    assert name not in client.get(index).content.decode()
    client.force_login(make_user(staff=True))
    assert client.get(version.get_absolute_url()).status_code == 200


def test_staff_preview_says_which_state_the_page_is_in(editor_client):
    draft = make_term(languages=["en"], status=Status.DRAFT).versions.get()
    review = make_term(languages=["en"], status=Status.IN_REVIEW).versions.get()
    draft_page = editor_client.get(draft.get_absolute_url()).content.decode()
    assert "Draft preview: only staff can see this page." in draft_page
    review_page = editor_client.get(review.get_absolute_url()).content.decode()
    assert "In review: only staff can see this page until it is published." in review_page


def test_send_to_review_then_publish_records_the_reviewer_shown_on_the_page(client):
    reviewer = make_user(editor=True)
    reviewer.first_name, reviewer.last_name = "Grace", "Hopper"
    reviewer.save()
    client.force_login(reviewer)
    term = make_term(status=Status.DRAFT)
    versions = list(term.versions.order_by("language"))
    changelist = f"{ADMIN}encyclopedia/termversion/"
    client.post(changelist, {"action": "send_to_review", "_selected_action": [v.pk for v in versions]})
    assert set(term.versions.values_list("status", flat=True)) == {Status.IN_REVIEW}
    client.post(changelist, {"action": "publish", "_selected_action": [v.pk for v in versions]})
    client.logout()
    for version in term.versions.all():
        assert version.status == Status.PUBLISHED and version.reviewed_by == reviewer
        assert timezone.now() - version.reviewed_at < datetime.timedelta(minutes=1)
    english = entry_page(client, term, language="en")
    assert "Last reviewed:" in english and "by Grace Hopper" in english
    with translation.override("en"):
        assert f"{formats.date_format(timezone.localdate())}</time>, by Grace Hopper" in english
    french = entry_page(client, term, language="fr")
    assert "Dernière relecture :" in french and "par Grace Hopper" in french


def test_a_reviewer_without_a_full_name_is_not_shown_by_login_name(client):
    editor = make_user(editor=True, username="secret-login")
    version = make_term(languages=["en"], status=Status.DRAFT).versions.get()
    services.publish(version, editor)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Last reviewed:" in page and "secret-login" not in page


# ---------------------------------------------------------------- scheduled publication


def visible_everywhere(client, version) -> dict[str, bool]:
    url = version.get_absolute_url()
    return {
        "page": client.get(url).status_code == 200,
        "index": url in client.get("/en/encyclopedia/").content.decode(),
        "category": url in client.get(version.term.category.url("en")).content.decode(),
        "sitemap": url in client.get("/sitemap.xml").content.decode(),
        "feed": url in client.get("/en/atom.xml").content.decode(),
        "search": url in client.get("/en/search/?q=zeppelinium").content.decode(),
        "home": client.get("/en/").context["term_count"] == 1,
    }


def test_a_future_publication_date_schedules_the_page_then_it_appears_without_any_job(client):
    in_a_day = timezone.now() + datetime.timedelta(days=1)
    term = make_term(languages=["en"], name="Zeppelinium", lede="Zeppelinium explained.", published_at=in_a_day)
    version = term.versions.get()
    assert version.status == Status.PUBLISHED and version.is_scheduled
    assert not any(visible_everywhere(client, version).values())
    assert [v.pk for v in workflow.scheduled_until(in_a_day)] == [version.pk]

    # The date comes (data-driven: the row's date moves to the past, nothing else runs).
    TermVersion.objects.filter(pk=version.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    version.refresh_from_db()
    assert all(visible_everywhere(client, version).values())
    assert workflow.scheduled_until(in_a_day) == []


def test_a_scheduled_translation_is_not_offered_by_the_language_switch_until_its_date(client):
    term = make_term(languages=["fr"])
    english = make_term_version(term, "en", published_at=timezone.now() + datetime.timedelta(hours=3))
    french_page = entry_page(client, term, language="fr")
    assert english.get_absolute_url() not in french_page
    TermVersion.objects.filter(pk=english.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert english.get_absolute_url() in entry_page(client, term, language="fr")


def test_staff_preview_of_a_scheduled_page_says_when_it_will_appear(editor_client):
    when = datetime.datetime(2031, 5, 4, 9, 30, tzinfo=datetime.UTC)
    version = make_term(languages=["en"], published_at=when).versions.get()
    page = editor_client.get(version.get_absolute_url()).content.decode()
    assert "Scheduled: this page will appear on May 4, 2031" in page


def test_a_scheduled_career_guide_and_its_terms_list(client):
    career = make_career(languages=["en"], published_at=timezone.now() + datetime.timedelta(days=2))
    version = career.versions.get()
    assert client.get(version.get_absolute_url()).status_code == 404
    assert version.title not in client.get("/en/careers/").content.decode()
    later = career.versions.model.objects.filter(pk=version.pk)
    later.update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(version.get_absolute_url()).status_code == 200


def test_scheduled_publications_of_every_kind_come_earliest_first_up_to_the_horizon(db):
    soon = timezone.now() + datetime.timedelta(hours=2)
    later = timezone.now() + datetime.timedelta(days=9)
    beyond = timezone.now() + datetime.timedelta(days=30)
    make_term(languages=["en"], published_at=later)
    make_career(languages=["fr"], published_at=soon)
    make_term(languages=["en"], published_at=beyond)
    make_term(languages=["fr"], status=Status.DRAFT, published_at=soon - datetime.timedelta(hours=1))
    due = workflow.scheduled_until(later)
    assert [version.published_at for version in due] == [soon, later]


def test_publishing_in_the_admin_with_a_future_date_schedules(editor_client):
    version = make_term(languages=["en"], status=Status.DRAFT, takeaways=0, faqs=0).versions.get()
    when = timezone.now() + datetime.timedelta(days=3)
    date, time = split(when)
    data = change_data(version, status=Status.PUBLISHED, published_at_0=date, published_at_1=time)
    assert editor_client.post(change_url(version), data).status_code == 302
    version.refresh_from_db()
    assert version.is_scheduled and version.reviewed_at is not None
    changelist = editor_client.get(f"{ADMIN}encyclopedia/termversion/?workflow=scheduled").content.decode()
    assert version.name in changelist and "Programmée :" in changelist


# ---------------------------------------------------------------- history, diff, restore


def test_history_diff_and_restore_through_the_admin(client):
    editor = make_user(editor=True)
    client.force_login(editor)
    version = make_term(languages=["en"], takeaways=0, faqs=0, definition="First text.").versions.get()
    assert (
        client.post(change_url(version), change_data(version, definition="Second <script>x</script> text.")).status_code
        == 302
    )
    version.refresh_from_db()
    assert client.post(change_url(version), change_data(version, definition="Third text.")).status_code == 302
    history = list(Version.objects.get_for_object(version))
    assert len(history) == 2 and history[0].revision.user == editor

    history_page = client.get(f"{change_url(version).removesuffix('change/')}history/").content.decode()
    assert "Comparer les deux dernières révisions" in history_page
    compare = client.get(
        f"{change_url(version).removesuffix('change/')}history/compare/",
        {"from": history[1].pk, "to": history[0].pk},
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    assert "Second &lt;script&gt;x&lt;/script&gt; text." in html and "<script>x" not in html
    assert 'class="diff-line diff-removed"' in html and 'class="diff-line diff-added"' in html and "Third text." in html

    restore_url = f"{change_url(version).removesuffix('change/')}history/{history[1].pk}/"
    assert client.get(restore_url).status_code == 200
    revision_before = version.revision
    response = client.post(restore_url, change_data(version, definition="Second <script>x</script> text."))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.definition == "Second <script>x</script> text."
    assert "<script" not in version.definition_html
    assert version.revision > revision_before
    comments = [v.revision.get_comment() for v in Version.objects.get_for_object(version)]
    # The state that was replaced is kept: nothing is lost by a restore.
    assert any("avant une restauration" in comment for comment in comments)  # "State before a restore"
    kept = [v for v in Version.objects.get_for_object(version) if v.field_dict["definition"] == "Third text."]
    assert len(kept) >= 2


def test_compare_view_is_for_staff_with_permission_only(client):
    version = make_term(languages=["en"], takeaways=0, faqs=0).versions.get()
    url = f"{change_url(version).removesuffix('change/')}history/compare/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_user(staff=True))  # staff, but no permission on terms
    assert client.get(url).status_code == 403
    client.force_login(make_user(editor=True))
    assert client.get(url, {"from": "abc"}).status_code == 404
    assert client.get(url).status_code == 200


def test_history_follows_inlines(editor_client):
    version = make_term(languages=["en"], takeaways=0, faqs=0).versions.get()
    data = change_data(version) | inline_management("takeaways", 1) | {
        "takeaways-0-position": "0", "takeaways-0-text": "A new takeaway.",
    }  # fmt: skip
    assert editor_client.post(change_url(version), data).status_code == 302
    revision = Version.objects.get_for_object(version).first().revision
    assert any(v.field_dict.get("text") == "A new takeaway." for v in revision.version_set.all())


# ---------------------------------------------------------------- translation status


def translated(source: str, target: str):
    """A term written in `source`, and its `target` version translated from its first revision."""
    term = make_term(languages=[source], takeaways=0, faqs=0)
    original = term.versions.get()
    return original, make_term_version(term, target, takeaways=0, faqs=0, translated_from=source, source_revision=1)


def test_a_translation_made_from_an_older_source_shows_a_notice_with_a_link(client):
    french, english = translated("fr", "en")
    assert "This translation is older" not in client.get(english.get_absolute_url()).content.decode()

    client.force_login(make_user(editor=True))
    data = change_data(french, definition="Une définition réécrite.")
    data["slug"] = french.slug
    response = client.post(f"{ADMIN}encyclopedia/termversion/{french.pk}/change/", data)
    assert response.status_code == 302
    client.logout()
    page = client.get(english.get_absolute_url()).content.decode()
    assert "This translation is older than the French version, which has changed since." in page
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">Read the French version</a>' in page

    client.force_login(make_user(superuser=True))
    listed = client.get(f"{ADMIN}encyclopedia/termversion/?translation=outdated").content.decode()
    assert english.name in listed and f"/{french.pk}/change/" not in listed
    report = client.get(f"{ADMIN}editorial-report/").content.decode()
    assert "Traductions périmées (1)" in report  # the admin speaks French by default

    # The translator catches up: ticking "up to date" records the source's revision.
    data = change_data(english, sync_translation="on")
    assert client.post(change_url(english), data).status_code == 302
    client.logout()
    assert "This translation is older" not in client.get(english.get_absolute_url()).content.decode()


def test_the_outdated_notice_reads_in_french_on_a_french_page(client):
    english, french = translated("en", "fr")
    english.bump_revision()
    page = client.get(french.get_absolute_url()).content.decode()
    assert "Cette traduction est antérieure à la version anglaise" in page
    assert "Lire la version anglaise" in page


def test_a_new_translation_created_from_the_entry_list_records_its_source(editor_client):
    term = make_term(languages=["fr"], takeaways=0, faqs=0)
    french = term.versions.get()
    french.bump_revision()  # revision 2
    listing = editor_client.get(f"{ADMIN}encyclopedia/term/").content.decode()
    assert f"?term={term.pk}&amp;language=en&amp;translated_from=fr" in listing
    data = change_data(french, language="en", slug="new-en", name="New", translated_from="fr")
    assert editor_client.post(f"{ADMIN}encyclopedia/termversion/add/", data).status_code == 302
    english = term.versions.get(language="en")
    assert english.translated_from == "fr" and english.source_revision == 2


def test_missing_translations_are_listed_in_the_report(editor_client):
    only_french = make_term(languages=["fr"])
    report = editor_client.get(f"{ADMIN}editorial-report/").content.decode()
    assert f"term {only_french.key}</a> — version manquante : EN" in report


def test_the_report_is_refused_to_staff_without_content_permissions(client):
    client.force_login(make_user(staff=True))
    assert client.get(f"{ADMIN}editorial-report/").status_code == 403


def test_a_version_cannot_be_translated_from_its_own_language(editor_client):
    version = make_term(languages=["en"], takeaways=0, faqs=0).versions.get()
    response = editor_client.post(change_url(version), change_data(version, translated_from="en"))
    assert response.status_code == 200
    assert "ne peut pas être traduite de sa propre langue" in response.content.decode()


def test_an_entry_keeps_its_history_too_and_the_diff_names_related_entries(editor_client):
    term = make_term(languages=["en"], takeaways=0, faqs=0)
    first, second = make_term(key="first-related", languages=["en"]), make_term(key="second-related", languages=["en"])
    url = f"{ADMIN}encyclopedia/term/{term.pk}/change/"
    base = {"key": term.key, "category": term.category_id, "author": term.author_id}
    assert editor_client.post(url, base | {"related_terms": [first.pk]}).status_code == 302
    assert editor_client.post(url, base | {"related_terms": [second.pk]}).status_code == 302
    html = editor_client.get(f"{ADMIN}encyclopedia/term/{term.pk}/history/compare/").content.decode()
    assert 'class="diff-line diff-removed"' in html and "first-related" in html and "second-related" in html
