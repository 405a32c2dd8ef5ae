"""What the link-integrity and translation reports list: queries on the stored link tables
and relations, shared by `manage.py check_links` and the admin's editorial report."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from .links import KINDS

MIN_RELATED = 3


@dataclass(frozen=True)
class BrokenLink:
    source: object  # the language version holding the link
    field: str
    href: str
    text: str


@dataclass(frozen=True)
class EntryProblem:
    kind: str
    entry: object
    detail: int = 0


def broken_links() -> list[BrokenLink]:
    rows = []
    for spec in KINDS.values():
        links = (
            spec.model("link").objects.filter(target_term__isnull=True, target_career__isnull=True)
            .select_related("source").order_by("source__language", "source__slug", "pk")
        )  # fmt: skip
        rows += [BrokenLink(link.source, link.source_field, link.href, link.text) for link in links]
    return rows


def linked_to(kind: str):
    """Exists(…) per link table: some text links to the entry."""
    return [Exists(spec.model("link").objects.filter(**{f"target_{kind}": OuterRef("pk")})) for spec in KINDS.values()]


def orphans() -> list[EntryProblem]:
    """Entries nothing points to: no text links to them, no other entry lists them."""
    from careers.models import Career
    from encyclopedia.models import Term

    term_links, career_links = linked_to("term"), linked_to("career")
    terms = Term.objects.filter(referenced_by__isnull=True, roadmap_phases__isnull=True)
    careers = Career.objects.filter(referenced_by__isnull=True, terms__isnull=True)
    for exists in term_links:
        terms = terms.exclude(exists)
    for exists in career_links:
        careers = careers.exclude(exists)
    return [EntryProblem("term", t) for t in terms.distinct().order_by("key")] + [
        EntryProblem("career", c) for c in careers.distinct().order_by("key")
    ]


def thinly_related() -> list[EntryProblem]:
    """Entries with fewer than three related entries (terms: related terms and roles;
    career guides: related guides and the terms linked to the role)."""
    from careers.models import Career
    from encyclopedia.models import Term

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
    for spec in KINDS.values():
        rows += list(spec.model("version").objects.outdated().select_related(spec.entry_field).order_by("slug"))
    return rows


def missing_translations() -> list[EntryProblem]:
    """(kind, entry, missing language) for entries lacking a version in a site language."""
    rows = []
    for kind, spec in KINDS.items():
        for code, _name in settings.LANGUAGES:
            missing = spec.model("entry").objects.exclude(Q(versions__language=code)).order_by("key")
            rows += [EntryProblem(kind, entry, code) for entry in missing]
    return rows
