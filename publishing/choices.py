"""The languages of a version, the states of the editorial workflow, and `vocabulary()`: how
the closed lists of values the models hold (kinds of source, statuses of a designation,
statistics of a salary band…) are declared."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


class Status(models.TextChoices):
    """draft → in review → published. "Published" with a future date is scheduled: readers
    see it from that moment on, with no job to run (publishing.workflow)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def vocabulary(name: str, labels: dict) -> type[models.TextChoices]:
    """A closed list of values as a `TextChoices` from a table of value → label, members named
    after their values ("iso-22989" → `ISO_22989`): one line a value, nothing else to write."""
    return models.TextChoices(
        name, [(value.upper().replace("-", "_"), (value, label)) for value, label in labels.items()]
    )
