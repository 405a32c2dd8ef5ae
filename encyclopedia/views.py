from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, Count, Q, When
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from taggit.models import Tag

from careers.models import CareerVersion
from publishing import pagetags, seo
from publishing.alternates import Alternate, index_alternates, untranslated_notice
from publishing.listing import LETTERS, OTHER, group_by_letter
from publishing.querysets import published_q
from publishing.terminology import card
from publishing.typography import for_language
from publishing.views import EntryDetailView, former_slug_redirect

from .models import Category, TermAlias, TermVersion


def categories_with_counts(language: str):
    published_here = Q(terms__versions__language=language) & published_q("terms__versions__")
    # Explicit order: Django drops Meta.ordering from GROUP BY queries, and PostgreSQL then
    # returns the groups in whatever order the aggregate left them (found by the restore test).
    return (
        Category.objects.annotate(count=Count("terms__versions", filter=published_here))
        .filter(count__gt=0)
        .order_by("key")
    )


def tags_with_counts(language: str):
    """Tags used by published versions in `language`, with how many versions use each."""
    content_type = ContentType.objects.get_for_model(TermVersion)
    ids = TermVersion.objects.live(language).values("pk")
    used_here = Q(taggit_taggeditem_items__content_type=content_type, taggit_taggeditem_items__object_id__in=ids)
    return (
        Tag.objects.filter(used_here)
        .annotate(count=Count("taggit_taggeditem_items", filter=used_here))
        .order_by("name")
    )


INDEX_PAGE_SIZE = 100


def letter_counts(versions) -> dict[str, int]:
    rows = versions.order_by().values_list("initial").annotate(count=Count("pk"))
    return dict(rows)


def paginate_index(request, versions):
    """The page of the A–Z list asked for: `?letter=B` narrows it, `?page=` pages it."""
    letter = request.GET.get("letter", "")
    if letter not in LETTERS and letter != OTHER:
        letter = ""
    if letter:
        versions = versions.filter(initial=letter)
    ordered = versions.order_by(Case(When(initial=OTHER, then=1), default=0), "sort_name")
    paginator = Paginator(ordered, INDEX_PAGE_SIZE)
    number = request.GET.get("page") or 1
    try:
        page = paginator.page(int(number))
    except (ValueError, TypeError, PageNotAnInteger):
        page = paginator.page(1)
    except EmptyPage:
        if int(number) < 1:
            page = paginator.page(1)
        else:
            raise Http404(_("There is no such page in the index.")) from None
    return letter, page


def render_index(request, *, versions, category=None, tag=None, alternates=None):
    language = request.LANGUAGE_CODE
    pagetags.lists("term", language)
    counts = letter_counts(versions)
    letter, page = paginate_index(request, versions.for_list())
    groups = group_by_letter(page.object_list)
    context = {
        "groups": groups,
        "letters": LETTERS,
        "letter_counts": counts,
        "current_letter": letter,
        "page_obj": page,
        # One page holds everything: letters jump within it; otherwise they filter.
        "letters_are_anchors": not letter and page.paginator.num_pages == 1,
        "total": sum(counts.values()),
        "categories": categories_with_counts(language),
        "tags": tags_with_counts(language),
        "current_category": category,
        "current_tag": tag,
        "untranslated_notice": untranslated_notice(
            request, _("That entry has no version in this language yet. Here is the index of the entries that do.")
        ),
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
    return render_index(request, versions=TermVersion.objects.live(language))


def category(request, slug):
    language = request.LANGUAGE_CODE
    current = get_object_or_404(Category, **{f"slug_{language}": slug})
    versions = TermVersion.objects.live(language).filter(term__category=current)
    alternates = [Alternate(code, current.url(code)) for code, _name in settings.LANGUAGES]
    return render_index(request, versions=versions, category=current, alternates=alternates)


def tag(request, slug):
    language = request.LANGUAGE_CODE
    current = get_object_or_404(Tag, slug=slug)
    versions = TermVersion.objects.live(language).filter(tags=current)
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
    return seo.entry_scripts(request, version, section=_("Encyclopedia"), section_url=index_url, about=defined_term)


def alias_or_disambiguation(request, language, slug):
    """Another name of an entry: 301 to it, or a disambiguation page when several share it."""
    candidates = list(
        TermVersion.objects.live(language).filter(alias_rows__slug=slug).select_related("term__category").distinct()
    )
    if not candidates:
        raise Http404(_("No published entry has this address."))
    if len(candidates) == 1:
        return HttpResponsePermanentRedirect(candidates[0].get_absolute_url())
    alias = TermAlias.objects.filter(language=language, slug=slug).values_list("name", flat=True).first()
    pagetags.lists("term", language)  # a new alias row (a created child) changes who shares the name
    context = {"alias": alias, "candidates": candidates, "meta_title": alias}
    return render(request, "encyclopedia/disambiguation.html", context)


class TermDetailView(EntryDetailView):
    kind_name = "term"
    back_label = gettext_lazy("back to the encyclopedia")

    def entry_context(self, request, version, language):
        term = version.term
        related = TermVersion.objects.live(language).filter(term__referenced_by=term).for_list()
        equivalents = (
            TermVersion.objects.published()
            .filter(term=term)
            .exclude(language=language)
            .select_related("term")
            .only("name", "slug", "language", "term__key")
            .prefetch_related("designations")
            .order_by("language")
        )
        return {
            "terminology": card(version.designations.all(), equivalents),
            "json_ld": term_json_ld(request, version),
            "related_terms": sorted(related, key=lambda v: v.name.casefold()),
            "roles": CareerVersion.objects.live(language).filter(career__terms=term).with_bands(),
        }

    def contents(self, context):
        version = context["version"]
        return [
            ("definition-heading", _("definition"), True),
            ("takeaways-heading", _("key takeaways"), version.takeaways.all()),
            ("market-heading", _("the job market"), context["roles"]),
            ("faq-heading", _("frequently asked questions"), version.faqs.all()),
            ("sources-heading", _("sources"), context["sources"]),
            ("cta-heading", _("to go further"), version.cta_url),
            ("related-heading", _("related terms"), context["related_terms"]),
        ]

    def missing(self, request, language, slug):
        """A former address answers 301; another name of a term, its page or a choice."""
        renamed = former_slug_redirect(self.kind, language, slug)
        return renamed if renamed is not None else alias_or_disambiguation(request, language, slug)


term_detail = TermDetailView.as_view()


# Previews change only when an editor edits a term; five minutes of staleness is harmless.
PREVIEW_MAX_AGE = 300


@require_GET
def term_preview(request, slug):
    """A published term's name and short answer, for the link previews of other pages.

    One query whatever the term; the URL carries the language, so browsers and shared caches
    may keep the answer. Drafts never appear here, even for staff.
    """
    language = request.LANGUAGE_CODE
    version = (
        TermVersion.objects.published()
        .in_language(language)
        .filter(slug=slug)
        .only("slug", "name", "lede", "language")
        .first()
    )
    if version is None:
        raise Http404(_("No published entry has this address."))
    shown = {"name": for_language(version.name, language), "lede": for_language(version.lede, language)}
    response = JsonResponse({**shown, "url": version.get_absolute_url()})
    patch_cache_control(response, public=True, max_age=PREVIEW_MAX_AGE)
    return response
