"""The languages of a version and the states of the editorial workflow."""

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
