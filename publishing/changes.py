"""Which pages a content change makes stale, named by the tags pages record (issue 16).

A page records, while it renders (publishing.pagetags), the entries it shows
(`term:<key>`), whether it is an entry's own page (`page:term:<key>`), and the lists it
draws from (`list:term:fr`: an index, a category or tag page, the home, a feed, a
sitemap). A change names the same tags, so the page cache (website.pagecache) refreshes
the pages that show it and keeps every other one:

- a version saved through the write path (`services.save_version`): every page showing
  its entry; the own pages of the entries that may now list it (its link targets, for
  "referenced in"; the entries it lists by relation, which list it back); its kind's
  list in its language when it was created or what places it in a list changed
  (`EntryVersion.listing`);
- a relation added or removed (related terms, a roadmap phase's terms): the own pages of
  both sides;
- any other content row (a FAQ, a phase, an alias, a former slug, a salary band, a tag):
  the entry it belongs to, and the lists when it changes what lists hold (tags, a new or
  deleted entry or version); inside the write path these are noted and sent once, at
  the end (`collecting`);
- a row that belongs to no entry (an author, a category): None, every page.

Outside the write path the receivers ask `row_tags` and refresh at once.
"""

import contextlib
import contextvars
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from . import kinds

ALL = None  # "every page": a change that cannot be narrowed to entries


def entry_tag(kind_name: str, key: str) -> str:
    return f"{kind_name}:{key}"


def page_tag(kind_name: str, key: str) -> str:
    """The entry's own page (in each language), which lists its relations and backlinks."""
    return f"page:{kind_name}:{key}"


def list_tag(kind_name: str, language: str) -> str:
    return f"list:{kind_name}:{language}"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def after_commit_once(func) -> None:
    """Run `func` when the current transaction commits, registered once per transaction
    (outside one, nothing: the caller has acted already)."""
    if transaction.get_connection().in_atomic_block and not on_commit_already(func):
        transaction.on_commit(func)


def on_commit_already(func) -> bool:
    """Whether `func` already waits for the current transaction to commit."""
    return any(f is func for _savepoints, f, _robust in transaction.get_connection().run_on_commit)


class Write:
    """What one write (the outermost `save_version`) has made stale so far."""

    def __init__(self):
        self.tags: set[str] = set()
        self.everything = False

    @property
    def stale(self) -> frozenset[str] | None:
        return ALL if self.everything else frozenset(self.tags)


_current: contextvars.ContextVar[Write | None] = contextvars.ContextVar("changes_write", default=None)


@contextlib.contextmanager
def collecting():
    """Within a write, row changes are noted (`note`), not sent. Yields the outermost
    write's `Write`, or None in a nested write (a backlink rendered again), whose changes
    go to the outermost one: only the outermost sends."""
    if _current.get() is not None:
        yield None
        return
    write = Write()
    token = _current.set(write)
    try:
        yield write
    finally:
        _current.reset(token)


def writing() -> bool:
    return _current.get() is not None


def note(tags: set[str] | None) -> None:
    """A row changed during a write: its pages are refreshed when the write ends."""
    write = _current.get()
    if tags is ALL:
        write.everything = True
    else:
        write.tags.update(tags)


def keys_of(kind_name: str, entry_ids: Iterable[int], *, tag=entry_tag) -> set[str]:
    """`tag(kind, key)` for each entry of the kind among `entry_ids` (one query)."""
    ids = {pk for pk in entry_ids if pk is not None}
    if not ids:
        return set()
    keys = kinds.get(kind_name).entry.objects.filter(pk__in=ids).values_list("key", flat=True)
    return {tag(kind_name, key) for key in keys}


def version_tags(version, *, listing_changed: bool) -> set[str]:
    """What a version saved through the write path makes stale (module docstring)."""
    kind = kinds.of(version)
    tags = own_tags(kind, version, lists=listing_changed)
    by_kind: dict[str, set[int]] = {}
    targets = version.outgoing_links.exclude(target_id=None).values_list("target_kind", "target_id")
    for target_kind, target_id in targets:
        by_kind.setdefault(target_kind, set()).add(target_id)
    for target_kind, ids in by_kind.items():
        tags |= keys_of(target_kind, ids, tag=page_tag)
    for entry in version.related_entries():
        tags.add(page_tag(kinds.of(entry).name, entry.key))
    return tags


def own_tags(kind, version, *, lists: bool) -> set[str]:
    """The version's entry, and its kind's list in its language when `lists`."""
    tags = {entry_tag(kind.name, version.entry.key)}
    if lists:
        tags.add(list_tag(kind.name, version.language))
    return tags


def entry_tags(kind, entry) -> set[str]:
    """An entry row (or a row of it: a salary band, a former slug) changed: its pages and
    its kind's lists, in every language (its fields, a category, place it in lists)."""
    return {entry_tag(kind.name, entry.key)} | {list_tag(kind.name, language) for language in languages()}


def owner_of(instance):
    """The version or entry a content row belongs to (its foreign key to one), or None."""
    for field in instance._meta.concrete_fields:
        if field.many_to_one and kinds.registered(field.related_model):
            return getattr(instance, field.name, None)
    content_object = getattr(instance, "content_object", None)  # a django-taggit item
    if content_object is not None and kinds.registered(type(content_object)):
        return content_object
    return None


def is_version(instance) -> bool:
    return kinds.registered(type(instance)) and isinstance(instance, kinds.of(instance).version)


def row_tags(instance, *, lists: bool = False) -> set[str] | None:
    """The pages a saved or deleted row makes stale; ALL when it belongs to no entry (or
    to one already deleted). `lists`: the row changes what lists hold (created, deleted, a tag)."""
    try:
        return owned_row_tags(instance, lists=lists)
    except ObjectDoesNotExist:
        return ALL


def owned_row_tags(instance, *, lists: bool) -> set[str] | None:
    row = instance
    if not kinds.registered(type(row)):
        row = owner_of(instance)
        if row is None:
            return ALL
        lists = lists or hasattr(instance, "content_object")  # a tag: tag pages list it
    kind = kinds.of(row)
    if isinstance(row, kind.entry):
        return entry_tags(kind, row)
    return own_tags(kind, row, lists=lists)


def relation_tags(instance, model, pk_set) -> set[str] | None:
    """m2m_changed: the pages of the row whose relation changed and of the entries added or
    removed (a `clear()` names none: every page showing the row's entry, which includes
    theirs). A version's tags (django-taggit) change its tag pages: its lists too."""
    if is_version(instance):
        return own_tags(kinds.of(instance), instance, lists=True)
    try:
        row = instance if kinds.registered(type(instance)) else owner_of(instance)
        if row is None:
            return ALL
        if is_version(row):
            row = row.entry
    except ObjectDoesNotExist:
        return ALL
    kind_name = kinds.of(row).name
    if pk_set is None:
        return {page_tag(kind_name, row.key), entry_tag(kind_name, row.key)}
    return {page_tag(kind_name, row.key)} | related_tags(model, pk_set)


def related_tags(model, pk_set) -> set[str]:
    """For a relation added or removed: the other side's own pages, when they are entries."""
    if not pk_set or not kinds.registered(model) or not issubclass(model, kinds.of(model).entry):
        return set()
    return keys_of(kinds.of(model).name, pk_set, tag=page_tag)
