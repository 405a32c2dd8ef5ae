from collections import defaultdict

from django.db.models import F
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from encyclopedia.models import TermVersion
from publishing import pagetags, seo
from publishing.alternates import UNTRANSLATED_PARAM
from publishing.views import EntryDetailView

from .models import CareerVersion


def index(request):
    language = request.LANGUAGE_CODE
    pagetags.lists("career", language)
    versions = CareerVersion.objects.live(language).with_bands()
    context = {
        "careers": versions,
        "untranslated_notice": request.GET.get(UNTRANSLATED_PARAM) == "1",
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


def occupation(request, version, bands) -> dict | None:
    """Google's estimated-salary Occupation, only from verified, fresh bands (never the others).

    https://developers.google.com/search/docs/appearance/structured-data/estimated-salary
    """
    fresh = [band for band in bands if band.is_fresh()]
    if not fresh:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": version.title,
        "description": version.summary,
        "occupationLocation": [{"@type": "Country", "name": band.region} for band in fresh],
        "estimatedSalary": [
            {
                "@type": "MonetaryAmountDistribution",
                "name": "base",
                "currency": band.currency,
                "duration": "P1Y",
                "percentile10": band.low,
                "percentile90": band.high,
            }
            for band in fresh
        ],
        "mainEntityOfPage": seo.absolute(request, version.get_absolute_url()),
    }


def career_json_ld(request, version, bands):
    section_url = reverse("careers:index")
    extra = [occupation(request, version, bands)]
    return seo.entry_scripts(request, version, section=_("Careers"), section_url=section_url, extra=extra)


class CareerDetailView(EntryDetailView):
    kind_name = "career"
    back_label = gettext_lazy("back to the career guides")

    def entry_context(self, request, version, language):
        career = version.career
        terms_by_phase = phase_terms(version, language)
        bands = list(career.salary_bands.all())
        return {
            "json_ld": career_json_ld(request, version, bands),
            "phases": [(phase, terms_by_phase.get(phase.pk, [])) for phase in version.phases.all()],
            "bands": bands,
            "related_careers": CareerVersion.objects.live(language)
            .filter(career__referenced_by=career)
            .order_by("title"),
            "terms": TermVersion.objects.live(language).filter(term__related_careers=career).for_list(),
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
