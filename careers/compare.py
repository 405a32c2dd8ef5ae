"""Two career guides side by side (issue 19, "Compare two roles"): the terms their roadmaps
share, what the second needs that the first does not ("from data analyst to data scientist:
what to learn"), each roadmap, both salary pictures.

`/fr/carrieres/<guide>/comparer/<autre>/`: linkable, in both languages (hreflang when both
guides exist in the other language), reached from each guide's "compare with" list."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from encyclopedia.models import TermVersion
from publishing import pagetags
from publishing.alternates import UNTRANSLATED_PARAM, Alternate, reverse_in

from .models import CareerVersion


def needed_terms(version) -> set[int]:
    """The terms (ids) the guide's roadmap phases name."""
    return {term.pk for phase in version.phases.all() for term in phase.terms.all()}


def compare(request, slug, other):
    language = request.LANGUAGE_CODE
    pagetags.lists("career", language)  # the "compare with" list draws from every guide
    versions = CareerVersion.objects.live(language).select_related("career")
    versions = versions.prefetch_related("phases__terms", "career__salary_bands", "career__versions")
    found = {version.slug: version for version in versions.filter(slug__in=[slug, other])}
    if slug == other or slug not in found or other not in found:
        raise Http404(_("One of these career guides does not exist in this language."))
    first, second = found[slug], found[other]
    for version in (first, second):
        pagetags.shown(version)
    first_terms, second_terms = needed_terms(first), needed_terms(second)
    terms = {t.term_id: t for t in TermVersion.objects.live(language).filter(
        term_id__in=first_terms | second_terms).for_list().order_by("sort_name")}  # fmt: skip

    def named(ids):  # in A–Z order, as queried
        return [version for pk, version in terms.items() if pk in ids]

    phases = []
    for phase in second.phases.all():
        ids = {term.pk for term in phase.terms.all()}
        phases.append({"phase": phase, "known": named(ids & first_terms), "new": named(ids - first_terms)})
    context = {
        "first": first,
        "second": second,
        "compared": [first, second],
        "shared": named(first_terms & second_terms),
        "to_learn": named(second_terms - first_terms),
        "left_behind": named(first_terms - second_terms),
        "phases": phases,
        "alternates": compare_alternates(first, second),
        "meta_title": _("From %(first)s to %(second)s: what to learn") % {"first": first.title, "second": second.title},
        "meta_description": _(
            "The terms and roadmap phases the two roles share, what the second needs that the first does not, "
            "and both salary pictures."
        ),
    }
    return render(request, "careers/compare.html", context)


def compare_alternates(first, second) -> list[Alternate]:
    """The same comparison in each language where both guides are published there."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        slugs = [
            next((v.slug for v in version.career.versions.all() if v.language == code and v.is_published), None)
            for version in (first, second)
        ]
        if all(slugs):
            alternates.append(Alternate(code, reverse_in(code, "careers:compare", slug=slugs[0], other=slugs[1])))
        else:
            index = reverse_in(code, "careers:index")
            alternates.append(Alternate(code, f"{index}?{UNTRANSLATED_PARAM}=1", available=False))
    return alternates
