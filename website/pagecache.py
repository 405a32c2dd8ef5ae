"""Anonymous page cache: whole public pages kept in Django's cache, refreshed on every change.

Why a middleware of our own rather than `cache_page`: `cache_page` keys on cookies and
headers, cannot tell a reader from a staff member before rendering, and expires only by
timeout. Here (performance issue):

- Only anonymous GET/HEAD requests for public pages are served from or written into the
  cache: a request carrying a session cookie (staff, editors) always reaches the view and
  gets `Cache-Control: private, no-store`; a draft preview marks its response private
  (`mark_private`) and is never stored.
- Invalidation is one *content generation* number kept in the cache. Saving or deleting
  any content row (entries, versions, inlines, aliases, authors, categories, salary bands,
  tags and their links) bumps it (`website.apps` connects the signals), so every page
  of both languages refreshes at once, without waiting for a timeout. Each stored page
  records the generation it was rendered at and is ignored when they differ.
- Each process keeps the generation and its most recent pages in front of the shared cache
  (`Local`), so a hit makes no network round trip; it reads the shared generation again
  every half second, so a change made by another process shows within 0.5 s (at once in
  the process that made it).
- A hit costs no SQL query and skips sessions, URL resolving, the view and the template.
- Conditional GET: every cacheable page carries an `ETag` (a hash of its bytes); a hit whose
  `If-None-Match` matches answers `304` without rendering anything. Django's helpers
  (`set_response_etag`, `get_conditional_response`) make the tag and the answer.
- `page_lifetime()` is the one place that decides how long a page may be kept.
"""

import contextlib
import functools
import hashlib
import math
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag

from publishing import kinds
from publishing.views import mark_private
from publishing.workflow import next_scheduled_publication

from .views import SEARCH_PATH

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page:"
SCHEDULE_KEY = "pagecache:next-scheduled:"
# How long the server keeps a page when nothing changes: invalidation is explicit, so this
# only bounds what can change with time alone (salary bands turning stale after a year).
SERVER_LIFETIME = 600
# What browsers and the reverse proxy (deploy/nginx.conf micro-cache) may reuse without
# asking again: a published change reaches every reader within this many seconds.
PUBLIC_MAX_AGE = 10
# Query parameters of cacheable pages (index paging and letters, the untranslated notice);
# any other parameter (search, junk) bypasses the cache so nobody can fill it at will.
CACHEABLE_PARAMS = frozenset({"page", "letter", "untranslated"})
# Each process's front of the shared cache (class Local).
GENERATION_CHECK = 0.5
LOCAL_PAGES = 500
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def page_lifetime(generation: int | None = None) -> int:
    """Seconds a public page may be kept by the server cache, from now.

    The one place that decides it. Content changes on a save bump the generation; content
    that changes on a clock (scheduled publishing, editorial workflow) caps the lifetime at
    the seconds left until the next scheduled publication, so a page stored just before
    that moment expires exactly when the new entry goes live, in every index, alternate,
    sitemap and feed. The public `max-age` is never longer than this (`public_max_age`).
    """
    upcoming = next_publication(generation if generation is not None else current_generation())
    if upcoming is None:
        return SERVER_LIFETIME
    return max(0, min(SERVER_LIFETIME, math.floor(upcoming - time.time())))


# Stored when nothing is scheduled, so "nothing" is remembered too.
NOTHING_SCHEDULED = 0.0


def next_publication(generation: int) -> float | None:
    """When the next scheduled version goes live (a timestamp), or None.

    Asked once per generation and shared by every process (two queries): any save bumps
    the generation, and a remembered date that has passed is asked again."""
    key = f"{SCHEDULE_KEY}{generation}"
    remembered = cache.get(key)
    if remembered == NOTHING_SCHEDULED:
        return None
    if remembered is not None and remembered > time.time():
        return remembered
    upcoming = next_scheduled_publication()
    value = upcoming.timestamp() if upcoming is not None else NOTHING_SCHEDULED
    cache.set(key, value, SERVER_LIFETIME)
    return upcoming.timestamp() if upcoming is not None else None


def public_max_age(lifetime: int) -> int:
    return max(0, min(PUBLIC_MAX_AGE, lifetime))


def new_generation() -> int:
    # Milliseconds: a generation recreated after a cache flush never repeats an old one.
    return int(time.time() * 1000)


class Local:
    """What one process keeps in front of the shared cache, so that a hit needs no network
    round trip: the generation, read again at most every GENERATION_CHECK seconds (and set
    at once when this process bumps it), and its LOCAL_PAGES most recent pages. Another
    process's change therefore shows here within GENERATION_CHECK seconds."""

    generation: int | None = None
    checked: float = 0.0
    pages: dict = {}


def forget_local() -> None:
    Local.generation, Local.checked, Local.pages = None, 0.0, {}


def current_generation() -> int:
    """The shared generation (created when missing: first start, flush, cull), cached here."""
    now = time.monotonic()
    if Local.generation is not None and now - Local.checked < GENERATION_CHECK:
        return Local.generation
    stored = cache.get(GENERATION_KEY)
    if stored is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        stored = cache.get(GENERATION_KEY)
    Local.generation, Local.checked = stored, now
    return stored


def bump_generation() -> None:
    """Every cached page of every language becomes stale at once."""
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = new_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
    Local.generation, Local.checked = generation, time.monotonic()


def fresh(entry, generation: int) -> bool:
    """A stored page is served only if rendered at the current generation and not past its lifetime."""
    return entry is not None and entry[0] == generation and entry[4] > time.time()


def remember(key: str, entry) -> None:
    """Keep a page in this process; the oldest goes when full (dict order is insertion order)."""
    pages = Local.pages
    pages[key] = entry
    if len(pages) > LOCAL_PAGES:
        with contextlib.suppress(KeyError, StopIteration, RuntimeError):  # another thread got there first
            del pages[next(iter(pages))]


def content_changed(sender, **kwargs) -> None:
    """Signal receiver: a content row changed. Bump now, and once more when the transaction
    commits (registered once per transaction), so that a page another process rendered from
    the old rows in between is not kept."""
    bump_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is bump_generation for _savepoints, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(bump_generation)


def content_models():
    """Every model whose rows a public page shows, with the auto-created m2m tables: the
    base's, those of every app that registered a kind of entry, and django-taggit's tags."""
    labels = {"publishing", "taggit", *(kind.entry._meta.app_label for kind in kinds.all_kinds())}
    for label in sorted(labels):
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


@functools.cache
def search_prefixes() -> tuple[str, ...]:
    """`/fr/recherche/`, `/en/search/`: translated, so computed on first use."""
    prefixes = []
    for code in sorted(LANGUAGE_CODES):
        with translation.override(code):
            prefixes.append(f"/{code}/{SEARCH_PATH}")
    return tuple(prefixes)


def public_path(path: str) -> bool:
    """Pages under a language prefix (`/fr/…`, `/en/…`), except search results: their
    query strings are unbounded and robots.txt keeps them out of the index anyway."""
    if path[:1] != "/" or path[3:4] != "/" or path[1:3] not in LANGUAGE_CODES:
        return False
    return not path.startswith(search_prefixes())


def page_key(request) -> str:
    # Scheme and host are part of the page (canonical and hreflang URLs are absolute).
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return KEY_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


class PageCacheMiddleware:
    """Place after SecurityMiddleware and WhiteNoise, before the session middleware: a hit
    then skips everything below it but still gets the security headers on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if not settings.PAGE_CACHE:
            return self.get_response(request)
        if self.session_cookie in request.COOKIES:
            return self.private(request)
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        generation = current_generation()
        entry = Local.pages.get(key)
        if not fresh(entry, generation):
            entry = cache.get(key)
            if fresh(entry, generation):
                remember(key, entry)
        if fresh(entry, generation):
            return self.from_entry(request, entry)
        response = self.get_response(request)
        self.store(request, response, key, generation)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def private(self, request):
        """Signed-in people (staff previewing drafts) are never served from or into the cache."""
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and public_path(request.path):
            mark_private(response)
        return response

    @staticmethod
    def cacheable_request(request) -> bool:
        if request.method not in ("GET", "HEAD") or not public_path(request.path):
            return False
        return all(name in CACHEABLE_PARAMS for name in request.GET)

    @staticmethod
    def store(request, response, key, generation) -> None:
        if (
            request.method != "GET"
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return
        lifetime = page_lifetime(generation)
        set_response_etag(response)  # strong: a hash of the bytes
        response["Cache-Control"] = f"public, max-age={public_max_age(lifetime)}"
        if lifetime <= 0:
            return
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        entry = (generation, response.status_code, headers, response.content, time.time() + lifetime)
        cache.set(key, entry, lifetime)
        remember(key, entry)

    @staticmethod
    def from_entry(request, entry):
        _generation, status, headers, content, _expires = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        # If-None-Match is compared weakly (RFC 9110 13.1.2), as nginx's gzip turns our strong
        # tag into `W/"…"`; a match answers 304 with the cache headers and no body.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
