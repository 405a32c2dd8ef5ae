"""The one write path of a language version (ARCHITECTURE.md, "The write path").

The admin, a restore, the content loader, link re-rendering and the test factories all
save a version through `save_version`, so every caller builds the rows the site builds.
`EntryVersion.save()` derives only its own row's fields; everything that touches other
rows happens here, in one visible order, and then one signal (`version_saved`) tells the
search index and the page cache, which listen on the top floor (website.apps).
"""

import contextlib
import contextvars
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from . import autolink, changes, kinds, links, review, sources, targets
from .models import EntryVersion, Status
from .workflow import record_review

# Sent once per save, after every step (sender: the version model; `version`, `created`,
# `listing_changed`: what places it in a list changed, see EntryVersion.listing_fields).
version_saved = Signal()
# Pages are stale: `tags` names them (publishing.changes; None: every page). Sent once at
# the end of each write with what it changed, and by code that writes around the model
# signals (a bulk `update()`).
content_changed = Signal()

# Writes one group of the version's children (FAQs, phases, tags…); called once it is saved.
InlineWriter = Callable[[EntryVersion], object]


@transaction.atomic
def save_version(
    *,
    version: EntryVersion,
    inlines: Sequence[InlineWriter] = (),
    words_changed: bool = False,
) -> EntryVersion:
    """Save a language version and everything that follows from it, in this order:

    1. the row (`save()`: rendered HTML, reading time, sort keys); a renamed slug stays as
       a former slug, so the old address answers 301;
    2. inlines: each writer saves a group of children, then the reading time counts them;
       a term's other names and alias rows follow its designations (`derive_children`); citation markers are
       numbered over the version's sources, the texts that may cite rendered then, once, in
       page order (`sources.number_citations`, only for a version that cites or has sources);
    3. links: the internal links of every text, children included, are stored;
    4. suggestions: other entries the text mentions without a link (never applied);
    5. backlinks: versions whose links point at this entry (or failed to) are rendered
       again, when the version is new or its address changed;
    6. revision: bumped when the words changed, so translations made from it are outdated;

    then `version_saved`; when the outermost write ends, `content_changed` names the pages
    it made stale (publishing.changes), so the page cache refreshes those and no other.
    """
    with changes.collecting() as write:
        save_steps(version, inlines=inlines, words_changed=words_changed)
    if write is not None:
        content_changed.send(sender=type(version), tags=write.stale)
    return version


def save_steps(version: EntryVersion, *, inlines: Sequence[InlineWriter], words_changed: bool) -> None:
    with targets.rendered_once():  # the links stored (step 3) are those met while rendering
        write_steps(version, inlines=inlines, words_changed=words_changed)


def write_steps(version: EntryVersion, *, inlines: Sequence[InlineWriter], words_changed: bool) -> None:
    created = version.pk is None
    old_slug, old_listing = version.stored_slug, version.stored_listing
    version.save()
    moved = bool(old_slug) and old_slug != version.slug
    if moved:
        version.remember_former_slug(old_slug)
    for write in inlines:
        write(version)
    sources.number_citations(version)
    version.derive_children()
    version.refresh_reading_time()
    links.store_links(version)
    suggest(version)
    if created or moved:
        rerender_sources_of(version)
    if words_changed and not created:
        version.bump_revision()
    listing_changed = created or old_listing != version.listing()
    version_saved.send(sender=type(version), version=version, created=created, listing_changed=listing_changed)


def store_derived(version: EntryVersion, field: str, value) -> bool:
    """A field derived after the row was saved: written alone (no signal, no re-render) when it
    changed. Whether it did."""
    if getattr(version, field) == value:
        return False
    setattr(version, field, value)
    type(version).objects.filter(pk=version.pk).update(**{field: value})
    return True


def rerender(version: EntryVersion) -> EntryVersion:
    """Render a version and its children again: a target's address changed or now exists."""
    return save_version(version=version, inlines=[type(version).render_children])


@dataclass
class Deferred:
    """What a bulk write (`backlinks_deferred`) leaves to its end."""

    announced: bool  # links resolved against the announced addresses (publishing.targets)
    # Versions the block may leave untouched: those the database held before it (none on a
    # fresh load, where every linking version is saved, and so rendered, in the block).
    others: bool = True
    rerender: dict = field(default_factory=dict)  # (model, pk) of each version to render again, in order
    saved: dict = field(default_factory=dict)  # (model, pk) of each version saved in the block


_deferred: contextvars.ContextVar[Deferred | None] = contextvars.ContextVar("deferred_backlinks", default=None)


def rerender_sources_of(version: EntryVersion) -> None:
    deferred = _deferred.get()
    if deferred is not None and deferred.announced and not deferred.others:
        return  # every version that links here is saved in the block, with this address known
    for source in links.sources_of(version):
        if deferred is None:
            rerender(source)
        else:
            deferred.rerender[(type(source), source.pk)] = None


def suggest(version: EntryVersion) -> None:
    """Step 4, or at the end of a bulk write, once every entry it may mention is there."""
    deferred = _deferred.get()
    if deferred is None:
        store_derived(version, "link_suggestions", autolink.suggestions_for(version))
    else:
        deferred.saved[(type(version), version.pk)] = None


@contextlib.contextmanager
def backlinks_deferred(addresses: targets.Addresses | None = None):
    """A bulk write (the content loader). The versions whose links must be rendered again
    (step 5) are collected, and each is rendered once when the block ends, from its stored
    state; rendered at once, a fresh load rendered its first versions again each time an
    entry they link to appeared (739 renders for 292 versions at 121 terms).

    Given `addresses`, where every entry of the write will be (publishing.targets), links
    resolve at their first render: a version saved in the block is not rendered again, only
    those it left untouched. Suggestions (step 4) are made at the end for every version saved
    in the block, against all the entries then published (made as each was saved, those of
    the first versions would miss every entry loaded after them)."""
    if _deferred.get() is not None:
        yield
        return
    others = any(kind.version.objects.exists() for kind in kinds.all_kinds())
    deferred = Deferred(announced=addresses is not None, others=others)
    token = _deferred.set(deferred)
    try:
        with targets.announced(addresses) if addresses is not None else contextlib.nullcontext():
            yield
    finally:
        _deferred.reset(token)
    for model, pk in deferred.rerender:
        if deferred.announced and (model, pk) in deferred.saved:
            continue  # rendered in the block with every address known
        version = model.objects.filter(pk=pk).first()
        if version is not None:  # deleted later in the block
            rerender(version)
            deferred.saved.pop((model, pk), None)  # its suggestions are made again
    candidates = autolink.Candidates()
    for model, pk in deferred.saved:
        version = model.objects.filter(pk=pk).select_related(model.entry_field).first()
        if version is not None:
            store_derived(version, "link_suggestions", autolink.suggestions_for(version, candidates))


@transaction.atomic
def finish_restore(*, version: EntryVersion, before: EntryVersion) -> None:
    """After django-reversion put an old state back and the admin saved it (`before` is the
    state it replaced): the revision counts on from the replaced one, since history keeps no
    counter and the restored words are new to the translations; an address given up by the
    restore stays as a former slug, and the texts linking here follow the restored one."""
    with changes.collecting() as write:
        version.revision = before.revision + 1
        type(version).objects.filter(pk=version.pk).update(revision=version.revision)
        if before.slug != version.slug:
            version.remember_former_slug(before.slug)
            rerender_sources_of(version)
        listing_changed = before.listing() != version.listing()
        version_saved.send(sender=type(version), version=version, created=False, listing_changed=listing_changed)
    if write is not None:
        content_changed.send(sender=type(version), tags=write.stale)


def publish(version: EntryVersion, user) -> EntryVersion:
    """Publish through the admin: now, or on the date already set (scheduled); record the review."""
    version.status = Status.PUBLISHED
    version.updated_at = timezone.now()
    record_review(version, user)
    return save_version(version=version)


def set_status(version: EntryVersion, status: str) -> EntryVersion:
    version.status = status
    return save_version(version=version)


def mark_reviewed(version: EntryVersion, user) -> EntryVersion:
    """A reviewer checked the words today: record who and when; the next review follows."""
    record_review(version, user)
    return save_version(version=version)


def reschedule_reviews(versions) -> int:
    """An entry's or a category's review interval changed: derive the next review of its
    versions again. Written with `update()` (the words did not change), so the pages are
    told here: an overdue notice may appear or go, on the entry's own pages."""
    changed = 0
    with changes.collecting() as write:
        for version in versions:
            if store_derived(version, "next_review", review.next_review(version)):
                changes.note(changes.own_tags(kinds.of(version), version, lists=False))
                changed += 1
    if write is not None and changed:
        content_changed.send(sender=EntryVersion, tags=write.stale)
    return changed
