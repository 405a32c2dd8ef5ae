"""Tag versions: how the page cache knows which stored pages a change made stale (issue 16).

A stored page records the tags it showed (publishing.pagetags: `term:<key>`,
`list:term:fr`) with the version each tag had when it was rendered. A change names tags
(publishing.changes) and gives each a new version, so exactly the pages that show one of
them stop being served; every other stored page stays.

- The versions are values of one shared counter (`CHANGES_KEY`, incremented per change):
  a page rendered at counter `c` whose tags all still have a version ≤ `c` shows what is
  current. A tag never changed has version 0 and no key; tag keys never expire, so a
  Redis that must evict should use `volatile-lru` (README): pages expire, tags do not.
- Each change is also logged under its counter value for SERVER_LIFETIME seconds. Every
  process reads the counter at most every GENERATION_CHECK seconds and, when it moved,
  reads the log and drops the tags named there, and the pages it keeps that show them, from
  its own memory (`Seen`). So a page kept in a process is served with no round trip, and a
  change reaches every process within GENERATION_CHECK seconds.
- A render reads the counter before it starts; a tag changed while it rendered has a
  newer version, and that page is not stored (the next request renders it again).
"""

from . import sharedcache

CHANGES_KEY = "pagecache:changes"
TAG_KEY = "pagecache:tag:"
LOG_KEY = "pagecache:change:"
# A process further behind than this forgets everything it keeps rather than read the log.
MAX_CATCH_UP = 200


class Seen:
    """What this process knows: the last change it applied, and tag versions it has read."""

    changes: int | None = None
    tags: dict[str, int] = {}


def forget() -> None:
    Seen.changes, Seen.tags = None, {}


def counter() -> int:
    """The shared change counter. Raises sharedcache.Unavailable."""
    return sharedcache.counter(CHANGES_KEY)


def catch_up(current: int, drop_pages) -> None:
    """Apply the changes logged since this process last looked: forget their tags and call
    `drop_pages(tags)` (None: every page) for the pages it keeps. Raises Unavailable."""
    seen = Seen.changes
    if seen is None or current < seen or current - seen > MAX_CATCH_UP:
        Seen.tags = {}
        drop_pages(None)
        Seen.changes = current
        return
    if current == seen:
        return
    numbers = range(seen + 1, current + 1)
    logged = sharedcache.call("get_many", [f"{LOG_KEY}{n}" for n in numbers])
    applied = seen
    for n in numbers:
        tags = logged.get(f"{LOG_KEY}{n}")
        if tags is None:
            if n == current:
                break  # the change that wrote the counter has not written its log yet
            Seen.tags = {}  # lost (a flush): start again
            drop_pages(None)
            applied = current
            break
        forget_tags(tags)
        drop_pages(frozenset(tags))
        applied = n
    Seen.changes = applied


def forget_tags(tags) -> None:
    for name in tags:
        Seen.tags.pop(name, None)


def versions(tags) -> dict[str, int]:
    """The current version of each tag: this process's copy, else the shared one (one
    round trip for all it lacks). Raises Unavailable."""
    found = {name: Seen.tags[name] for name in tags if name in Seen.tags}
    missing = [name for name in tags if name not in found]
    if missing:
        stored = sharedcache.call("get_many", [TAG_KEY + name for name in missing])
        for name in missing:
            found[name] = Seen.tags[name] = stored.get(TAG_KEY + name, 0)
    return found


def current(recorded: dict[str, int]) -> bool:
    """Whether no tag a stored page recorded has changed since (False when unsure)."""
    try:
        now = versions(recorded)
    except sharedcache.Unavailable:
        return False
    return all(now[name] == version for name, version in recorded.items())


def bump(tags, lifetime: int) -> int:
    """A change: the tags get a new version and the change is logged for the other
    processes. Raises Unavailable."""
    number = sharedcache.increment(CHANGES_KEY)
    tags = tuple(sorted(tags))
    sharedcache.call("set_many", {TAG_KEY + name: number for name in tags}, timeout=None)
    sharedcache.call("set", f"{LOG_KEY}{number}", tags, lifetime)
    for name in tags:
        Seen.tags[name] = number
    if Seen.changes is not None and number == Seen.changes + 1:
        Seen.changes = number  # nothing in between to catch up on: renders from now are kept
    return number


# CDNs read either header (Cloudflare: comma-separated Cache-Tag; Fastly: space-separated
# Surrogate-Key); both cap the header near 16 KB, far above an index page of 100 entries.
TAG_HEADER_LIMIT = 16_000


def tag(response, shown: set[str]) -> None:
    """Name the entries the page shows, for a CDN to purge by entry (issue 16)."""
    tags, length = [], 0
    for name in sorted(shown):
        length += len(name) + 1
        if length > TAG_HEADER_LIMIT:
            break
        tags.append(name)
    if tags:
        response["Cache-Tag"] = ",".join(tags)
        response["Surrogate-Key"] = " ".join(tags)


def recorded(shown: set[str], started: int | None) -> dict[str, int] | None:
    """The versions of the tags a page showed, to store with it; None when one of them
    changed after the render started (or the shared cache does not answer)."""
    if started is None:
        return None
    try:
        now = versions(shown)
    except sharedcache.Unavailable:
        return None
    if any(version > started for version in now.values()):
        return None
    return now
