"""Where an internal link points: resolved while a version's Markdown is rendered.

What editors may write is described in publishing.links; here each link becomes the
target's current address in the text's own language, or no address (broken).
"""

import contextlib
import contextvars
import functools
import re
from dataclasses import dataclass, field

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


@dataclass
class Addresses:
    """Where every entry of a bulk write (the content loader) will be, told before any of its
    versions is saved: a text that links to an entry loaded after it resolves at its first
    render, and need not be rendered again when that entry appears (publishing.services)."""

    ids: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, key) → entry id
    slugs: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (kind, language, slug) → id
    any_slug: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, slug) → id
    urls: dict[tuple[str, int, str], str] = field(default_factory=dict)  # (kind, id, language) → address

    @classmethod
    def of(cls, ids: dict[tuple[str, str], int], slugs: dict[tuple[str, int, str], str]) -> "Addresses":
        """From every entry's id by key and every version's slug by (kind, entry id, language)."""
        addresses = cls(ids=dict(ids))
        for (name, entry_id, language), slug in slugs.items():
            addresses.slugs[(name, language, slug)] = entry_id
            addresses.any_slug.setdefault((name, slug), entry_id)
            # The kind's own address for it (an unsaved row: nothing is read or written).
            url = kinds.get(name).version(slug=slug, language=language).get_absolute_url()
            addresses.urls[(name, entry_id, language)] = url
        return addresses

    def entry_id(self, name: str, ref: str, language: str) -> int | None:
        return self.ids.get((name, ref)) or self.slugs.get((name, language, ref)) or self.any_slug.get((name, ref))


_announced: contextvars.ContextVar[Addresses | None] = contextvars.ContextVar("announced_addresses", default=None)


@contextlib.contextmanager
def announced(addresses: Addresses):
    """Links resolve against `addresses` first, then against the database."""
    token = _announced.set(addresses)
    try:
        yield
    finally:
        _announced.reset(token)


def find_entry_id(name: str, ref: str, language: str) -> int | None:
    """By key, then slug in the text's language, then either language, then a former slug,
    then another name (an alias) when only one entry has it."""
    addresses = _announced.get()
    if addresses is not None and (entry_id := addresses.entry_id(name, ref, language)) is not None:
        return entry_id
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
    addresses = _announced.get()
    if addresses is not None and (url := addresses.urls.get((name, entry_id, language))):
        return Target(name, entry_id, url + fragment)
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


# Within `rendered_once()`: (text, language) → (HTML, links) of the texts rendered in the write.
_rendered: contextvars.ContextVar[dict | None] = contextvars.ContextVar("rendered_texts", default=None)


@contextlib.contextmanager
def rendered_once():
    """One write (publishing.services): a text is rendered once, for its HTML and for the links
    it holds, instead of once for each."""
    token = _rendered.set({})
    try:
        yield
    finally:
        _rendered.reset(token)


def rendered(text: str, language: str) -> tuple[str, list[FoundLink]]:
    memo = _rendered.get()
    if memo is None:
        return markdown.render(text, resolver(language), language=language)
    if (text, language) not in memo:
        memo[(text, language)] = markdown.render(text, resolver(language), language=language)
    return memo[(text, language)]


def render_markdown(text: str, *, language: str, citations: markdown.Citations | None = None) -> str:
    """A version's Markdown → sanitized HTML with its internal links at their current address
    (and its citation markers numbered, given the version's counter: publishing.sources).

    In a write (`rendered_once`), a text that may cite is not rendered without the counter:
    the write renders it once its sources are written (`sources.number_citations`, which
    renders every such text), and its links are those met then."""
    if citations is None:
        if _rendered.get() is not None and text and markdown.MARKER_HINT in text:
            return ""
        return rendered(text, language)[0]
    html, found = markdown.render(text, resolver(language), language=language, citations=citations)
    memo = _rendered.get()
    if memo is not None:
        memo.setdefault((text, language), (html, found))  # for links.store_links, later in the write
    return html


@functools.cache
def may_link(schemes: tuple[str, ...]) -> re.Pattern:
    """A text without any of these cannot hold an internal link: no need to render it to know."""
    prefixes = "|".join(re.escape(prefix) for prefix in LANGUAGE_PREFIXES)
    network_paths = r"(?<![:/\\])[/\\]\s*[/\\]"  # "//host", "/\\host", not "https://"
    return re.compile("|".join([*(re.escape(f"{scheme}:") for scheme in schemes), prefixes, network_paths]))


def markdown_links(text: str, language: str) -> list[FoundLink]:
    if not text or not may_link(kinds.names()).search(text):
        return []
    return rendered(text, language)[1]
