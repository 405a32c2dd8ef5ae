"""Review cadence (issue 17): when a language version is due to be checked again.

Each entry has a review interval in days: its own, when an editor set one, else its
kind's default (a term: its category's; a career guide: `careers.models.REVIEW_DAYS`,
shorter, since its salary bands go stale). A version's next review is the day it was last
checked plus that interval, derived on save (`EntryVersion.save()`) and stored, so that the
admin filters and orders on it; `services.reschedule_reviews` follows a changed interval.

"Last checked" is the last review (`reviewed_at`), or, for a version never reviewed, its
last update: the date the page already shows.
"""

import datetime

from django.utils import timezone

# An entry whose kind names no default: once a year.
DEFAULT_REVIEW_DAYS = 365


def last_checked(version) -> datetime.datetime | None:
    """When a person last looked at these words: the last review, else the last update."""
    return version.reviewed_at or version.updated_at


def next_review(version) -> datetime.date | None:
    """The day the version is due for review: last checked + the entry's interval."""
    checked = last_checked(version)
    if checked is None:
        return None
    days = version.entry.review_interval()
    return timezone.localdate(checked) + datetime.timedelta(days=days)


def is_overdue(version, today: datetime.date | None = None) -> bool:
    """Due for review: its next-review day has come (the page says since when it was not checked)."""
    today = today or timezone.localdate()
    return version.next_review is not None and version.next_review <= today


def coming_due(version_model, now: datetime.datetime, until: datetime.datetime) -> list[tuple]:
    """(moment, version) for the published versions that become due for review after `now`
    and by `until`: from the local midnight that starts their next-review day, their page
    says since when it has not been checked (a page cache must not keep it past that)."""
    first, last = timezone.localdate(now), timezone.localdate(until)
    versions = version_model.objects.published().filter(next_review__gt=first, next_review__lte=last)
    due = []
    for version in versions.select_related(version_model.entry_field):
        moment = timezone.make_aware(datetime.datetime.combine(version.next_review, datetime.time.min))
        if now < moment <= until:
            due.append((moment, version))
    return due
