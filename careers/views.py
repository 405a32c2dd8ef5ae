from collections import defaultdict

from django.db.models import F
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from encyclopedia.models import TermVersion
from publishing import pagecache, seo
from publishing.alternates import UNTRANSLATED_PARAM, entry_alternates
from publishing.links import referenced_in
from publishing.workflow import outdated_source

from .models import CareerFormerSlug, CareerVersion


def index(request):
    language = request.LANGUAGE_CODE
    versions = (
        CareerVersion.objects.published()
        .in_language(language)
        .select_related("career")
        .prefetch_related("career__salary_bands")
        .order_by("title")
    )
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
        TermVersion.objects.published()
        .in_language(language)
        .filter(term__roadmap_phases__version=version)
        .annotate(phase_id=F("term__roadmap_phases__id"))
        .only("slug", "name", "language")
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
    crumbs = [
        (_("Home"), reverse("home")),
        (_("Careers"), reverse("careers:index")),
        (version.title, version.get_absolute_url()),
    ]
    return seo.scripts(
        seo.article(request, version, author=version.career.author, description=version.summary),
        seo.faq_page(version.faqs.all()),
        seo.breadcrumb_list(request, crumbs),
        occupation(request, version, bands),
    )


def former_slug_redirect(language, slug):
    """A renamed guide's old address: 301 to its current one, in the same language (or 404)."""
    former = CareerFormerSlug.objects.filter(language=language, slug=slug).values_list("career_id", flat=True).first()
    version = (
        CareerVersion.objects.published().in_language(language).filter(career_id=former).only("slug", "language")
        .first() if former is not None else None
    )  # fmt: skip
    if version is None:
        raise Http404(_("No published entry has this address."))
    return HttpResponsePermanentRedirect(version.get_absolute_url())


def career_detail(request, slug):
    language = request.LANGUAGE_CODE
    queryset = CareerVersion.objects.visible_to(request.user).in_language(language).for_page()
    version = queryset.filter(slug=slug).first()
    if version is None:
        return former_slug_redirect(language, slug)
    career = version.career
    published = CareerVersion.objects.published()
    translations = list(published.filter(career=career).only("slug", "language", "revision"))
    terms_by_phase = phase_terms(version, language)
    phases = [(phase, terms_by_phase.get(phase.pk, [])) for phase in version.phases.all()]
    bands = list(career.salary_bands.all())
    context = {
        "version": version,
        "career": career,
        "meta_title": version.title,
        "meta_description": version.summary,
        "meta_modified": version.updated_at,
        "json_ld": career_json_ld(request, version, bands),
        "phases": phases,
        "bands": bands,
        "related_careers": published.in_language(language).filter(career__referenced_by=career).order_by("title"),
        "terms": TermVersion.objects.published().in_language(language).filter(term__related_careers=career).for_list(),
        "alternates": entry_alternates(language, translations, "careers:index"),
        "author_bio": career.author.bio(language),
        "referenced_in": referenced_in("career", career, language),
        "translation_source": outdated_source(version, translations),
    }
    response = render(request, "careers/career_detail.html", context)
    return response if version.is_published else pagecache.mark_private(response)
