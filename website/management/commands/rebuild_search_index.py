from django.core.management.base import BaseCommand

from website.search import index_version
from website.search.documents import models


class Command(BaseCommand):
    help = "Recompute the search index of every language version (after an upgrade or a bulk import)."

    def handle(self, *args, **options):
        count = 0
        for model in models().values():
            for version in model.objects.iterator(chunk_size=500):
                index_version(version)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} versions indexed."))
