"""Where an internal link points: resolved while a version's Markdown is rendered.

What editors may write is described in publishing.links; here each link becomes the
target's current address in the text's own language, or no address (broken).
"""

import functools
import re
from dataclasses import dataclass

from django.urls import Resolver404
from django.urls import resolve as resolve_path
from django.utils import translation

from . import kinds, markdown
from .markdown import FoundLink
from .validators import is_network_path

LANGUAGE_PREFIXES = ("/fr/", "/en/")


@dataclass(frozen=True)
class Target:
    kind: str = ""
    entry_id: int | None = None
    url: str = ""  # empty: broken


def is_internal(href: str) -> bool:
    """An entry (`term:key`), a site path, or what looks like one but leaves the site
    ("/\\host", "//host": publishing.validators), which resolves to nothing: reported broken."""
    scheme = href.split(":", 1)[0]
    return (scheme in kinds.names() and ":" in href) or href.startswith(LANGUAGE_PREFIXES) or is_network_path(href)


def split_fragment(href: str) -> tuple[str, str]:
    base, hash_, fragment = href.partition("#")
    return base.split("?", 1)[0], f"{hash_}{fragment}"


def find_entry_id(name: str, ref: str, language: str) -> int | None:
    """By key, then slug in the text's language, then either language, then a former slug,
    then another name (an alias) when only one entry has it."""
    kind = kinds.get(name)
    entry_id = kind.entry.objects.filter(key=ref).values_list("pk", flat=True).first()
    if entry_id is not None:
        return entry_id
    field = f"{kind.entry_field}_id"
    versions = kind.version.objects.filter(slug=ref)
    row = versions.filter(language=language).values_list(field, flat=True).first()
    row = row or versions.values_list(field, flat=True).first()
    row = row or kind.former_slug.objects.filter(slug=ref).values_list(field, flat=True).first()
    if row is None:
        named = kind.version.entry_ids_by_alias(ref)
        row = named[0] if len(named) == 1 else None
    return row


def entry_target(name: str, entry_id: int | None, language: str, fragment: str = "") -> Target:
    if entry_id is None:
        return Target(name)
    kind = kinds.get(name)
    version = (
        kind.version.objects.filter(**{f"{kind.entry_field}_id": entry_id}, language=language)
        .only("slug", "language")
        .first()
    )
    return Target(name, entry_id, version.get_absolute_url() + fragment if version else "")


def resolve_site_path(path: str, fragment: str, language: str) -> Target:
    path_language = path[1:3]
    try:
        with translation.override(path_language):
            match = resolve_path(path)
    except Resolver404:
        return Target()
    kind = kinds.by_detail_view(match.view_name)
    if kind is None:
        return Target(url=path + fragment)  # another page of the site (an index, the home page)
    slug = match.kwargs.get("slug", "")
    return entry_target(kind.name, find_entry_id(kind.name, slug, path_language), language, fragment)


def resolve(href: str, language: str) -> Target:
    if is_network_path(href):
        return Target()
    base, fragment = split_fragment(href.strip())
    scheme, _colon, ref = base.partition(":")
    if scheme in kinds.names() and ref:
        return entry_target(scheme, find_entry_id(scheme, ref.strip("/"), language), language, fragment)
    return resolve_site_path(base, fragment, language)


def resolver(language: str):
    """The Markdown renderer's link resolver for a text in `language`."""

    def resolve_link(href: str) -> FoundLink | None:
        if not is_internal(href):
            return None
        target = resolve(href, language)
        return FoundLink(href, "", target.kind, target.entry_id, target.url)

    return resolve_link


def render_markdown(text: str, *, language: str, citations: markdown.Citations | None = None) -> str:
    """A version's Markdown → sanitized HTML with its internal links at their current address
    (and its citation markers numbered, given the version's counter: publishing.sources)."""
    return markdown.render(text, resolver(language), language=language, citations=citations)[0]


@functools.cache
def may_link(schemes: tuple[str, ...]) -> re.Pattern:
    """A text without any of these cannot hold an internal link: no need to render it to know."""
    prefixes = "|".join(re.escape(prefix) for prefix in LANGUAGE_PREFIXES)
    network_paths = r"(?<![:/\\])[/\\]\s*[/\\]"  # "//host", "/\\host", not "https://"
    return re.compile("|".join([*(re.escape(f"{scheme}:") for scheme in schemes), prefixes, network_paths]))


def markdown_links(text: str, language: str) -> list[FoundLink]:
    if not text or not may_link(kinds.names()).search(text):
        return []
    return markdown.render(text, resolver(language))[1]
