"""`python manage.py check_content [DIR]`: the editorial check (README, "Editorial checks").

Errors: broken internal links, citation markers without a source, sources never cited,
deprecated designations in use. Also listed: translations out of date, entries overdue for
review, orphan entries, thin relations. With DIR, the files are loaded first into the
database inside a transaction that is rolled back (nothing is kept) and problems name the
file; `--strict` exits non-zero when there is an error (CI runs it on content/).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from publishing import kinds, services
from publishing.content.errors import ContentError
from website import reports
from website.corpus.database import load_corpus
from website.corpus.records import FOLDERS, read_corpus


class Command(BaseCommand):
    help = (
        "Check the content: broken internal links, markers without a source, sources never cited, deprecated "
        "designations in use (errors); outdated translations, reviews overdue, orphans, thin relations. "
        "With a directory, its files are loaded first and nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="Check these content files (loaded, then rolled back).")
        parser.add_argument(
            "--refresh", action="store_true", help="Resolve every link again first (renders every version)."
        )
        parser.add_argument("--strict", action="store_true", help="Exit with an error when the check finds one.")

    def handle(self, *args, directory=None, refresh=False, strict=False, **options):
        self.directory = Path(directory) if directory else None
        with transaction.atomic(), translation.override(None):  # field names as the files write them
            if self.directory is not None:
                self.load(self.directory)
            if refresh:
                for kind in kinds.all_kinds():
                    for version in kind.version.objects.all():
                        services.rerender(version)
            errors = self.report()
            transaction.set_rollback(self.directory is not None)
        if strict and any(errors.values()):
            raise CommandError(", ".join(f"{count} {what}" for what, count in errors.items() if count))

    def load(self, directory: Path):
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such directory")
        try:
            load_corpus(read_corpus(directory, [code for code, _name in settings.LANGUAGES]), directory)
        except ContentError as error:
            raise CommandError(str(error)) from None

    def report(self) -> dict[str, int]:
        """Print every section; the count of each kind of error."""
        broken = reports.broken_links()
        self.section("Broken internal links", broken, lambda r: self.at(r.source, r.field, f"[{r.text}]({r.href})"))
        missing, uncited = reports.citation_problems()
        self.section("Citation markers without a source", missing, lambda r: self.at(r.source, r.field, f"[^{r.key}]"))
        self.section("Sources never cited", uncited, lambda r: self.at(r.source, r.field, f"[^{r.key}]"))
        deprecated = reports.deprecated_uses()
        self.section(
            "Deprecated designations in use",
            deprecated,
            lambda r: self.at(r[0], r[1].where, f"“{r[1].mention}”: write “{r[1].replacement}”"),
        )
        self.section("Translations out of date", reports.outdated_translations(), lambda v: self.at(v, "", "outdated"))
        self.section("Overdue for review", reports.due_for_review(), lambda v: self.at(v, "", f"since {v.next_review}"))
        self.section("Orphan entries (no incoming link)", reports.orphans(), lambda row: f"{row.kind} {row.entry.key}")
        self.section(
            f"Entries with fewer than {reports.MIN_RELATED} related entries",
            reports.thinly_related(),
            lambda row: f"{row.kind} {row.entry.key}: {row.detail}",
        )
        return {
            "broken internal link(s)": len(broken),
            "marker(s) without a source": len(missing),
            "uncited source(s)": len(uncited),
            "deprecated designation(s) in use": len(deprecated),
        }

    def at(self, version, field: str, what: str) -> str:
        """Where a problem is: the file and field when checking files, else the version."""
        kind = kinds.of(version)
        if self.directory is not None:
            place = str(self.directory / FOLDERS[kind.name] / version.entry.key / f"{version.language}.md")
        else:
            place = f"{kind.name} {version.entry.key} [{version.language}]"
        return f"{place}: {field}: {what}" if field else f"{place}: {what}"

    def section(self, title: str, rows: list, line):
        """A heading with the count, then one line a row."""
        self.stdout.write(self.style.MIGRATE_HEADING(f"{title}: {len(rows)}"))
        for row in rows:
            self.stdout.write(f"  {line(row)}")
