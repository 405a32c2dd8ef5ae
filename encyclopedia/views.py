from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from careers.models import CareerVersion
from publishing import seo
from publishing.alternates import (
    UNTRANSLATED_PARAM,
    Alternate,
    entry_alternates,
    index_alternates,
)
from publishing.listing import LETTERS, group_by_letter
from publishing.models import Status

from .models import Category, TermVersion


def categories_with_counts(language: str):
    published_here = Q(terms__versions__language=language, terms__versions__status=Status.PUBLISHED)
    return Category.objects.annotate(count=Count("terms__versions", filter=published_here)).filter(count__gt=0)


def tags_with_counts(language: str):
    """Tags used by published versions in `language`, with how many versions use each."""
    content_type = ContentType.objects.get_for_model(TermVersion)
    ids = TermVersion.objects.published().in_language(language).values("pk")
    used_here = Q(taggit_taggeditem_items__content_type=content_type, taggit_taggeditem_items__object_id__in=ids)
    return (
        Tag.objects.filter(used_here)
        .annotate(count=Count("taggit_taggeditem_items", filter=used_here))
        .order_by("name")
    )


def render_index(request, *, versions, heading=None, category=None, tag=None, alternates=None):
    language = request.LANGUAGE_CODE
    groups = group_by_letter(versions)
    context = {
        "groups": groups,
        "letters": LETTERS,
        "present_letters": {letter for letter, _items in groups},
        "total": sum(len(items) for _letter, items in groups),
        "categories": categories_with_counts(language),
        "tags": tags_with_counts(language),
        "current_category": category,
        "current_tag": tag,
        "heading": heading,
        "untranslated_notice": request.GET.get(UNTRANSLATED_PARAM) == "1",
    }
    if alternates is not None:
        context["alternates"] = alternates
    if category is not None:
        context["meta_title"] = category.name(language)
    elif tag is not None:
        context["meta_title"] = f"#{tag.name}"
    else:
        context["meta_title"] = _("Encyclopedia")
    context["meta_description"] = _(
        "Every AI and tech term explained in plain words: definitions, analogies, "
        "key takeaways and the jobs behind them."
    )
    return render(request, "encyclopedia/index.html", context)


def index(request):
    language = request.LANGUAGE_CODE
    versions = TermVersion.objects.published().in_language(language).for_list()
    return render_index(request, versions=versions)


def category(request, slug):
    language = request.LANGUAGE_CODE
    current = get_object_or_404(Category, **{f"slug_{language}": slug})
    versions = TermVersion.objects.published().in_language(language).filter(term__category=current).for_list()
    alternates = [Alternate(code, current.url(code)) for code, _name in settings.LANGUAGES]
    return render_index(request, versions=versions, category=current, alternates=alternates)


def tag(request, slug):
    language = request.LANGUAGE_CODE
    current = get_object_or_404(Tag, slug=slug)
    versions = TermVersion.objects.published().in_language(language).filter(tags=current).for_list()
    if not versions.exists():
        raise Http404("No published entry in this language has this tag.")
    return render_index(request, versions=versions, tag=current, alternates=index_alternates("encyclopedia:index"))


def term_json_ld(request, version):
    """Article about a DefinedTerm of the encyclopedia, its FAQs, and the breadcrumb."""
    index_url = reverse("encyclopedia:index")
    defined_term = {
        "@type": "DefinedTerm",
        "name": version.name,
        "description": version.lede,
        "url": seo.absolute(request, version.get_absolute_url()),
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": _("%(site)s encyclopedia") % {"site": settings.SITE_NAME},
            "url": seo.absolute(request, index_url),
        },
    }
    crumbs = [(_("Home"), reverse("home")), (_("Encyclopedia"), index_url), (version.name, version.get_absolute_url())]
    return seo.scripts(
        seo.article(request, version, author=version.term.author, description=version.lede, about=defined_term),
        seo.faq_page(version.faqs.all()),
        seo.breadcrumb_list(request, crumbs),
    )


def term_detail(request, slug):
    language = request.LANGUAGE_CODE
    queryset = TermVersion.objects.visible_to(request.user).in_language(language).for_page()
    version = get_object_or_404(queryset, slug=slug)
    term = version.term
    published = TermVersion.objects.published()
    related = published.in_language(language).filter(term__referenced_by=term).for_list()
    roles = (
        CareerVersion.objects.published()
        .in_language(language)
        .filter(career__terms=term)
        .select_related("career")
        .prefetch_related("career__salary_bands")
        .order_by("title")
    )
    translations = published.filter(term=term).only("slug", "language")
    context = {
        "version": version,
        "term": term,
        "meta_title": version.title,
        "meta_description": version.lede,
        "meta_modified": version.updated_at,
        "json_ld": term_json_ld(request, version),
        "related_terms": sorted(related, key=lambda v: v.name.casefold()),
        "roles": roles,
        "alternates": entry_alternates(language, translations, "encyclopedia:index"),
        "author_bio": term.author.bio(language),
    }
    return render(request, "encyclopedia/term_detail.html", context)
