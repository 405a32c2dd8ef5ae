import datetime

from babel import Locale
from babel.numbers import get_currency_name
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager

from publishing.children import FAQ, Ordered, TextItem
from publishing.models import Entry, EntryVersion, FormerSlug
from publishing.querysets import VersionQuerySet
from publishing.sources import Source
from publishing.targets import render_markdown

# A verified figure older than this is stale: shown as "to be verified", never as fact.
FRESHNESS = datetime.timedelta(days=365)
# A guide is checked twice as often as its bands go stale: salaries and hiring move fast.
REVIEW_DAYS = 180


class Career(Entry):
    related_careers = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="referenced_by", verbose_name=_("related careers")
    )

    class Meta(Entry.Meta):
        verbose_name = _("career")
        verbose_name_plural = _("careers")

    @classmethod
    def changes_on_clock(cls, now, until):
        """A verified salary figure is shown as fact until FRESHNESS after its verification,
        then as "to be verified": the guide (and the index that shows its bands) changes at
        the local midnight that starts the first stale day."""
        first, last = timezone.localdate(now), timezone.localdate(until)
        bands = SalaryBand.objects.filter(
            verified_on__gte=first - FRESHNESS - datetime.timedelta(days=1), verified_on__lte=last - FRESHNESS
        ).select_related("career")
        due = []
        for band in bands:
            stale_day = band.verified_on + FRESHNESS + datetime.timedelta(days=1)
            moment = timezone.make_aware(datetime.datetime.combine(stale_day, datetime.time.min))
            if now < moment <= until:
                due.append((moment, band.career))
        return due

    def default_review_days(self) -> int:
        return REVIEW_DAYS


class CareerVersionQuerySet(VersionQuerySet):
    def for_page(self):
        return self.select_related("career__author", "reviewed_by").prefetch_related(
            "portfolio_ideas", "faqs", "tags", "phases", "sources"
        )

    def with_bands(self):
        """Role cards: the guide and its salary bands, by title."""
        return self.select_related("career").prefetch_related("career__salary_bands").order_by("title")


class CareerVersion(EntryVersion):
    markdown_fields = ("overview",)
    markdown_children = (("phases", "phase", "description"), *EntryVersion.markdown_children)
    reader_children = (
        ("phases", "phase", ("title", "description")),
        ("portfolio_ideas", "portfolio idea", ("text",)),
        *EntryVersion.reader_children,
    )
    entry_field = "career"
    description_field = "summary"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="versions", verbose_name=_("career"))
    summary = models.CharField(_("one-line summary"), max_length=300)
    overview = MarkdownxField(_("overview"))
    overview_html = models.TextField(editable=False, blank=True)
    tags = TaggableManager(_("tags"), blank=True)

    objects = CareerVersionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("career version")
        verbose_name_plural = _("career versions")
        constraints = [
            models.UniqueConstraint(fields=["career", "language"], name="career_version_one_per_language"),
            models.UniqueConstraint(fields=["language", "slug"], name="career_version_unique_slug"),
        ]
        indexes = [models.Index(fields=["language", "status", "title"], name="career_version_listing")]

    def get_absolute_url(self):
        return self.url_in_own_language("careers:career")

    @classmethod
    def relations_to(cls, kind_name, entry):
        if kind_name == "term":  # guides whose roadmap names the term; the term page lists its roles
            return RoadmapPhase.objects.filter(terms=entry).order_by().values("version_id"), {"career__terms": entry}
        if kind_name == "career":  # guides listing it as related; its page lists them already
            lists_it = Career.related_careers.through.objects.filter(to_career=entry).values("from_career_id")
            versions = cls.objects.filter(career_id__in=lists_it).order_by().values("id")
            return versions, {"career__referenced_by": entry}
        return None, {}

    def related_entries(self):
        yield from super().related_entries()
        for phase in self.phases.prefetch_related("terms"):  # the terms a guide's roadmap lists
            yield from phase.terms.all()

    def search_fields(self):
        return {"A": self.title, "B": self.summary, "C": self.overview_html}


class RoadmapPhase(Ordered):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    week_start = models.PositiveSmallIntegerField(_("first week"))
    week_end = models.PositiveSmallIntegerField(_("last week"))
    description = MarkdownxField(_("description"))
    description_html = models.TextField(editable=False, blank=True)
    terms = models.ManyToManyField(
        "encyclopedia.Term", blank=True, related_name="roadmap_phases", verbose_name=_("terms to know")
    )

    class Meta(Ordered.Meta):
        verbose_name = _("roadmap phase")
        verbose_name_plural = _("roadmap phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week_end__gte=models.F("week_start")), name="phase_weeks_in_order"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.week_start is not None and self.week_end is not None and self.week_end < self.week_start:
            raise ValidationError({"week_end": _("The last week cannot come before the first.")})

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description, language=self.version.language)
        super().save(*args, **kwargs)


class PortfolioIdea(TextItem):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="portfolio_ideas")

    class Meta(TextItem.Meta):
        verbose_name = _("portfolio idea")
        verbose_name_plural = _("portfolio ideas")


class CareerFAQ(FAQ):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="faqs")


class CareerSource(Source):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="sources")


class CareerFormerSlug(FormerSlug):
    """A slug a career guide had in one language: the old address answers 301."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="former_slugs")


# CLDR's territory list also holds groupings and pseudo-regions that are no country.
NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}


def validate_region(value: str):
    if value not in Locale("en").territories or not value.isalpha() or value in NOT_COUNTRIES:
        raise ValidationError(_("“%(value)s” is not an ISO 3166 country code."), params={"value": value})


def validate_currency(value: str):
    if len(value) != 3 or get_currency_name(value, locale="en") == value:
        raise ValidationError(_("“%(value)s” is not an ISO 4217 currency code."), params={"value": value})


class SalaryBandQuerySet(models.QuerySet):
    def fresh(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(verified_on__gte=today - FRESHNESS)

    def to_verify(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.exclude(verified_on__gte=today - FRESHNESS)

    def stale(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(verified_on__lt=today - FRESHNESS)


class SalaryBand(Ordered):
    """A yearly salary range for one region: numbers are neutral, kept once, on the career."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="salary_bands", verbose_name=_("career"))
    region = models.CharField(
        _("region"), max_length=2, validators=[validate_region], help_text=_("ISO country code, e.g. US, CA, GB.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency], help_text=_("ISO currency code, e.g. USD.")
    )
    low = models.PositiveIntegerField(_("low (per year)"))
    high = models.PositiveIntegerField(_("high (per year)"))
    source_name = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source link"), blank=True)
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("verified by"),
    )  # fmt: skip

    objects = SalaryBandQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("salary band")
        verbose_name_plural = _("salary bands")
        constraints = [
            models.UniqueConstraint(fields=["career", "region"], name="salary_band_one_per_region"),
            models.CheckConstraint(
                condition=models.Q(high__gte=models.F("low")), name="salary_band_high_not_below_low"
            ),
        ]

    def __str__(self):
        return f"{self.career.key} {self.region} {self.low}–{self.high} {self.currency}"

    def clean(self):
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValidationError({"high": _("The high figure cannot be below the low one.")})

    def is_fresh(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.verified_on is not None and self.verified_on >= today - FRESHNESS

    @property
    def needs_verification(self) -> bool:
        return not self.is_fresh()
