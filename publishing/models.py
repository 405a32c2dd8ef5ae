"""What terms and careers share: languages, publication status, authors, and the two
abstract halves of a bilingual entry (ARCHITECTURE.md, "The bilingual content model").

An entry is a language-neutral row (key, relations, numbers); each language has its own
version row holding every word. Numbers and relations are never kept twice.
"""

import math

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import kinds, pagetags, review
from .choices import Language, Status
from .markdown import count_words
from .querysets import VersionQuerySet
from .targets import render_markdown

# Reading speed used for "7 min read": a common figure for screen reading of non-fiction.
WORDS_PER_MINUTE = 200


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
    review_days = models.PositiveSmallIntegerField(
        _("review interval (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Days between two reviews. Empty: the default of its category (terms) or kind."),
    )

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.key

    @classmethod
    def changes_on_clock(cls, now, until) -> list[tuple]:
        """(moment, entry) for what turns on the clock after `now` and by `until` and changes
        the entry's pages (a salary band turning stale); none by default. Page caches must
        not keep those pages past that moment (website.pagecache.schedule)."""
        return []

    def review_interval(self) -> int:
        """Days between two reviews: the entry's own, else its kind's default (publishing.review)."""
        return self.review_days or self.default_review_days()

    def default_review_days(self) -> int:
        return review.DEFAULT_REVIEW_DAYS


class EntryVersion(models.Model):
    """The words of an entry in one language: its own slug, title, texts and status."""

    # Markdown rendered on save: own fields (to `<name>_html`), children (related name, label, field).
    markdown_fields: tuple[str, ...] = ()
    markdown_children: tuple[tuple[str, str, str], ...] = (("faqs", "FAQ", "answer"),)
    # Children whose texts readers read (related name, label, fields): the terminology check's.
    reader_children: tuple[tuple[str, str, tuple[str, ...]], ...] = (("faqs", "FAQ", ("question", "answer")),)

    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FR)
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"), null=True, blank=True,
        help_text=_("Empty: now, when published. A date in the future schedules the publication."),
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewer"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    # Derived on save: last checked + the entry's review interval (publishing.review).
    next_review = models.DateField(_("next review"), null=True, blank=True, editable=False)
    # Bumped whenever the words change (admin, loader): translations record the one they follow.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    translated_from = models.CharField(
        _("translated from"), max_length=2, choices=Language.choices, blank=True,
        help_text=_("The language version this text was translated from, if any."),
    )  # fmt: skip
    source_revision = models.PositiveIntegerField(_("source revision"), null=True, blank=True, editable=False)
    # Offered links to other entries mentioned in the text (publishing.autolink); never applied silently.
    link_suggestions = models.JSONField(default=list, blank=True, editable=False)
    intentional_uses = models.TextField(
        _("deprecated terms used on purpose"), blank=True,
        help_text=_("Designations deprecated in this language that the text uses on purpose, one per line."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    # PostgreSQL's weighted search document, computed on save (website.search); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["title"]  # a kind with its own A–Z key (terms: sort_name) orders by it

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        """Derive this row's own fields and save it; everything else is the write path's
        (publishing.services.save_version)."""
        self.render_markdown_fields()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.reading_minutes = self.compute_reading_minutes()
        self.derive_fields()
        self.next_review = review.next_review(self)
        super().save(*args, **kwargs)
        self.stored_slug, self.stored_listing = self.slug, self.listing()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.stored_slug = instance.__dict__.get("slug")
        instance.stored_listing = tuple(instance.__dict__.get(name) for name in cls.listing_names())
        return instance

    # What places a version in a list (an index, a letter, a feed, a sitemap), with its
    # label (lists sort by it): when one of these changes, its kind's lists in its language
    # are refreshed (publishing.changes).
    listing_fields = ("status", "published_at", "title", "slug", "updated_at")

    # The slug and the listing as stored (from_db, save); None on a row never saved. A rename
    # keeps the old slug (FormerSlug) for a 301; a changed listing refreshes the lists.
    stored_slug: str | None = None
    stored_listing: tuple | None = None

    @classmethod
    def listing_names(cls) -> tuple[str, ...]:
        return (*cls.listing_fields, cls.label_field)

    def listing(self) -> tuple:
        return tuple(getattr(self, name) for name in self.listing_names())

    def related_entries(self):
        """Entries this version's page lists by relation (either way round): their pages list
        this entry back ("related terms", "roles that need it"), so they follow its changes."""
        entry = self.entry
        for field in entry._meta.get_fields():
            if field.many_to_many and kinds.registered(field.related_model):
                yield from getattr(entry, field.get_accessor_name() if field.auto_created else field.name).all()

    @property
    def outgoing_links(self):
        """The internal links its texts hold (publishing.links stores them on save)."""
        return Link.objects.filter(source_kind=kinds.of(self).name, source_id=self.pk)

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and not self.title.strip():
            raise ValidationError({"title": _("A published version needs a title.")})
        if self.translated_from and self.translated_from == self.language:
            raise ValidationError({"translated_from": _("A version cannot be translated from its own language.")})

    @property
    def is_published(self) -> bool:
        """Visible to readers now (a scheduled version is not yet)."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    # Subclasses name their entry foreign key and the fields that name and describe them.
    entry_field = ""
    label_field = "title"
    description_field = ""
    # Another field of other names (one per line) that auto-link suggestions look for.
    alias_field = ""

    @property
    def label(self) -> str:
        """The entry's name as lists show it ("MLOps", "AI project manager")."""
        return getattr(self, self.label_field)

    @property
    def description(self) -> str:
        """One or two plain sentences: the short answer, the summary."""
        return getattr(self, self.description_field)

    @property
    def entry(self):
        return getattr(self, self.entry_field)

    def remember_former_slug(self, old_slug: str):
        """Keep the old address answering 301 (per language); a slug taken back is no longer "former"."""
        former = kinds.of(self).former_slug
        former.objects.filter(language=self.language, slug=self.slug).delete()
        former.objects.update_or_create(language=self.language, slug=old_slug, defaults={self.entry_field: self.entry})

    def markdown_sources(self) -> list[tuple[str, str]]:
        """(label, Markdown) of every text that may hold internal links, children included."""
        sources = [(name, getattr(self, name)) for name in self.markdown_fields]
        if self.pk:
            sources += self.child_markdown()
        return sources

    def child_markdown(self) -> list[tuple[str, str]]:
        return [
            (f"{label} {index}", getattr(child, field))
            for related_name, label, field in self.markdown_children
            for index, child in enumerate(getattr(self, related_name).all(), start=1)
        ]

    @classmethod
    def entry_ids_by_alias(cls, slug: str) -> list[int]:
        """Entries that another name (slugified) designates; at most two are needed."""
        return []

    @classmethod
    def deprecated_designations(cls, language: str) -> list:
        """What this kind deprecates in `language` (publishing.terminology.Deprecated); none by default."""
        return []

    def reader_fields(self) -> tuple[str, ...]:
        """Its own fields a reader reads, in page order (publishing.terminology)."""
        names = ("title", self.label_field, self.description_field, *self.markdown_fields)
        return tuple(dict.fromkeys(names))  # a kind labelled by its title reads it once

    @classmethod
    def relations_to(cls, kind_name: str, entry) -> tuple[models.QuerySet | None, dict]:
        """For "referenced in": the ids (a `values("id")` query) of this kind's versions whose
        entry lists `entry` in its relations, and the lookups of those versions that the
        entry's own page shows already (left out). None: no relation to that kind."""
        return None, {}

    def render_children(self):  # a link target moved: the children render their Markdown again
        for related_name, _label, _field in self.markdown_children:
            for child in getattr(self, related_name).all():
                child.save()

    def derive_children(self):
        """Rows derived from this version's own fields (a term's alias rows); none by default."""

    def bump_revision(self):
        """The words changed: bump the revision, so translations made from an older one are outdated."""
        type(self).objects.filter(pk=self.pk).update(revision=models.F("revision") + 1)
        self.refresh_from_db(fields=["revision"])

    def translation_source(self, siblings):
        """The sibling this version was translated from, among `siblings` (already loaded)."""
        if not self.translated_from:
            return None
        return next((v for v in siblings if v.language == self.translated_from and v.pk != self.pk), None)

    def is_outdated(self, source) -> bool:
        """The source changed since this translation was last brought up to date."""
        return source is not None and self.source_revision is not None and source.revision > self.source_revision

    def derive_fields(self):
        """Subclasses derive their own stored fields here (sort keys, aliases)."""

    def search_fields(self) -> dict[str, str]:
        """The texts search indexes, by weight: title (A), lede (B), body (C)."""
        raise NotImplementedError

    def render_markdown_fields(self):
        for name in self.markdown_fields:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name), language=self.language))

    def words(self) -> list[str]:
        """Every text a reader reads on the page; children are counted once saved."""
        texts = [self.title, self.description]
        texts += [getattr(self, name) for name in self.markdown_fields]
        if self.pk:
            texts += self.child_texts()
        return texts

    def child_texts(self) -> list[str]:
        return [
            getattr(child, name)
            for related_name, _label, names in self.reader_children
            for child in getattr(self, related_name).all()
            for name in names
        ]

    def compute_reading_minutes(self) -> int:
        return max(1, math.ceil(count_words(*self.words()) / WORDS_PER_MINUTE))

    def refresh_reading_time(self):
        """Called once inlines are saved (admin, loader): they change the count."""
        minutes = self.compute_reading_minutes()
        if minutes != self.reading_minutes:
            self.reading_minutes = minutes
            type(self).objects.filter(pk=self.pk).update(reading_minutes=minutes)

    def url_in_own_language(self, viewname: str) -> str:
        pagetags.shown(self)  # a page that links to an entry shows it (Cache-Tag)
        with translation.override(self.language):
            return reverse(viewname, kwargs={"slug": self.slug})


class FormerSlug(models.Model):
    """An address an entry had in one language: it answers 301 to the current one."""

    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    slug = models.SlugField(_("slug"), max_length=120)
    created_at = models.DateTimeField(_("renamed"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["language", "slug"]
        constraints = [models.UniqueConstraint(fields=["language", "slug"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self):
        return f"{self.language}/{self.slug}"


class Link(models.Model):
    """One internal link written in a version's Markdown, resolved on save: one table for
    every kind (as Wagtail's ReferenceIndex), so backlinks, orphans and `check_links` are
    queries. Kinds are the registry's names; no target id: the link is broken."""

    source_kind = models.CharField(max_length=20)
    source_id = models.PositiveBigIntegerField()  # the language version holding the link
    language = models.CharField(max_length=2, choices=Language.choices)
    source_field = models.CharField(_("field"), max_length=60)
    href = models.CharField(_("link as written"), max_length=500)
    text = models.CharField(_("link text"), max_length=300, blank=True)
    target_kind = models.CharField(max_length=20, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)  # the entry linked to

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["source_kind", "source_id"], name="link_from"),
            models.Index(fields=["target_kind", "target_id", "language"], name="link_to"),
        ]

    def __str__(self):
        return f"{self.href} ({self.source_field})"
