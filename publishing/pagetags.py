"""The entries and lists a page shows, collected while it renders (issue 16).

The page cache stores each page with these tags and refreshes it when a change names one
of them (publishing.changes); `Cache-Tag` headers send them to a CDN.

A page shows an entry when it links to it: every list of entries (related terms, roles,
"referenced in", roadmap phases, A–Z index, home) and the entry's own canonical address go
through `EntryVersion.url_in_own_language`, which reports the version here. Nothing is
queried: the entry's key is read only when the version was loaded with its entry (the
page's querysets select it); a version loaded without it is left out. Outside
`collecting()` (the page cache's renders), reporting does nothing. A page that draws a
list of entries by query (an index, a category or tag page, the home, a feed, a sitemap)
says so with `lists(kind, language)`: a new, deleted, renamed or (un)published entry of
that kind and language changes what it holds.
"""

import contextlib
import contextvars

from . import changes, kinds

_shown: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("pagetags_shown", default=None)


@contextlib.contextmanager
def collecting():
    """`with collecting() as shown:` render a page; `shown` then holds its tags
    ("term:<key>", "list:term:fr")."""
    shown: set[str] = set()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def shown(version) -> None:
    """The page being rendered shows `version`'s entry."""
    record(version, changes.entry_tag)


def entry_page(version) -> None:
    """The page being rendered is `version`'s own page: it lists the entries related to it
    and those that reference it, so a change to those relations refreshes it."""
    record(version, changes.page_tag)


def record(version, tag) -> None:
    """`tag(kind, key)` of `version`'s entry, when collecting and the entry is loaded (no query)."""
    tags = _shown.get()
    entry = version._state.fields_cache.get(version.entry_field)
    if tags is not None and entry is not None:
        tags.add(tag(kinds.of(version).name, entry.key))


def lists(kind_name: str, language: str) -> None:
    """The page being rendered lists the published entries of a kind in a language."""
    tags = _shown.get()
    if tags is not None:
        tags.add(changes.list_tag(kind_name, language))
