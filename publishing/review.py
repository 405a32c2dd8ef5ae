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
