"""The editorial workflow: draft → in review → published, scheduled publication, reviews,
revisions and translation status.

"Published" means status published *and* a publication date that has come
(`publishing.models.published_q`): a future date schedules the page, and every reader-facing
query filters on the clock, so nothing has to run at that moment. Caches that keep pages
must not outlive the next scheduled publication: `next_scheduled_publication()` says when.
"""

import datetime

from django.db.models import Min
from django.utils import timezone

from . import kinds
from .models import Status


def next_scheduled_publication(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The earliest future publication date of any language version, or None.

    A page cache should expire no later than this: at that moment a new page appears, and
    indexes, alternates, sitemaps and feeds change with it (one query per kind of entry)."""
    now = now or timezone.now()
    dates = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(first=Min("published_at"))[
            "first"
        ]
        for model in (kind.version for kind in kinds.all_kinds())
    ]
    dates = [date for date in dates if date is not None]
    return min(dates) if dates else None


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
