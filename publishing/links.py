"""Internal links between entries: resolved when a text is saved, stored, and reported.

What an editor may type in Markdown (README, "Editorial workflow"):

- `[text](term:<key or slug>)` and `[text](career:<key or slug>)`: the entry in the text's
  own language; a key is the same in every language, a slug may be either language's.
- a site path, `/fr/encyclopedie/<slug>/` or `/en/careers/<slug>/`: the same entry, in the
  text's language (a French path in an English text becomes the English address).

Both become the target's current address in the stored HTML. An unresolved link keeps its
text without `href` and is stored as broken, so `check_links`, the admin report, backlinks
and orphans are queries on the link tables (TermLink, CareerLink), never parsing per view.
"""

from django.db import models

from . import kinds
from .models import Link
from .targets import markdown_links


def store_links(version):
    """Replace the version's stored outgoing links with those of its current texts."""
    source_kind = kinds.of(version).name
    rows = []
    for label, text in version.markdown_sources():
        for found in markdown_links(text, version.language):
            if not found.kind and found.url:
                continue  # a site page that is no entry (an index): nothing to keep track of
            resolved = bool(found.kind and found.url)
            rows.append(
                Link(
                    source_kind=source_kind,
                    source_id=version.pk,
                    language=version.language,
                    source_field=label[:60],
                    href=found.href[:500],
                    text=found.text,
                    target_kind=found.kind,
                    target_id=found.entry_id if resolved else None,
                )
            )
    fields = ["source_field", "href", "text", "target_kind", "target_id"]
    signature = [tuple(getattr(row, name) for name in fields) for row in rows]
    stored = version.outgoing_links
    if list(stored.values_list(*fields)) != signature:
        stored.delete()
        Link.objects.bulk_create(rows)


def broken() -> models.QuerySet:
    """Stored links that resolve to no entry."""
    return Link.objects.filter(target_id__isnull=True)


def version_deleted(sender, instance, **kwargs) -> None:
    """post_delete receiver (publishing.kinds): a version's own links go with it; links to its
    entry from elsewhere stay (the entry remains)."""
    instance.outgoing_links.delete()


def entry_deleted(sender, instance, **kwargs) -> None:
    """post_delete receiver: links to a deleted entry stay, broken, so that `check_links` lists them."""
    Link.objects.filter(target_kind=kinds.of(instance).name, target_id=instance.pk).update(target_id=None)


def sources_of(version) -> list:
    """Other versions whose links point at this entry, or failed to while naming its key or slug:
    their HTML must be rendered again when the entry appears or moves."""
    entry = version.entry
    pointing = models.Q(target_kind=kinds.of(version).name, target_id=entry.pk) | (
        models.Q(target_id__isnull=True) & (models.Q(href__contains=entry.key) | models.Q(href__contains=version.slug))
    )
    sources = []
    for source_kind in kinds.all_kinds():
        source_ids = Link.objects.filter(pointing, source_kind=source_kind.name).values_list("source_id", flat=True)
        sources += source_kind.version.objects.filter(pk__in=set(source_ids)).exclude(pk=version.pk)
    return sources


def referenced_in(name: str, entry, language: str) -> list:
    """Published versions in `language` whose text links to the entry or whose relations name it,
    less those the page already lists (its related terms, roles, related guides, role's terms).

    One query per kind of source whatever the size of the graph. Each kind's ways of
    pointing are one `pk IN (… UNION …)` of indexed lookups: an OR across joins (or across
    two subqueries) made PostgreSQL read every version of the language (22–36 ms at 10,000
    terms per language, 0.2 ms this way). Each kind says which of its versions relate to
    the entry, and which of them the entry's page shows already (`relations_to`)."""
    rows = []
    for source in kinds.all_kinds():
        # `order_by()`: no ORDER BY inside a UNION (models with a default ordering would add one).
        linking = Link.objects.filter(source_kind=source.name, target_kind=name, target_id=entry.pk)
        related, shown = source.version.relations_to(name, entry)
        ids = linking.order_by().values("source_id")
        if related is not None:
            ids = ids.union(related)
        versions = source.version.objects.live(language).filter(pk__in=ids).exclude(**shown)
        if source.name == name:
            versions = versions.exclude(**{source.entry_field: entry})
        # The entry's key rides along (a join, not a query) for the page's Cache-Tag (publishing.pagetags).
        entry_key = f"{source.entry_field}__key"
        versions = versions.select_related(source.entry_field).only(
            "slug", source.version.label_field, "language", entry_key
        )
        rows += [(v.label, v) for v in versions]
    return [version for _label, version in sorted(rows, key=lambda row: row[0].casefold())]
