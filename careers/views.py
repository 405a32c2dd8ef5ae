from collections import defaultdict

from django.db.models import F
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from encyclopedia.models import TermVersion
from publishing import pagetags, seo
from publishing.alternates import untranslated_notice
from publishing.views import EntryDetailView

from .models import CareerVersion, Classification, Period, Statistic
from .pace import MAX_PACE, MIN_PACE, pace_of, paced


def index(request):
    language = request.LANGUAGE_CODE
    pagetags.lists("career", language)
    versions = CareerVersion.objects.live(language).with_bands()
    context = {
        "careers": versions,
        "untranslated_notice": untranslated_notice(
            request, _("That guide has no version in this language yet. Here is the list of the guides that do.")
        ),
        "meta_title": _("Career guides"),
        "meta_description": _(
            "Guides to AI roles: what the job is, a beginner roadmap, portfolio ideas "
            "and salary bands with their sources."
        ),
    }
    return render(request, "careers/index.html", context)


def phase_terms(version, language):
    """{phase id: [term versions]}: the terms to know for each phase, in one query."""
    rows = (
        TermVersion.objects.live(language)
        .filter(term__roadmap_phases__version=version)
        .annotate(phase_id=F("term__roadmap_phases__id"))
        .select_related("term")
        .only("slug", "name", "language", "term__key")  # the key: the page's Cache-Tag
        .order_by("name")
    )
    by_phase = defaultdict(list)
    for row in rows:
        by_phase[row.phase_id].append(row)
    return by_phase


def occupation(request, version, bands, occupations) -> dict | None:
    """Google's estimated-salary Occupation, only from verified, fresh bands (never the others);
    a top-coded figure (a floor, not a value) is left out; the category from the crosswalk.

    https://developers.google.com/search/docs/appearance/structured-data/estimated-salary
    """
    fresh = [band for band in bands if band.is_fresh()]
    if not fresh:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": version.title,
        "description": version.summary,
        "occupationLocation": [{"@type": "Country", "name": band.region} for band in fresh],
        "estimatedSalary": [salary_distribution(band) for band in fresh],
        "mainEntityOfPage": seo.absolute(request, version.get_absolute_url()),
    }
    soc = [code for code in occupations if code.classification == Classification.SOC_2018]
    if soc:
        data["occupationalCategory"] = soc[0].code
    return data


# schema.org's MonetaryAmountDistribution properties for a band's figures, by statistic.
PERCENTILES = {"low": "percentile10", "p25": "percentile25", "median": "median", "p75": "percentile75",
               "high": "percentile90"}  # fmt: skip


def salary_distribution(band) -> dict:
    names = PERCENTILES if band.statistic == Statistic.P10_P90 else {"low": "minValue", "median": "median",
                                                                   "high": "maxValue"}  # fmt: skip
    data = {
        "@type": "MonetaryAmountDistribution",
        "name": band.pay_concept or "base",
        "currency": band.currency,
        "duration": "PT1H" if band.period == Period.HOURLY else "P1Y",
    }
    for figure, name in names.items():
        value = getattr(band, figure)
        if value is not None and not band.flagged(figure, "top-coded"):
            data[name] = value
    return data


def career_json_ld(request, version, bands, occupations):
    section_url = reverse("careers:index")
    extra = [occupation(request, version, bands, occupations)]
    return seo.entry_scripts(request, version, section=_("Careers"), section_url=section_url, extra=extra)


class CareerDetailView(EntryDetailView):
    kind_name = "career"
    back_label = gettext_lazy("back to the career guides")

    def entry_context(self, request, version, language):
        career = version.career
        terms_by_phase = phase_terms(version, language)
        pace = pace_of(request.GET.get("pace"))
        schedule = paced(version.phases.all(), career.weekly_hours, pace)
        bands = list(career.salary_bands.all())
        occupations = list(career.occupations.all())
        return {
            "json_ld": career_json_ld(request, version, bands, occupations),
            "phases": [(item, terms_by_phase.get(item.phase.pk, [])) for item in schedule],
            "pace": pace,
            "pace_limits": (MIN_PACE, MAX_PACE),
            "planned_weeks": max((item.phase.week_end for item in schedule), default=0),
            "paced_weeks": schedule[-1].week_end if schedule else 0,
            "total_hours": sum(item.hours for item in schedule),
            "bands": bands,
            "occupations": occupations,
            "related_careers": CareerVersion.objects.live(language)
            .filter(career__referenced_by=career)
            .order_by("title"),
            "terms": TermVersion.objects.live(language).filter(term__related_careers=career).for_list(),
            "compare_with": CareerVersion.objects.live(language)
            .exclude(pk=version.pk)
            .only("slug", "title", "language")
            .order_by("title"),
        }

    def contents(self, context):
        version = context["version"]
        return [
            ("overview-heading", _("overview"), True),
            ("roadmap-heading", _("beginner roadmap"), context["phases"]),
            ("portfolio-heading", _("portfolio ideas"), version.portfolio_ideas.all()),
            ("salaries-heading", _("salary & sources"), True),
            ("faq-heading", _("frequently asked questions"), version.faqs.all()),
            ("sources-heading", _("sources"), context["sources"]),
            ("related-careers-heading", _("related career guides"), context["related_careers"]),
            ("terms-heading", _("terms used in this role"), context["terms"]),
        ]


career_detail = CareerDetailView.as_view()
