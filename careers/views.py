from collections import defaultdict

from django.db.models import F
from django.shortcuts import get_object_or_404, render

from encyclopedia.models import TermVersion
from publishing.alternates import UNTRANSLATED_PARAM, entry_alternates

from .models import CareerVersion


def index(request):
    language = request.LANGUAGE_CODE
    versions = (
        CareerVersion.objects.published()
        .in_language(language)
        .select_related("career")
        .prefetch_related("career__salary_bands")
        .order_by("title")
    )
    return render(
        request,
        "careers/index.html",
        {"careers": versions, "untranslated_notice": request.GET.get(UNTRANSLATED_PARAM) == "1"},
    )


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


def career_detail(request, slug):
    language = request.LANGUAGE_CODE
    queryset = CareerVersion.objects.visible_to(request.user).in_language(language).for_page()
    version = get_object_or_404(queryset, slug=slug)
    career = version.career
    published = CareerVersion.objects.published()
    terms_by_phase = phase_terms(version, language)
    phases = [(phase, terms_by_phase.get(phase.pk, [])) for phase in version.phases.all()]
    context = {
        "version": version,
        "career": career,
        "phases": phases,
        "bands": list(career.salary_bands.all()),
        "related_careers": published.in_language(language).filter(career__referenced_by=career).order_by("title"),
        "terms": TermVersion.objects.published().in_language(language).filter(term__related_careers=career).for_list(),
        "alternates": entry_alternates(
            language, published.filter(career=career).only("slug", "language"), "careers:index"
        ),
        "author_bio": career.author.bio(language),
    }
    return render(request, "careers/career_detail.html", context)
