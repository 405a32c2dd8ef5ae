"""`python manage.py import_wages SOURCE FILE --reference-period PERIOD [--dry-run]` (README, "Salaries")."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.models import WageSource
from careers.wages.files import WageFileError
from careers.wages.importer import apply, plan_import


class Command(BaseCommand):
    help = (
        "Import official wage figures (bls-oews, jobbank, ons-ashe) into the salary bands of the guides whose "
        "occupation codes name them; shows what would change, then writes it in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=WageSource.values)
        parser.add_argument("file", type=Path, help="The file as the source publishes it (.xlsx, .xls or .csv).")
        parser.add_argument("--reference-period", required=True, help="As the source says it: “May 2024”, “2024”.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; change nothing.")
        parser.add_argument(
            "--area", action="append", default=[], help="Also import this region or metro area, as the file names it."
        )
        parser.add_argument(
            "--replace-manual", action="store_true", help="Delete the hand-entered band of each place imported."
        )
        parser.add_argument("--top-code", type=int, help="BLS: the annual top code of a release not known here.")
        parser.add_argument("--retrieved-on", type=datetime.date.fromisoformat, help="When the file was downloaded.")

    def handle(self, *args, source, file, reference_period, dry_run, area, replace_manual, top_code, retrieved_on,
               **options):  # fmt: skip
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            plan = plan_import(
                source, file, reference_period=reference_period, areas={"", *area}, replace_manual=replace_manual,
                top_code=top_code, retrieved_on=retrieved_on,
            )  # fmt: skip
        except WageFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        for change in plan.changes:
            self.stdout.write(f"  {change}")
        for band in plan.to_delete:
            self.stdout.write(f"  delete     {band.career.key:<30} hand-entered {band.region} band")
        summary = ", ".join(f"{plan.count(a)} {a}" for a in ("create", "update", "unchanged", "skip"))
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: {summary}; nothing was changed."))
            return
        apply(plan)
        self.stdout.write(self.style.SUCCESS(f"Imported from {file.name}: {summary}."))
