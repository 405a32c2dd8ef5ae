"""The page cache's signal receivers (connected in website.apps): a content change
refreshes the pages it shows on (publishing.changes), and no other.

Inside the write path (publishing.services.save_version) rows are only noted; the write
sends `content_changed` once, at its end, with everything it changed. Outside it (an
entry or a category saved in the admin, a relation added, a row deleted), each row
refreshes its pages at once. With the page cache off (the test run), nothing is done.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.db import transaction

from publishing import changes, kinds

from .pagecache import bump_generation, bump_tags


def pages_changed(tags: frozenset[str] | None) -> None:
    """Pages are stale (`tags`; None: all of them). Refresh now, and once more when the
    transaction commits, so that a page another process rendered from the old rows in
    between is not kept (the generation bump is registered once per transaction)."""
    if not settings.PAGE_CACHE:
        return
    if tags is changes.ALL:
        bump_generation()
        changes.after_commit_once(bump_generation)
    elif tags:
        tags = frozenset(tags)
        bump_tags(tags)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(functools.partial(bump_tags, tags))


# Signal receivers (website.apps). Inside the write path (publishing.services) rows are
# noted and the write sends `content_changed` once with all it changed.


def content_changed(sender, tags=changes.ALL, **kwargs) -> None:
    pages_changed(tags)


def version_saved(sender, *, version, listing_changed=True, **kwargs) -> None:
    if settings.PAGE_CACHE and changes.writing():
        changes.note(changes.version_tags(version, listing_changed=listing_changed))


def row_saved(sender, instance, created=False, **kwargs) -> None:
    row_changed(instance, lists=created)


def row_deleted(sender, instance, **kwargs) -> None:
    row_changed(instance, lists=True)


def row_changed(instance, *, lists: bool) -> None:
    if not settings.PAGE_CACHE:
        return
    if not changes.writing():  # a version saved outside the write path: its lists too
        pages_changed(changes.row_tags(instance, lists=lists or changes.is_version(instance)))
    elif not changes.is_version(instance):  # the write path names its version (version_saved)
        changes.note(changes.row_tags(instance, lists=lists))


def relation_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    """m2m_changed: the row's own pages, and those of the entries added or removed."""
    if not settings.PAGE_CACHE or action not in ("post_add", "post_remove", "post_clear"):
        return
    tags = changes.relation_tags(instance, model, pk_set)
    if changes.writing():
        changes.note(tags)
    else:
        pages_changed(tags)


def content_models():
    """Every model whose rows a public page shows, with the auto-created m2m tables: the
    base's, those of every app that registered a kind of entry, and django-taggit's tags."""
    labels = {"publishing", "taggit", *(kind.entry._meta.app_label for kind in kinds.all_kinds())}
    for label in sorted(labels):
        yield from apps.get_app_config(label).get_models(include_auto_created=True)
