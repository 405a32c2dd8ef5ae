"""The entries a page shows, collected while it renders (issue 16: Cache-Tag headers).

A page shows an entry when it links to it: every list of entries (related terms, roles,
"referenced in", roadmap phases, A–Z index, home) and the entry's own canonical address go
through `EntryVersion.url_in_own_language`, which reports the version here. Nothing is
queried: the entry's key is read only when the version was loaded with its entry (the
page's querysets select it); a version loaded without it is left out. Outside
`collecting()` (the page cache's renders), reporting does nothing.
"""

import contextlib
import contextvars

from . import kinds

_shown: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("pagetags_shown", default=None)


@contextlib.contextmanager
def collecting():
    """`with collecting() as shown:` render a page; `shown` then holds "term:<key>" tags."""
    shown: set[str] = set()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def shown(version) -> None:
    """The page being rendered shows `version`'s entry."""
    tags = _shown.get()
    if tags is None:
        return
    entry = version._state.fields_cache.get(version.entry_field)
    if entry is not None:
        tags.add(f"{kinds.of(version).name}:{entry.key}")
