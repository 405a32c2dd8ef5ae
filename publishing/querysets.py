"""What readers may see, as queries: published and due, in a language (`live`)."""

from django.db import models
from django.utils import timezone

from .choices import Status


def published_q(prefix: str = "", now=None) -> models.Q:
    """What readers may see: published, and due (a future date means scheduled).

    `prefix` reaches a version through a relation ("versions__", "version__")."""
    now = now or timezone.now()
    return models.Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now})


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def outdated(self):
        """Translations whose source language version changed since they were brought up to date."""
        entry_field = self.model.entry_field
        newer_source = self.model.objects.filter(
            **{entry_field: models.OuterRef(entry_field)},
            language=models.OuterRef("translated_from"),
            revision__gt=models.OuterRef("source_revision"),
        )
        return self.filter(models.Exists(newer_source), source_revision__isnull=False)

    def due_for_review(self, today=None):
        """Published versions whose next review has come (publishing.review), the most overdue first."""
        today = today or timezone.localdate()
        return self.published().filter(next_review__lte=today).order_by("next_review", "pk")

    def for_review(self):
        """With what a version's review interval reads (its entry; a kind adds more)."""
        return self.select_related(self.model.entry_field)

    def in_language(self, language: str):
        return self.filter(language=language)

    def live(self, language: str):
        """What a reader of `language` may see now."""
        return self.published().in_language(language)

    def visible_to(self, user):
        """Readers see published versions; staff also see drafts, to preview them."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()
