from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager

from publishing.children import TextItem
from publishing.kindtables import kind_tables, version_constraints
from publishing.listing import initial_letter, sort_key
from publishing.models import Entry, EntryVersion
from publishing.querysets import VersionQuerySet
from publishing.review import DEFAULT_REVIEW_DAYS
from publishing.terminology import Deprecated, Designation, DesignationStatus
from publishing.validators import validate_link


class Category(models.Model):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    slug_fr = models.SlugField(_("slug (French)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    slug_en = models.SlugField(_("slug (English)"), max_length=120, unique=True)
    # Regulation changes faster than fundamentals: each category says how often its terms are checked.
    review_days = models.PositiveSmallIntegerField(
        _("review interval (days)"),
        default=DEFAULT_REVIEW_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("Days between two reviews of its terms, unless a term sets its own."),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name_fr

    def name(self, language: str) -> str:
        return getattr(self, f"name_{language}", self.name_fr)

    def slug(self, language: str) -> str:
        return getattr(self, f"slug_{language}", self.slug_fr)

    def url(self, language: str) -> str:
        with translation.override(language):
            return reverse("encyclopedia:category", kwargs={"slug": self.slug(language)})


class Term(Entry):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="terms", verbose_name=_("category"))
    related_terms = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="referenced_by", verbose_name=_("related terms")
    )
    related_careers = models.ManyToManyField(
        "careers.Career", blank=True, related_name="terms", verbose_name=_("related careers")
    )

    class Meta(Entry.Meta):
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def default_review_days(self) -> int:
        return self.category.review_days


class TermVersionQuerySet(VersionQuerySet):
    def for_page(self):
        """Everything a term page shows about the version itself, in a fixed number of queries."""
        return self.select_related("term__category", "term__author", "reviewed_by").prefetch_related(
            "takeaways", "faqs", "tags", "sources", "designations"
        )

    def for_review(self):
        return self.select_related("term__category")  # the category's review interval

    def for_list(self):
        return self.select_related("term__category").only(
            "slug", "name", "title", "lede", "language", "status", "term__key",
            "term__category__key", "term__category__name_fr", "term__category__name_en",
            "term__category__slug_fr", "term__category__slug_en",
        )  # fmt: skip


class TermVersion(EntryVersion):
    markdown_fields = ("definition", "analogy", "market")
    entry_field = "term"
    label_field = "name"
    description_field = "lede"
    alias_field = "aliases"
    reader_children = (("takeaways", "takeaway", ("text",)), ("faqs", "FAQ", ("question", "answer")))

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="versions", verbose_name=_("term"))
    name = models.CharField(
        _("name"), max_length=120, help_text=_("The term itself, as listed in the A–Z index (e.g. “MLOps”).")
    )
    lede = models.TextField(_("short answer"), max_length=600, help_text=_("One or two plain sentences."))
    definition = MarkdownxField(_("definition"))
    definition_html = models.TextField(editable=False, blank=True)
    analogy = MarkdownxField(_("analogy"), blank=True)
    analogy_html = models.TextField(editable=False, blank=True)
    market = MarkdownxField(
        _("job market introduction"), blank=True,
        help_text=_("Shown above the roles and salary bands of the related careers. No figures here."),
    )  # fmt: skip
    market_html = models.TextField(editable=False, blank=True)
    # Derived by the write path from its designations (one a line, the name left out): what
    # search, auto-link suggestions and the alias rows read.
    aliases = models.TextField(_("other names"), blank=True, editable=False)
    cta_title = models.CharField(_("call to action: title"), max_length=200, blank=True)
    cta_text = models.CharField(_("call to action: text"), max_length=300, blank=True)
    cta_url = models.CharField(_("call to action: link"), max_length=300, blank=True, validators=[validate_link])
    tags = TaggableManager(_("tags"), blank=True)
    # Derived on save: accent-free lower-case name for A–Z order, and its index letter.
    sort_name = models.CharField(max_length=120, editable=False, default="")
    initial = models.CharField(max_length=1, editable=False, default="#")

    objects = TermVersionQuerySet.as_manager()

    class Meta(EntryVersion.Meta):
        ordering = ["sort_name"]
        verbose_name = _("term version")
        verbose_name_plural = _("term versions")
        constraints = version_constraints("term")
        indexes = [
            models.Index(fields=["language", "status", "sort_name"], name="term_version_listing"),
            models.Index(fields=["language", "status", "initial", "sort_name"], name="term_version_letter"),
        ]

    def get_absolute_url(self):
        return self.url_in_own_language("encyclopedia:term")

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def derive_fields(self):
        self.sort_name = sort_key(self.name)[:120]
        self.initial = initial_letter(self.name)

    def search_fields(self):
        return {
            "A": " ".join([self.name, self.title, *self.alias_list]),
            "B": self.lede,
            "C": " ".join([self.definition_html, self.analogy_html, self.market_html]),
        }

    @classmethod
    def entry_ids_by_alias(cls, slug):
        rows = TermAlias.objects.filter(slug=slug).values_list("version__term_id", flat=True)
        return list(rows.distinct()[:2])

    @classmethod
    def relations_to(cls, kind_name, entry):
        if kind_name == "term":  # terms listing it as related; its page lists them already
            lists_it = Term.related_terms.through.objects.filter(to_term=entry).values("from_term_id")
            return cls.versions_of(lists_it), {"term__referenced_by": entry}
        if kind_name == "career":  # terms linked to the role; the guide lists them already
            lists_it = Term.related_careers.through.objects.filter(career=entry).values("term_id")
            return cls.versions_of(lists_it), {"term__related_careers": entry}
        return None, {}

    @classmethod
    def versions_of(cls, term_ids):
        return cls.objects.filter(term_id__in=term_ids).order_by().values("id")

    def reader_fields(self):
        return (*super().reader_fields(), "cta_title", "cta_text")

    @classmethod
    def deprecated_designations(cls, language):
        """Designations a published term deprecates in `language`, with the term's preferred one
        (else its name) to write instead."""
        live = cls.objects.live(language)
        rows = list(
            TermDesignation.objects.filter(version__in=live, status=DesignationStatus.DEPRECATED).values_list(
                "version_id", "term", "version__name", "version__term__key"
            )
        )
        preferred = dict(
            TermDesignation.objects.filter(version_id__in={row[0] for row in rows}, status=DesignationStatus.PREFERRED)
            .order_by("-position", "-pk")
            .values_list("version_id", "term")
        )  # the first preferred one of each version is written last, and kept
        return [Deprecated(term, preferred.get(pk, name), "term", key) for pk, term, name, key in rows]

    def derive_children(self):
        """The other names, from its designations; one row per alias slug, for redirects and
        disambiguation (TermAlias)."""
        names = TermDesignation.objects.filter(version=self).values_list("term", flat=True)
        others = "\n".join(name for name in names if name.casefold() != self.name.casefold())
        if others != self.aliases:
            self.aliases = others
            type(self).objects.filter(pk=self.pk).update(aliases=others)
        wanted = {}
        for name in self.alias_list:
            slug = slugify(name)[:120]
            if slug and slug != self.slug:
                wanted.setdefault(slug, name)
        current = {alias.slug: alias for alias in self.alias_rows.all()}
        if set(current) == set(wanted) and all(current[s].name == n for s, n in wanted.items()):
            return
        self.alias_rows.all().delete()
        TermAlias.objects.bulk_create(
            TermAlias(version=self, language=self.language, slug=slug, name=name) for slug, name in wanted.items()
        )


class TermAlias(models.Model):
    """Another name of a term version: `/en/encyclopedia/<alias-slug>/` redirects (301) to
    the version, or lists the candidates when several versions share the alias."""

    version = models.ForeignKey(TermVersion, on_delete=models.CASCADE, related_name="alias_rows")
    language = models.CharField(max_length=2)
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["language", "slug"]
        indexes = [models.Index(fields=["language", "slug"], name="term_alias_lookup")]

    def __str__(self):
        return f"{self.name} → {self.version_id}"


class Takeaway(TextItem):
    version = models.ForeignKey(TermVersion, on_delete=models.CASCADE, related_name="takeaways")

    class Meta(TextItem.Meta):
        verbose_name = _("key takeaway")
        verbose_name_plural = _("key takeaways")


class TermDesignation(Designation):
    version = models.ForeignKey(TermVersion, on_delete=models.CASCADE, related_name="designations")


TermFAQ, TermSource, TermFormerSlug = kind_tables(Term, TermVersion)
