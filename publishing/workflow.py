"""The editorial workflow: draft → in review → published, scheduled publication, reviews,
revisions and translation status.

"Published" means status published *and* a publication date that has come
(`publishing.models.published_q`): a future date schedules the page, and every reader-facing
query filters on the clock, so nothing has to run at that moment. Caches that keep pages
must not keep a page past a scheduled publication that changes it: `scheduled_until()` says
which come and when.
"""

import datetime

from django.utils import timezone

from . import kinds
from .models import Status


def scheduled_until(until: datetime.datetime, now: datetime.datetime | None = None) -> list:
    """Language versions of every kind scheduled to go live after now and by `until`,
    earliest first (one query per kind of entry).

    A page cache must not keep, past that moment, a page the publication changes: its
    entry's, and the indexes, alternates, sitemaps and feeds that will list it."""
    now = now or timezone.now()
    versions = []
    for kind in kinds.all_kinds():
        due = kind.version.objects.filter(status=Status.PUBLISHED, published_at__gt=now, published_at__lte=until)
        versions += due.select_related(kind.entry_field)
    return sorted(versions, key=lambda version: version.published_at)


def record_review(version, user, *, when=None):
    """Who reviewed the words last, and when; shown on the page."""
    version.reviewed_by = user if user is not None and user.is_authenticated else None
    version.reviewed_at = when or timezone.now()


def sync_with_source(version, siblings=None) -> bool:
    """Record that this translation follows its source's current revision."""
    if not version.translated_from:
        version.source_revision = None
        return False
    siblings = (
        siblings
        if siblings is not None
        else type(version).objects.filter(**{version.entry_field: version.entry}, language=version.translated_from)
    )
    source = version.translation_source(list(siblings))
    version.source_revision = source.revision if source is not None else None
    return source is not None


def outdated_source(version, translations):
    """The published version this page was translated from, when it changed since (or None)."""
    source = version.translation_source(translations)
    return source if version.is_outdated(source) else None
