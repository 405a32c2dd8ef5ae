"""What terms and careers share: languages, publication status, authors, and the two
abstract halves of a bilingual entry (ARCHITECTURE.md, "The bilingual content model").

An entry is a language-neutral row (key, relations, numbers); each language has its own
version row holding every word. Numbers and relations are never kept twice.
"""

import math

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from .markdown import count_words, render_markdown

# Reading speed used for "7 min read": a common figure for screen reading of non-fiction.
WORDS_PER_MINUTE = 200


class Language(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def other_languages(language: str) -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != language]


class Author(models.Model):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=120)
    photo = models.URLField(_("photo URL"), blank=True, help_text=_("Square picture; the initial is shown when empty."))
    # An author is not an entry: two short bios on one row keep the admin to one form.
    bio_fr = models.TextField(_("bio (French)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    @property
    def initial(self) -> str:
        return self.name[:1].upper()

    def bio(self, language: str) -> str:
        return getattr(self, f"bio_{language}", "") or self.bio_fr


class Entry(models.Model):
    """The language-neutral half of an entry."""

    key = models.SlugField(
        _("key"), max_length=100, unique=True,
        help_text=_("Stable identifier, the same in every language (used by content files)."),
    )  # fmt: skip
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.key


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def in_language(self, language: str):
        return self.filter(language=language)

    def visible_to(self, user):
        """Readers see published versions; staff also see drafts, to preview them."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


class EntryVersion(models.Model):
    """The words of an entry in one language: its own slug, title, texts and status."""

    # Markdown source fields rendered to `<name>_html` on save; subclasses list theirs.
    markdown_fields: tuple[str, ...] = ()

    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FR)
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    # PostgreSQL's weighted search document, computed on save (publishing.search); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.reading_minutes = self.compute_reading_minutes()
        self.derive_fields()
        super().save(*args, **kwargs)
        from . import search

        search.index_version(self)

    def delete(self, *args, **kwargs):
        from . import search

        search.unindex_version(self)
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and not self.title.strip():
            raise ValidationError({"title": _("A published version needs a title.")})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def derive_fields(self):
        """Subclasses derive their own stored fields here (sort keys, aliases)."""

    def search_fields(self) -> dict[str, str]:
        """The texts search indexes, by weight: title (A), lede (B), body (C)."""
        raise NotImplementedError

    def render_markdown_fields(self):
        for name in self.markdown_fields:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))

    def words(self) -> list[str]:
        """Every text a reader reads on the page; children are counted once saved."""
        texts = [self.title, getattr(self, "lede", ""), getattr(self, "summary", "")]
        texts += [getattr(self, name) for name in self.markdown_fields]
        if self.pk:
            texts += self.child_texts()
        return texts

    def child_texts(self) -> list[str]:
        return []

    def compute_reading_minutes(self) -> int:
        return max(1, math.ceil(count_words(*self.words()) / WORDS_PER_MINUTE))

    def refresh_reading_time(self):
        """Called once inlines are saved (admin, loader): they change the count."""
        minutes = self.compute_reading_minutes()
        if minutes != self.reading_minutes:
            self.reading_minutes = minutes
            type(self).objects.filter(pk=self.pk).update(reading_minutes=minutes)

    def url_in_own_language(self, viewname: str) -> str:
        from django.urls import reverse

        with translation.override(self.language):
            return reverse(viewname, kwargs={"slug": self.slug})


class Ordered(models.Model):
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class FAQ(Ordered):
    question = models.CharField(_("question"), max_length=300)
    answer = MarkdownxField(_("answer"))
    answer_html = models.TextField(editable=False, blank=True)

    class Meta(Ordered.Meta):
        abstract = True
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        super().save(*args, **kwargs)
