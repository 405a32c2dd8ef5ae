"""Review cadence (issue 17): intervals, the next review, the admin's queue, the page notice."""

import datetime
import re

import pytest
from django.core.management.base import CommandError
from django.utils import timezone

from careers.models import REVIEW_DAYS as CAREER_REVIEW_DAYS
from encyclopedia.models import Term, TermVersion
from publishing import services
from publishing.models import Status

from .factories import make_career, make_category, make_term, make_user
from .support import ADMIN, admin_action, entry_folders, entry_page, load_content, replace_in

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC)


def french(term) -> TermVersion:
    return term.versions.get(language="fr")


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_next_review_is_the_last_review_plus_the_category_interval():
    regulation = make_category(review_days=180)
    version = french(make_term(category=regulation))
    # Never reviewed: counted from its last update (2026-11-01 in the factories).
    assert version.next_review == timezone.localdate(version.updated_at) + datetime.timedelta(days=180)
    services.mark_reviewed(version, make_user(editor=True))
    version.refresh_from_db()
    assert version.reviewed_at is not None
    assert version.next_review == timezone.localdate() + datetime.timedelta(days=180)


def test_an_entry_interval_overrides_its_category_default(client):
    fundamentals = make_category(review_days=730)
    term = make_term(category=fundamentals)
    updated = timezone.localdate(french(term).updated_at)
    assert french(term).next_review == updated + datetime.timedelta(days=730)
    client.force_login(make_user(superuser=True))
    response = client.post(f"{ADMIN}encyclopedia/term/{term.pk}/change/", {
        "key": term.key, "category": fundamentals.pk, "author": term.author.pk, "review_days": "30",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert {v.next_review for v in term.versions.all()} == {updated + datetime.timedelta(days=30)}


def test_changing_a_category_interval_reschedules_its_terms(client):
    category = make_category(review_days=730)
    term = make_term(category=category)
    client.force_login(make_user(superuser=True))
    response = client.post(f"{ADMIN}encyclopedia/category/{category.pk}/change/", {
        "key": category.key, "name_fr": category.name_fr, "slug_fr": category.slug_fr,
        "name_en": category.name_en, "slug_en": category.slug_en, "review_days": "90",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    updated = timezone.localdate(french(term).updated_at)
    assert french(term).next_review == updated + datetime.timedelta(days=90)


def test_career_guides_are_reviewed_more_often_than_fundamentals():
    assert make_category().review_days > CAREER_REVIEW_DAYS
    version = make_career(languages=["en"], updated_at=LONG_AGO).versions.get()
    assert version.next_review == datetime.date(2025, 3, 3) + datetime.timedelta(days=CAREER_REVIEW_DAYS)


def due_and_not_due():
    """Published and overdue (a term, a guide); fresh; overdue but a draft (no reader sees it)."""
    due = make_term(key="due-term", languages=["fr"], updated_at=LONG_AGO)
    guide = make_career(key="due-guide", languages=["en"], updated_at=LONG_AGO)
    make_term(key="fresh-term", languages=["fr"], updated_at=timezone.now())
    make_term(key="draft-term", languages=["fr"], updated_at=LONG_AGO, status=Status.DRAFT)
    return due, guide


def test_the_due_for_review_filter_and_queue_list_exactly_the_due_versions(client):
    due, guide = due_and_not_due()
    assert list(TermVersion.objects.due_for_review().values_list("term__key", flat=True)) == ["due-term"]
    client.force_login(make_user(superuser=True))
    changelist = client.get(f"{ADMIN}encyclopedia/termversion/?review=due").content.decode()
    assert "Terme due-term" in changelist
    assert "fresh-term" not in changelist and "draft-term" not in changelist
    report = client.get(f"{ADMIN}editorial-report/").content.decode()
    queue = report.split('id="due"')[1].split('id="outdated"')[0]
    assert "À relire (2)" in queue  # the admin speaks French by default
    assert "Terme due-term" in queue and f"Role {guide.key}" in queue
    assert "fresh-term" not in queue and "draft-term" not in queue


def test_mark_reviewed_today_records_the_reviewer_and_takes_it_off_the_queue(client):
    due, _guide = due_and_not_due()
    reviewer = make_user(superuser=True)
    client.force_login(reviewer)
    version = french(due)
    response = admin_action(client, f"{ADMIN}encyclopedia/termversion/", "mark_reviewed", [version])
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.reviewed_by == reviewer
    assert timezone.localdate(version.reviewed_at) == timezone.localdate()
    assert version.next_review > timezone.localdate()
    assert not TermVersion.objects.due_for_review().exists()


def test_an_overdue_page_says_since_when_it_was_not_checked_in_its_language(client):
    term = make_term(updated_at=LONG_AGO)
    page = visible(client.get(french(term).get_absolute_url()).content.decode())
    assert "Cette fiche n’a pas été revue depuis le 3 mars 2025." in page
    page = visible(entry_page(client, term, language="en"))
    assert "This entry has not been checked since March 3, 2025." in page
    guide = make_career(languages=["fr"], updated_at=LONG_AGO).versions.get()
    assert "Cette fiche n’a pas été revue depuis le 3 mars 2025." in visible(
        client.get(guide.get_absolute_url()).content.decode()
    )


def test_a_reviewed_page_says_nothing_of_the_kind(client):
    term = make_term(updated_at=LONG_AGO)
    for version in term.versions.all():
        services.mark_reviewed(version, None)
    for version in [*term.versions.all(), *make_career().versions.all()]:
        html = client.get(version.get_absolute_url()).content.decode()
        assert "review-notice" not in html
        assert "pas été revue" not in html and "not been checked" not in html


def test_review_intervals_are_content_and_a_changed_one_reschedules_the_versions(corpus, content):
    folder = entry_folders(content, "terms")[0]
    term = Term.objects.select_related("category").get(key=folder.name)
    category = term.category
    sibling = Term.objects.filter(category=category).exclude(pk=term.pk).first()
    assert sibling is not None, "the test needs a category with two terms"
    replace_in(folder / "entry.toml", "author = ", "review_days = 45\nauthor = ")
    replace_in(
        content / "categories.toml",
        f'slug_en = "{category.slug_en}"\nreview_days = {category.review_days}\n',
        f'slug_en = "{category.slug_en}"\nreview_days = 7\n',
    )
    load_content(content)
    for version in TermVersion.objects.filter(term=term):
        assert version.next_review == timezone.localdate(version.updated_at) + datetime.timedelta(days=45)
    for version in TermVersion.objects.filter(term=sibling):
        assert version.next_review == timezone.localdate(version.updated_at) + datetime.timedelta(days=7)


def test_a_review_interval_below_one_day_is_refused_naming_file_and_field(corpus, content):
    folder = entry_folders(content, "careers")[0]
    replace_in(folder / "entry.toml", "author = ", "review_days = 0\nauthor = ")
    with pytest.raises(CommandError) as error:
        load_content(content)
    assert "entry.toml: field “review_days”: must be a whole number of days ≥ 1" in str(error.value)
