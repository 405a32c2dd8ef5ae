from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publishing.content.errors import ContentError
from website.corpus.database import load_corpus
from website.corpus.records import read_corpus


class Command(BaseCommand):
    help = "Load the corpus (content/) into the database: upsert by key, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.CONTENT_DIR))

    def handle(self, *args, directory, **options):
        directory = Path(directory)
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such directory")
        languages = [code for code, _name in settings.LANGUAGES]
        try:
            report = load_corpus(read_corpus(directory, languages), directory)
        except ContentError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        self.stdout.write(self.style.SUCCESS(f"Content loaded from {directory}: {report}."))
        if options["verbosity"] > 1:
            for label in report.created + report.updated:
                self.stdout.write(f"  {label}")
