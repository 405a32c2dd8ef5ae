"""/sitemap.xml: every published page in each language it exists in, with its alternates.

Django's i18n sitemaps (`i18n`, `alternates`, `x_default`) do not fit, as tests/test_seo.py
shows: they make one item per object and language, so `lastmod` gets the object without
its language (our language versions are edited and dated on their own), and their
x-default is the default language's URL with its `/fr/` prefix cut off, a page we do not
serve (`prefix_default_language=True`), and is left out when there is no French version;
ours is the French page, or else the only one there is.
So each item is a language row, and `get_urls()` (what the sitemap view calls) adds its
alternates, from its entry's other published rows, to the `alternates` each URL hands the
sitemap template — Django's own template writes them.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch

from publishing import kinds, pagetags
from publishing.alternates import reverse_in

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def alternates_of(by_language: dict[str, str]) -> list[tuple[str, str]]:
    """{language: path} → hreflang pairs plus x-default (the French page when there is one)."""
    pairs = sorted(by_language.items())
    default = by_language.get(DEFAULT_LANGUAGE) or pairs[0][1]
    return [*pairs, ("x-default", default)]


class AlternatesSitemap(Sitemap):
    def language_alternates(self, item) -> list[tuple[str, str]]:
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            url["alternates"] = [
                {"lang_code": code, "location": f"{origin}{path}"}
                for code, path in self.language_alternates(url["item"])
            ]
        return urls


class VersionSitemap(AlternatesSitemap):
    """Published language versions of one kind of entry (publishing.kinds)."""

    priority = 0.8

    def __init__(self, kind: kinds.Kind):
        self.model, self.entry_field = kind.version, kind.entry_field

    def items(self):
        for code, _name in settings.LANGUAGES:
            pagetags.lists(kinds.of(self.model).name, code)
        siblings = Prefetch(
            f"{self.entry_field}__versions",
            queryset=self.model.objects.published().only("slug", "language", self.entry_field),
            to_attr="published_versions",
        )
        return (
            self.model.objects.published()
            .select_related(self.entry_field)
            .prefetch_related(siblings)
            .only("slug", "language", "updated_at", f"{self.entry_field}__key")
            .order_by(f"{self.entry_field}__key", "language")
        )

    def lastmod(self, item):
        return item.updated_at

    def language_alternates(self, item):
        versions = getattr(item, self.entry_field).published_versions
        return alternates_of({version.language: version.get_absolute_url() for version in versions})


class SectionSitemap(AlternatesSitemap):
    """Home pages and indexes, in every language."""

    priority = 0.6

    def items(self):
        views = ["home", *(kind.index_view for kind in kinds.all_kinds()), "downloads", "api_reference"]
        return [(view, code) for view in views for code, _name in settings.LANGUAGES]

    def location(self, item):
        view, language = item
        return reverse_in(language, view)

    def language_alternates(self, item):
        view, _language = item
        return alternates_of({code: reverse_in(code, view) for code, _name in settings.LANGUAGES})


def sitemaps() -> dict:
    """The sections, then one sitemap a kind ("terms", "careers"), once the kinds are registered."""
    return {"sections": SectionSitemap, **{f"{kind.name}s": VersionSitemap(kind) for kind in kinds.all_kinds()}}
