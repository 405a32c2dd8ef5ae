"""Anonymous page cache: whole public pages kept in Django's cache, refreshed on every change.

Why a middleware of our own rather than `cache_page`: `cache_page` keys on cookies and
headers, cannot tell a reader from a staff member before rendering, and expires only by
timeout. Here (performance issue):

- Only anonymous GET/HEAD requests for public pages are served from or written into the
  cache: a request carrying a valid staff session (website.staffsession) always reaches the
  view and gets `Cache-Control: private, no-store`; any other session cookie (forged,
  expired) is dropped and the request served as an anonymous one; a draft preview marks its
  response private (`mark_private`) and is never stored.
- Parameters that do not change a page do not change its key (website.pagequery, issue 16).
- Redis down or slow: pages are built from the database, never a 5xx (website.sharedcache).
- Every cacheable page names the entries it shows in `Cache-Tag` / `Surrogate-Key`
  (publishing.pagetags), so a CDN can purge by entry.
- Invalidation follows what each page shows. A page is stored with the tags it showed
  (the entries it links to, the lists it draws from: publishing.pagetags) and their
  versions (website.invalidation). A change names the pages it makes stale
  (publishing.changes: an entry saved through the write path names itself, the entries
  that list it back, and its kind's lists when its place in them changed; a FAQ or a
  phase names its entry); those tags get new versions and only the pages showing them
  are rendered again. `website.apps` connects the signals.
- A change that belongs to no entry (an author, a category, a bulk import) bumps the
  *content generation* instead: every page of both languages refreshes at once. Each
  stored page records the generation it was rendered at and is ignored when they differ.
- Each process keeps the generation, the tag versions it has read and its most recent
  pages in front of the shared cache (`Local`, `invalidation.Seen`), so a hit makes no
  network round trip; it reads the shared generation and change counter again every half
  second, so a change made by another process shows within 0.5 s (at once in the process
  that made it).
- A hit costs no SQL query and skips sessions, URL resolving, the view and the template.
- Conditional GET: every cacheable page carries an `ETag` (a hash of its bytes); a hit whose
  `If-None-Match` matches answers `304` without rendering anything. Django's helpers
  (`set_response_etag`, `get_conditional_response`) make the tag and the answer.
- `page_lifetime()` is the one place that decides how long a page may be kept.
"""

import contextlib
import datetime
import functools
import hashlib
import math
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import urlencode

from publishing import changes, kinds, pagetags, review
from publishing.views import mark_private
from publishing.workflow import scheduled_until

from . import invalidation, sharedcache, staffsession
from .pagequery import CACHEABLE_PARAMS, RecordedQuery, clean_query, proxy_key_is_exact
from .views import SEARCH_PATH

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page:"
SCHEDULE_KEY = "pagecache:next-scheduled:"
READS_KEY = "pagecache:reads:"
# How long the server keeps a page when nothing changes: invalidation is explicit, so this
# only bounds what changes with time and is not on the schedule (pagecache.schedule).
SERVER_LIFETIME = 600
# What browsers and the reverse proxy (deploy/nginx.conf micro-cache) may reuse without
# asking again: a published change reaches every reader within this many seconds.
PUBLIC_MAX_AGE = 10
# Each process's front of the shared cache (class Local).
GENERATION_CHECK = 0.5
LOCAL_PAGES = 500
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def page_lifetime(generation: int | None = None, tags=None) -> int:
    """Seconds a public page showing `tags` may be kept by the server cache, from now.

    The one place that decides it. Content changes on a save refresh the pages they show
    on; content that changes on a clock (scheduled publishing) caps the lifetime of the
    pages the publication changes (its entry's, its lists, the pages that list it back)
    at the seconds left until it goes live, so such a page expires exactly then and every
    other page keeps its full lifetime. `tags` None: any publication counts. The public
    `max-age` is never longer than this (`public_max_age`).
    """
    now = time.time()
    for moment, changed in schedule(generation if generation is not None else current_generation()):
        if moment > now and (tags is None or not changed.isdisjoint(tags)):
            return max(0, min(SERVER_LIFETIME, math.floor(moment - now)))
    return SERVER_LIFETIME


# How far ahead the schedule looks, and how long it is remembered: a page stored before
# the schedule is asked again still expires before anything beyond the horizon goes live.
SCHEDULE_MEMORY = 60
SCHEDULE_HORIZON = SERVER_LIFETIME + SCHEDULE_MEMORY


def schedule(generation: int | None) -> list[tuple[float, frozenset[str]]]:
    """The publications (and other changes on the clock: `Entry.changes_on_clock`) due
    within SCHEDULE_HORIZON seconds: (timestamp, the tags of the pages each changes),
    earliest first.

    Shared by every process and asked again after any change (the key holds the generation
    and the change counter), after SCHEDULE_MEMORY seconds, or once its first moment has
    passed. Without a generation (the shared cache does not answer), asked every time."""
    key = f"{SCHEDULE_KEY}{generation}:{invalidation.Seen.changes}"
    try:
        remembered = sharedcache.get(key) if generation is not None else None
    except sharedcache.Unavailable:
        remembered = None
    if remembered is not None and (not remembered or remembered[0][0] > time.time()):
        return remembered
    horizon = timezone.now() + datetime.timedelta(seconds=SCHEDULE_HORIZON)
    upcoming = [
        (version.published_at.timestamp(), frozenset(changes.version_tags(version, listing_changed=True)))
        for version in scheduled_until(horizon)
    ]
    now = timezone.now()
    for kind in kinds.all_kinds():  # what turns on the clock: a salary band going stale, a review due
        for moment, entry in kind.entry.changes_on_clock(now, horizon):
            upcoming.append((moment.timestamp(), frozenset(changes.entry_tags(kind, entry))))
        for moment, version in review.coming_due(kind.version, now, horizon):  # the notice: its own page
            upcoming.append((moment.timestamp(), frozenset({changes.page_tag(kind.name, version.entry.key)})))
    upcoming.sort(key=lambda due: due[0])
    if generation is not None:
        with contextlib.suppress(sharedcache.Unavailable):
            sharedcache.call("set", key, upcoming, SCHEDULE_MEMORY)
    return upcoming


def public_max_age(lifetime: int) -> int:
    return max(0, min(PUBLIC_MAX_AGE, lifetime))


class Local:
    """What one process keeps in front of the shared cache, so that a hit needs no network
    round trip: the generation, read again at most every GENERATION_CHECK seconds (and set
    at once when this process bumps it), and its LOCAL_PAGES most recent pages. Another
    process's change therefore shows here within GENERATION_CHECK seconds."""

    generation: int | None = None
    checked: float = 0.0
    pages: dict = {}
    reads: dict = {}  # (generation, page) → the parameters its view reads
    # A change saved while the shared cache did not answer: bump as soon as it answers.
    pending_bump: bool = False


def forget_local() -> None:
    Local.generation, Local.checked, Local.pages, Local.reads = None, 0.0, {}, {}
    Local.pending_bump = False
    invalidation.forget()


def drop_local_pages(tags: frozenset[str] | None) -> None:
    """Forget the pages this process keeps that show one of `tags` (None: all of them)."""
    if tags is None:
        Local.pages = {}
        return
    for key, entry in list(Local.pages.items()):
        if not tags.isdisjoint(entry[1]):
            Local.pages.pop(key, None)


def current_generation() -> int | None:
    """The shared generation (created when missing: first start, flush, cull), cached here;
    None while the shared cache does not answer: nothing is then served from it or stored."""
    now = time.monotonic()
    known = Local.generation is not None and invalidation.Seen.changes is not None
    if known and now - Local.checked < GENERATION_CHECK:
        return Local.generation
    try:
        stored = sharedcache.counter(GENERATION_KEY)
        if Local.pending_bump:
            stored = sharedcache.increment(GENERATION_KEY)
            Local.pending_bump = False
        if stored != Local.generation:
            Local.pages = {}
        invalidation.catch_up(invalidation.counter(), drop_local_pages)
    except sharedcache.Unavailable:
        Local.generation, Local.pages = None, {}
        invalidation.forget()
        return None
    Local.generation, Local.checked = stored, now
    return stored


def bump_generation() -> None:
    """Every cached page of every language becomes stale at once. When the shared cache does
    not answer, this process forgets its pages and bumps when it answers again (a process
    that stops before then leaves the others' pages to expire with SERVER_LIFETIME)."""
    try:
        generation = sharedcache.increment(GENERATION_KEY)
    except sharedcache.Unavailable:
        forget_local()
        Local.pending_bump = True
        return
    Local.generation, Local.checked = generation, time.monotonic()


def bump_tags(tags: frozenset[str]) -> None:
    """The pages showing one of `tags` become stale, in every process; the others stay.
    When the shared cache does not answer, fall back to `bump_generation`."""
    try:
        invalidation.bump(tags, SERVER_LIFETIME)
    except sharedcache.Unavailable:
        bump_generation()
        return
    drop_local_pages(tags)


def fresh(entry, generation: int) -> bool:
    """A stored page is served only if rendered at the current generation, not past its
    lifetime, and none of the tags it showed has changed since."""
    return entry is not None and entry[0] == generation and entry[5] > time.time() and invalidation.current(entry[1])


def remember(key: str, entry) -> None:
    """Keep a page in this process; the oldest goes when full (dict order is insertion order)."""
    pages = Local.pages
    pages[key] = entry
    if len(pages) > LOCAL_PAGES:
        with contextlib.suppress(KeyError, StopIteration, RuntimeError):  # another thread got there first
            del pages[next(iter(pages))]


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


def page_key(request, query: dict[str, str] | None = None) -> str:
    """The request's page (its cleaned query string), or the same path with `query`."""
    # Scheme and host are part of the page (canonical and hreflang URLs are absolute).
    path = request.get_full_path() if query is None else encoded_path(request.path, query)
    raw = f"{request.scheme}://{request.get_host()}{path}"
    return KEY_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def encoded_path(path: str, query: dict[str, str]) -> str:
    return f"{path}?{urlencode(sorted(query.items()))}" if query else path


def reads_key(request, generation: int) -> str:
    raw = f"{generation}:{request.scheme}://{request.get_host()}{request.path}"
    return READS_KEY + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def known_reads(request, generation: int | None) -> frozenset | None:
    """The parameters this page's view read when it was last rendered, if known."""
    if generation is None:
        return None
    key = reads_key(request, generation)
    reads = Local.reads.get(key)
    if reads is None:
        with contextlib.suppress(sharedcache.Unavailable):
            reads = sharedcache.get(key)
    return reads


def remember_reads(request, generation: int, reads: frozenset) -> None:
    key = reads_key(request, generation)
    Local.reads[key] = reads
    if len(Local.reads) > LOCAL_PAGES:
        Local.reads.clear()
    with contextlib.suppress(sharedcache.Unavailable):
        sharedcache.call("set", key, reads, SERVER_LIFETIME)


def drop_vary_cookie(response) -> None:
    """A public page is the same whatever cookie comes with it: staff sessions never get it
    (they get `private, no-store`), every other cookie is ignored. `Vary: Cookie` (added
    because the templates look at `request.user`) would make nginx and browsers keep one
    copy per cookie value, so a made-up cookie would walk past their caches."""
    vary = [name.strip() for name in response.get("Vary", "").split(",") if name.strip()]
    kept = [name for name in vary if name.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


class PageCacheMiddleware:
    """Place after SecurityMiddleware and WhiteNoise, before the session middleware: a hit
    then skips everything below it but still gets the security headers on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD") or not public_path(request.path):
            return self.get_response(request)
        cookie = request.COOKIES.get(self.session_cookie)
        if cookie is not None:
            if staffsession.is_staff_session(cookie):
                return self.private(request)
            del request.COOKIES[self.session_cookie]  # not staff: the anonymous page
        query = clean_query(request.GET)
        if not proxy_key_is_exact(request.META.get("QUERY_STRING", "")):
            return HttpResponsePermanentRedirect(encoded_path(request.path, query))
        generation = current_generation()
        reads = known_reads(request, generation) if query else None
        if reads is not None:
            query = {name: value for name, value in query.items() if name in reads}
        request.META["QUERY_STRING"] = urlencode(sorted(query.items()))
        request.GET = RecordedQuery(request.META["QUERY_STRING"], encoding=request.encoding)
        key = page_key(request)
        entry = self.lookup(key, generation)
        if entry is not None:
            return self.from_entry(request, entry)
        started = invalidation.Seen.changes  # a tag changed after this: the page is not kept
        with pagetags.collecting() as shown:
            response = self.get_response(request)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            invalidation.tag(response, shown)
        if generation is not None:
            read = frozenset(request.GET.reads & CACHEABLE_PARAMS)
            if query and reads is None:
                remember_reads(request, generation, read)
            key = page_key(request, {name: value for name, value in query.items() if name in read})
        self.store(request, response, key, generation, invalidation.recorded(shown, started))
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    @staticmethod
    def lookup(key: str, generation: int | None):
        """The stored page, fresh at `generation`: this process's copy, else the shared one."""
        if generation is None:
            return None
        entry = Local.pages.get(key)
        if fresh(entry, generation):
            return entry
        try:
            entry = sharedcache.get(key)
        except sharedcache.Unavailable:
            return None
        if fresh(entry, generation):
            remember(key, entry)
            return entry
        return None

    def private(self, request):
        """Signed-in staff (previewing drafts) are never served from or into the cache."""
        response = self.get_response(request)
        mark_private(response)
        return response

    @staticmethod
    def store(request, response, key, generation, tags) -> None:
        """ETag and public Cache-Control on a cacheable page; kept when the shared cache answers
        (`generation`) and none of its `tags` changed while it rendered (`recorded`), else
        built from the database and only sent."""
        if (
            request.method != "GET"
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return
        lifetime = page_lifetime(generation, tags)
        set_response_etag(response)  # strong: a hash of the bytes
        response["Cache-Control"] = f"public, max-age={public_max_age(lifetime)}"
        response["X-Page-Cache"] = "miss"  # "hit" when served from the cache (`from_entry`)
        drop_vary_cookie(response)
        if lifetime <= 0 or generation is None or tags is None:
            return
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        entry = (generation, tags, response.status_code, headers, response.content, time.time() + lifetime)
        with contextlib.suppress(sharedcache.Unavailable):
            sharedcache.call("set", key, entry, lifetime)
        remember(key, entry)

    @staticmethod
    def from_entry(request, entry):
        _generation, _tags, status, headers, content, _expires = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        # If-None-Match is compared weakly (RFC 9110 13.1.2), as nginx's gzip turns our strong
        # tag into `W/"…"`; a match answers 304 with the cache headers and no body.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
