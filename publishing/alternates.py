"""The language switch and hreflang links.

Slugs differ per language, so Django's `translate_url` (which keeps the slug) is only right
for pages without one; entry pages build their alternates from the entry's own language
rows (ARCHITECTURE.md, "The bilingual content model").
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

UNTRANSLATED_PARAM = "untranslated"


def untranslated_notice(request, message: str) -> str:
    """`message` on an index reached from a page missing in its language (`?untranslated=1`,
    the address its language switch gives), else ""."""
    return message if request.GET.get(UNTRANSLATED_PARAM) == "1" else ""


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str
    # False: no published version in that language; the link lands on its index with a notice.
    available: bool = True

    @property
    def name(self) -> str:
        return translation.get_language_info(self.language)["name_local"]

    @property
    def og_locale(self) -> str:
        from .seo import OG_LOCALES

        return OG_LOCALES.get(self.language, self.language)


def reverse_in(language: str, viewname: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


def page_alternates(request, language: str) -> list[Alternate]:
    """For pages whose URL is the same in every language but for the translated words."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        try:
            url = translate_url(request.path, code)
        except ValueError:  # a path urlsplit cannot read ("//x//%5B": an invalid IPv6 host)
            url = request.path
        if code != language and url == request.path:
            url = reverse_in(code, "home")
        alternates.append(Alternate(code, url))
    return alternates


def each_language(versions) -> list[tuple[str, object]]:
    """(code, the entry's version in that language or None) for every language of the site."""
    by_language = {version.language: version for version in versions}
    return [(code, by_language.get(code)) for code, _name in settings.LANGUAGES]


def entry_alternates(language: str, versions, index_viewname: str) -> list[Alternate]:
    """Every language's version of one entry; `versions` are its published rows."""
    alternates = []
    for code, version in each_language(versions):
        if version is not None:
            alternates.append(Alternate(code, version.get_absolute_url()))
        else:
            index = reverse_in(code, index_viewname)
            alternates.append(Alternate(code, f"{index}?{UNTRANSLATED_PARAM}=1", available=False))
    return alternates


def index_alternates(index_viewname: str) -> list[Alternate]:
    return [Alternate(code, reverse_in(code, index_viewname)) for code, _name in settings.LANGUAGES]
