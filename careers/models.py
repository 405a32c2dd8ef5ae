import datetime

from babel import Locale
from babel.numbers import get_currency_name
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager

from publishing.children import MarkdownItem, Ordered, TextItem
from publishing.choices import vocabulary
from publishing.kindtables import kind_tables, version_constraints
from publishing.models import Entry, EntryVersion
from publishing.querysets import VersionQuerySet

from .pace import DEFAULT_WEEKLY_HOURS, MAX_PACE, MIN_PACE

# A verified figure older than this is stale: shown as "to be verified", never as fact.
FRESHNESS = datetime.timedelta(days=365)
# A guide is checked twice as often as its bands go stale: salaries and hiring move fast.
REVIEW_DAYS = 180


class Career(Entry):
    related_careers = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="referenced_by", verbose_name=_("related careers")
    )
    weekly_hours = models.PositiveSmallIntegerField(
        _("hours a week"), default=DEFAULT_WEEKLY_HOURS,
        validators=[MinValueValidator(MIN_PACE), MaxValueValidator(MAX_PACE)],
        help_text=_("The study time a week that the roadmap’s week numbers assume."),
    )  # fmt: skip

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

    class Meta(EntryVersion.Meta):
        verbose_name = _("career version")
        verbose_name_plural = _("career versions")
        constraints = version_constraints("career")
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


class RoadmapPhase(MarkdownItem):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    week_start = models.PositiveSmallIntegerField(_("first week"))
    week_end = models.PositiveSmallIntegerField(_("last week"))
    description = MarkdownxField(_("description"))
    description_html = models.TextField(editable=False, blank=True)
    terms = models.ManyToManyField(
        "encyclopedia.Term", blank=True, related_name="roadmap_phases", verbose_name=_("terms to know")
    )

    markdown_field = "description"
    label_field = "title"

    class Meta(MarkdownItem.Meta):
        verbose_name = _("roadmap phase")
        verbose_name_plural = _("roadmap phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week_end__gte=models.F("week_start")), name="phase_weeks_in_order"
            )
        ]

    def clean(self):
        if self.week_start is not None and self.week_end is not None and self.week_end < self.week_start:
            raise ValidationError({"week_end": _("The last week cannot come before the first.")})


class PortfolioIdea(TextItem):
    version = models.ForeignKey(CareerVersion, on_delete=models.CASCADE, related_name="portfolio_ideas")

    class Meta(TextItem.Meta):
        verbose_name = _("portfolio idea")
        verbose_name_plural = _("portfolio ideas")


CareerFAQ, CareerSource, CareerFormerSlug = kind_tables(Career, CareerVersion)


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


# What a band's two ends are, as its source defines them.
Statistic = vocabulary(
    "Statistic",
    {
        "p10-p90": _("10th to 90th percentile"),
        "p25-p75": _("25th to 75th percentile"),
        "low-high": _("low to high wage, as the source defines them"),
        "range": _("a range the source quotes"),
    },
)

Period = vocabulary("Period", {"annual": _("per year"), "hourly": _("per hour")})

PayConcept = vocabulary(
    "PayConcept",
    {
        "base": _("wages and salaries (no bonuses)"),
        "gross": _("gross pay, bonuses included"),
        "total": _("total pay"),
    },
)

# The files `import_wages` reads (careers.wages); a band with none was entered by hand.
WageSource = vocabulary(
    "WageSource",
    {
        "bls-oews": _("US BLS Occupational Employment and Wage Statistics"),
        "jobbank": _("Job Bank wages (Government of Canada)"),
        "ons-ashe": _("UK ONS Annual Survey of Hours and Earnings"),
    },
)

# A band's figures, low to high, and the marks a source may put on one (SalaryBand.flags).
FIGURES = ("low", "p25", "median", "p75", "high")
FLAGS = ("top-coded", "unreliable")


class SalaryBand(Ordered):
    """The pay of one occupation in one place, as one source publishes it: numbers are
    neutral, kept once, on the career, with where they come from and what they measure."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="salary_bands", verbose_name=_("career"))
    region = models.CharField(
        _("region"), max_length=2, validators=[validate_region], help_text=_("ISO country code, e.g. US, CA, GB.")
    )
    area = models.CharField(
        _("area"), max_length=120, blank=True,
        help_text=_("A region or metro area, as the source names it. Empty: the whole country."),
    )  # fmt: skip
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency], help_text=_("ISO currency code, e.g. USD.")
    )
    statistic = models.CharField(_("statistic"), max_length=10, choices=Statistic.choices, default=Statistic.RANGE)
    period = models.CharField(_("period"), max_length=6, choices=Period.choices, default=Period.ANNUAL)
    low = models.PositiveIntegerField(_("low"))
    p25 = models.PositiveIntegerField(_("25th percentile"), null=True, blank=True)
    median = models.PositiveIntegerField(_("median"), null=True, blank=True)
    p75 = models.PositiveIntegerField(_("75th percentile"), null=True, blank=True)
    high = models.PositiveIntegerField(_("high"))
    # What the source marks on a figure: {"high": "top-coded"} (BLS `#`: at least this much),
    # {"median": "unreliable"}; a figure the source suppresses is left empty.
    flags = models.JSONField(_("flags"), default=dict, blank=True)
    pay_concept = models.CharField(_("pay concept"), max_length=5, choices=PayConcept.choices, blank=True)
    occupation = models.CharField(
        _("occupation code"), max_length=20, blank=True, help_text=_("The code the figures are published under.")
    )
    source_name = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source link"), blank=True)
    dataset = models.CharField(_("dataset and release"), max_length=200, blank=True)
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    reference_period = models.CharField(
        _("reference period"), max_length=60, blank=True, help_text=_("E.g. “May 2024”.")
    )
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    importer = models.CharField(
        _("imported from"), max_length=10, choices=WageSource.choices, blank=True, editable=False,
        help_text=_("Empty: entered by hand (import_wages leaves it alone unless told)."),
    )  # fmt: skip
    retrieved_on = models.DateField(_("retrieved on"), null=True, blank=True)
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
            models.UniqueConstraint(fields=["career", "region", "area", "importer"], name="salary_band_one_per_place"),
            models.CheckConstraint(
                condition=models.Q(high__gte=models.F("low")), name="salary_band_high_not_below_low"
            ),
        ]

    def __str__(self):
        return f"{self.career.key} {self.region} {self.low}–{self.high} {self.currency}"

    def clean(self):
        figures = self.figures()
        for (before, low), (name, value) in zip(figures, figures[1:], strict=False):
            if value < low:
                raise ValidationError({name: _("This figure cannot be below the one before it (%(name)s).")
                                       % {"name": before}})  # fmt: skip
        flags = self.flags if isinstance(self.flags, dict) else None
        if flags is None or any(k not in FIGURES or v not in FLAGS for k, v in flags.items()):
            raise ValidationError({"flags": _("A mapping of figures (low, p25, median, p75, high) to “top-coded” or "
                                              "“unreliable”, e.g. {\"high\": \"top-coded\"}.")})  # fmt: skip

    def is_fresh(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.verified_on is not None and self.verified_on >= today - FRESHNESS

    @property
    def needs_verification(self) -> bool:
        return not self.is_fresh()

    def flagged(self, figure: str, flag: str) -> bool:
        """Whether the source marks this figure ("low", "median"…) with this flag."""
        return isinstance(self.flags, dict) and self.flags.get(figure) == flag

    def figures(self) -> list[tuple[str, int]]:
        """(name, amount) of the figures it holds, low to high."""
        return [(name, getattr(self, name)) for name in FIGURES if getattr(self, name) is not None]


Classification = vocabulary(
    "Classification",
    {
        "soc-2018": _("US SOC 2018"),
        "noc-2021": _("Canada NOC 2021"),
        "uk-soc-2020": _("UK SOC 2020"),
        "rome-4": _("France ROME 4.0"),
        "isco-08": _("ISCO-08"),
    },
)

Match = vocabulary("Match", {"exact": _("exact"), "broader": _("broader group"), "nearest": _("nearest group")})


class OccupationCodeQuerySet(models.QuerySet):
    def checked(self):
        return self.filter(verified_on__isnull=False)

    def to_verify(self):
        return self.filter(verified_on__isnull=True)


class OccupationCode(Ordered):
    """Where an official classification files the role (the crosswalk): what wage data is
    published under, and how close that occupation is to the guide's."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("career"))
    classification = models.CharField(_("classification"), max_length=12, choices=Classification.choices)
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("official title"), max_length=200)
    match = models.CharField(_("match"), max_length=8, choices=Match.choices)
    url = models.URLField(_("official page"), max_length=300, blank=True)
    verified_on = models.DateField(
        _("checked on"), null=True, blank=True, help_text=_("Empty: not yet checked against the official list.")
    )

    objects = OccupationCodeQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("occupation code")
        verbose_name_plural = _("occupation codes")
        constraints = [
            models.UniqueConstraint(fields=["career", "classification", "code"], name="occupation_code_once")
        ]

    def __str__(self):
        return f"{self.get_classification_display()} {self.code}"

    @property
    def needs_verification(self) -> bool:
        return self.verified_on is None
