from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from website.opendata import store


class Command(BaseCommand):
    help = (
        "Build the bulk downloads (JSON, CSV, SKOS, TBX) from the published content now, ahead of "
        "readers; otherwise the first request after a change builds them."
    )

    def handle(self, *args, **options):
        built = store.build()
        for name, file in built.files.items():
            self.stdout.write(f"{name}\t{filesizeformat(file['size'])}")
        self.stdout.write(self.style.SUCCESS(f"Built in {built.folder}"))
