"""`python manage.py check_links`: broken internal links, citation markers without a source
and sources never cited, orphan entries, thin relations."""

from django.core.management.base import BaseCommand, CommandError

from publishing import kinds, services
from website import reports


class Command(BaseCommand):
    help = (
        "List broken internal links, markers without a source, sources never cited, orphan entries "
        "and entries with fewer than three related entries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh", action="store_true", help="Resolve every link again first (renders every version)."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error when a link is broken or a citation is wrong."
        )

    def handle(self, *args, refresh=False, strict=False, **options):
        if refresh:
            for kind in kinds.all_kinds():
                for version in kind.version.objects.all():
                    services.rerender(version)
        broken = reports.broken_links()
        self.section("Broken internal links", broken, describe_link)
        missing, uncited = reports.citation_problems()
        self.section("Citation markers without a source", missing, describe_citation)
        self.section("Sources never cited", uncited, describe_citation)
        self.section("Orphan entries (no incoming link)", reports.orphans(), lambda row: f"{row.kind} {row.entry.key}")
        self.section(
            f"Entries with fewer than {reports.MIN_RELATED} related entries",
            reports.thinly_related(),
            lambda row: f"{row.kind} {row.entry.key}: {row.detail}",
        )
        counts = {
            "broken internal link(s)": len(broken),
            "marker(s) without a source": len(missing),
            "uncited source(s)": len(uncited),
        }
        if strict and any(counts.values()):
            raise CommandError(", ".join(f"{count} {what}" for what, count in counts.items() if count))

    def section(self, title: str, rows: list, line):
        """A heading with the count, then one line a row."""
        self.stdout.write(self.style.MIGRATE_HEADING(f"{title}: {len(rows)}"))
        for row in rows:
            self.stdout.write(f"  {line(row)}")


def describe_link(link) -> str:
    return f"{link.source.language}/{link.source.slug} ({link.field}): [{link.text}]({link.href})"


def describe_citation(problem) -> str:
    return f"{problem.source.language}/{problem.source.slug} ({problem.field}): [^{problem.key}]"
