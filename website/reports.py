"""What the editorial checks list: queries on the stored link tables and relations, each
version's citation markers against its sources and its texts against the designations
deprecated in its language, translations and reviews; shared by `manage.py check_content`
and the admin's editorial report."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from careers.models import Career
from encyclopedia.models import Term
from publishing import kinds, links, sources, terminology
from publishing.models import Link

MIN_RELATED = 3


@dataclass(frozen=True)
class BrokenLink:
    source: object  # the language version holding the link
    field: str
    href: str
    text: str


@dataclass(frozen=True)
class CitationProblem:
    source: object  # the language version
    field: str  # where the marker is ("definition", "FAQ 2"), or "sources" for an uncited one
    key: str


@dataclass(frozen=True)
class EntryProblem:
    kind: str
    entry: object
    detail: int = 0


def broken_links() -> list[BrokenLink]:
    rows = []
    for kind in kinds.all_kinds():
        found = list(links.broken().filter(source_kind=kind.name))
        sources = kind.version.objects.in_bulk({link.source_id for link in found})
        kept = [BrokenLink(sources[link.source_id], link.source_field, link.href, link.text) for link in found]
        rows += sorted(kept, key=lambda row: (row.source.language, row.source.slug))  # stable: by pk within
    return rows


def citation_problems() -> tuple[list[CitationProblem], list[CitationProblem]]:
    """Markers naming no source of their version (with the text that holds them), and
    sources no text of their version cites: both errors (issue 17)."""
    missing, uncited = [], []
    for kind in kinds.all_kinds():
        children = [related_name for related_name, _label, _field in kind.version.markdown_children]
        versions = kind.version.objects.prefetch_related("sources", *children).order_by("language", "slug")
        for version in versions:
            found = sources.check(version)
            missing += [CitationProblem(version, label, key) for label, key in found.unknown]
            uncited += [CitationProblem(version, "sources", s.key) for s in sources.uncited(version, found)]
    return missing, uncited


def linked_to(name: str):
    """Some text links to the entry."""
    return Exists(Link.objects.filter(target_kind=name, target_id=OuterRef("pk")))


def orphans() -> list[EntryProblem]:
    """Entries nothing points to: no text links to them, no other entry lists them."""
    terms = Term.objects.filter(referenced_by__isnull=True, roadmap_phases__isnull=True).exclude(linked_to("term"))
    careers = Career.objects.filter(referenced_by__isnull=True, terms__isnull=True).exclude(linked_to("career"))
    return [EntryProblem("term", t) for t in terms.distinct().order_by("key")] + [
        EntryProblem("career", c) for c in careers.distinct().order_by("key")
    ]


def thinly_related() -> list[EntryProblem]:
    """Entries with fewer than three related entries (terms: related terms and roles;
    career guides: related guides and the terms linked to the role)."""
    terms = Term.objects.annotate(
        related=Count("related_terms", distinct=True) + Count("related_careers", distinct=True)
    ).filter(related__lt=MIN_RELATED)
    careers = Career.objects.annotate(
        related=Count("related_careers", distinct=True) + Count("terms", distinct=True)
    ).filter(related__lt=MIN_RELATED)
    return [EntryProblem("term", t, t.related) for t in terms.order_by("key")] + [
        EntryProblem("career", c, c.related) for c in careers.order_by("key")
    ]


def outdated_translations() -> list:
    rows = []
    for kind in kinds.all_kinds():
        rows += list(kind.version.objects.outdated().select_related(kind.entry_field).order_by("slug"))
    return rows


def missing_translations() -> list[EntryProblem]:
    """(kind, entry, missing language) for entries lacking a version in a site language."""
    rows = []
    for kind in kinds.all_kinds():
        for code, _name in settings.LANGUAGES:
            missing = kind.entry.objects.exclude(Q(versions__language=code)).order_by("key")
            rows += [EntryProblem(kind.name, entry, code) for entry in missing]
    return rows


def due_for_review() -> list:
    """Published versions whose next review has come, the most overdue first (publishing.review)."""
    rows = []
    for kind in kinds.all_kinds():
        rows += list(kind.version.objects.due_for_review().select_related(kind.entry_field))
    return sorted(rows, key=lambda version: (version.next_review, version.language, version.slug))


def deprecated_uses() -> list[tuple[object, terminology.Use]]:
    """(version, occurrence) of every designation deprecated in a version's language that its
    texts use, those kept on purpose left out (publishing.terminology)."""
    rows = []
    deprecated = {code: terminology.deprecated_in(code) for code, _name in settings.LANGUAGES}
    for kind in kinds.all_kinds():
        children = [related_name for related_name, _label, _fields in kind.version.reader_children]
        for version in kind.version.objects.prefetch_related(*children).order_by("language", "slug"):
            rows += [(version, use) for use in terminology.uses(version, deprecated.get(version.language, []))]
    return rows
