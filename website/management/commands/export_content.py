from pathlib import Path

from django.core.management.base import BaseCommand

from website.corpus.database import corpus_from_database
from website.corpus.records import write_corpus


class Command(BaseCommand):
    help = "Write the database's entries to DIR in the content/ format (the inverse of load_content)."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        corpus = corpus_from_database()
        write_corpus(corpus, Path(directory))
        self.stdout.write(
            self.style.SUCCESS(f"Exported {len(corpus.terms)} terms and {len(corpus.careers)} careers to {directory}.")
        )
