"""The entry page skeleton both kinds share: find the language version, fall back to a
former address, build what every entry page shows, keep drafts out of shared caches."""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from . import kinds, pagetags, review, sources
from .alternates import entry_alternates, reverse_in
from .citation import cite
from .links import referenced_in
from .workflow import outdated_source

PRIVATE = "private, no-store"


def mark_private(response):
    """For responses that must never be shared: draft previews, staff pages."""
    response["Cache-Control"] = PRIVATE
    return response


def former_slug_redirect(kind: kinds.Kind, language: str, slug: str):
    """A renamed entry's old address: 301 to its current one in the same language, or None."""
    entry_id = (
        kind.former_slug.objects.filter(language=language, slug=slug)
        .values_list(f"{kind.entry_field}_id", flat=True)
        .first()
    )
    if entry_id is None:
        return None
    version = (
        kind.version.objects.live(language)
        .filter(**{f"{kind.entry_field}_id": entry_id})
        .only("slug", "language")
        .first()
    )
    return HttpResponsePermanentRedirect(version.get_absolute_url()) if version else None


class EntryDetailView(View):
    """One entry in the page's language; staff also see drafts (never cached).

    Subclasses name their kind and add what only their page shows (`entry_context`);
    `missing` answers an address no version has. The template is `<app>/<kind>_detail.html`."""

    kind_name = ""
    back_label = ""

    @property
    def kind(self) -> kinds.Kind:
        return kinds.get(self.kind_name)

    def get(self, request, slug):
        language = request.LANGUAGE_CODE
        kind = self.kind
        queryset = kind.version.objects.visible_to(request.user).in_language(language).for_page()
        version = queryset.filter(slug=slug).first()
        if version is None:
            return self.missing(request, language, slug)
        entry = version.entry
        pagetags.entry_page(version)
        today = timezone.localdate()
        translations = list(
            kind.version.objects.published().filter(**{kind.entry_field: entry}).only("slug", "language", "revision")
        )
        context = {
            "version": version,
            kind.entry_field: entry,
            "index_url": reverse_in(language, kind.index_view),
            "back_label": self.back_label,
            "meta_title": version.title,
            "meta_description": version.description,
            "meta_modified": version.updated_at,
            "alternates": entry_alternates(language, translations, kind.index_view),
            "author_bio": entry.author.bio(language),
            "referenced_in": referenced_in(kind.name, entry, language),
            "translation_source": outdated_source(version, translations),
            # Time-based, like a band turning stale: on the page cache's schedule (review.coming_due).
            "unchecked_since": review.last_checked(version) if review.is_overdue(version, today) else None,
            "citation": cite(
                version, site=settings.SITE_NAME, url=request.build_absolute_uri(request.path), today=today
            ),
            "sources": sources.listed(version),
            **self.entry_context(request, version, language),
        }
        blocks = [*self.contents(context), ("cite-heading", _("cite this page"), True)]  # every page ends with it
        context["contents"] = [(anchor, label) for anchor, label, shown in blocks if shown]
        template = f"{kind.entry._meta.app_label}/{kind.name}_detail.html"
        response = render(request, template, context)
        return response if version.is_published else mark_private(response)

    def entry_context(self, request, version, language) -> dict:
        return {}

    def contents(self, context) -> list[tuple[str, str, object]]:
        """The table of contents: (heading id, label, whether the page shows that block), in
        page order; a kind lists its blocks, their conditions the same as its template's."""
        return []

    def missing(self, request, language: str, slug: str):
        redirect = former_slug_redirect(self.kind, language, slug)
        if redirect is None:
            raise Http404(_("No published entry has this address."))
        return redirect
